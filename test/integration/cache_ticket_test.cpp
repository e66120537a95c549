// Package cache tickets (scripts/jsii-deps.mjs, kernel_packages.cpp): once a tarball is extracted in the
// kernel's package cache, later starts hand the kernel a small ticket instead of the tarball, so it does not
// digest tens of megabytes to find the same extracted package.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "test_support.hpp"

namespace {

namespace fs = std::filesystem;

jsii::Json manifest_entry(const std::string& name) {
  std::ifstream in(PROJECT_SOURCE_DIR "/build/jsii-deps/packages.json");
  const jsii::Json manifest = jsii::Json::parse(in);
  for (const auto& package : manifest["packages"]) {
    if (package["name"] == name) return package;
  }
  ADD_FAILURE() << name << " is not in build/jsii-deps/packages.json";
  return {};
}

class PackageCacheTickets : public ::testing::Test {
 protected:
  void SetUp() override {
    work_ = test_support::scratch_dir("cache-ticket");
    cache_root_ = fs::path(work_) / "cache";
    ASSERT_EQ(setenv("JSII_RUNTIME_PACKAGE_CACHE_ROOT", cache_root_.c_str(), 1), 0);
    entry_ = manifest_entry("constructs");
    ASSERT_TRUE(entry_.contains("cache")) << "packages.json predates tickets: run scripts/setup.sh";
  }
  void TearDown() override {
    unsetenv("JSII_RUNTIME_PACKAGE_CACHE_ROOT");
    unsetenv("JSII_CPP_PACKAGES");
  }

  fs::path cache_entry(const std::string& digest) const {
    return cache_root_ / "constructs" / entry_["version"].get<std::string>() / digest;
  }

  std::string work_;
  fs::path cache_root_;
  jsii::Json entry_;
};

TEST_F(PackageCacheTickets, TheNextStartFindsTheExtractedPackageThroughTheTicket) {
  // A manifest naming a copy of the tarball, so the test can take the tarball away afterwards.
  const fs::path tarball = fs::path(work_) / "constructs.tgz";
  fs::copy_file(entry_["tarball"].get<std::string>(), tarball);
  jsii::Json entry = entry_;
  entry["tarball"] = tarball.string();
  const fs::path manifest = fs::path(work_) / "packages.json";
  std::ofstream(manifest) << jsii::Json{{"packages", {entry}}}.dump();
  ASSERT_EQ(setenv("JSII_CPP_PACKAGES", manifest.c_str(), 1), 0);
  const fs::path tarball_entry = cache_entry(entry_["cache"]["digest"]);
  const fs::path ticket_entry = cache_entry(entry_["cache"]["ticketDigest"]);

  {
    jsii::Kernel kernel;
    kernel.load_package("constructs");
    EXPECT_NO_THROW(kernel.create("constructs.RootConstruct", jsii::Json::array({"first"})));
  }
  EXPECT_TRUE(fs::exists(tarball_entry / ".jsii-runtime-package-cache"))
      << "the first start extracts the tarball";
  EXPECT_FALSE(fs::exists(ticket_entry)) << "no ticket before the tarball's entry exists";

  fs::remove(tarball);  // only the ticket can find the package now
  {
    jsii::Kernel kernel;
    kernel.load_package("constructs");
    EXPECT_NO_THROW(kernel.create("constructs.RootConstruct", jsii::Json::array({"second"})));
  }
  ASSERT_TRUE(fs::exists(ticket_entry / ".jsii-runtime-package-cache"));
  EXPECT_TRUE(fs::equivalent(tarball_entry / "package.json", ticket_entry / "package.json"))
      << "the ticket's entry is a hard-linked copy, not a second extraction";
}

TEST_F(PackageCacheTickets, ATicketIsNeverExtractedIntoTheCache) {
  // Handed to a kernel whose cache has no entry for it, a ticket fails the load (it is not an archive) and
  // leaves nothing in the cache that a later start could take for the package.
  jsii::Kernel kernel;
  EXPECT_THROW(kernel.load("constructs", entry_["version"].get<std::string>(),
                           entry_["cache"]["ticket"].get<std::string>()),
               jsii::Error);
  EXPECT_FALSE(fs::exists(cache_entry(entry_["cache"]["ticketDigest"]) / ".jsii-runtime-package-cache"));
}

TEST_F(PackageCacheTickets, WithThePackageCacheOffTheTarballIsLoaded) {
  ASSERT_EQ(setenv("JSII_RUNTIME_PACKAGE_CACHE", "disabled", 1), 0);
  {
    jsii::Kernel kernel;
    kernel.load_package("constructs");
  }
  {
    jsii::Kernel kernel;
    kernel.load_package("constructs");
  }
  unsetenv("JSII_RUNTIME_PACKAGE_CACHE");
  EXPECT_FALSE(fs::exists(cache_entry(entry_["cache"]["ticketDigest"]))) << "no ticket without the cache";
}

TEST(PackageCacheTicketLoads, AKernelThatCannotStartIsReportedAsSuchNotAsACacheProblem) {
  // The shared cache has complete entries (the build primes it), so this load would go through a ticket.
  ASSERT_EQ(setenv("JSII_NODE", "/bin/false", 1), 0);
  try {
    jsii::Kernel kernel;
    kernel.load_package("constructs");
    ADD_FAILURE() << "a kernel that exits at once loaded a package";
  } catch (const jsii::KernelDied& died) {
    const std::string message = died.what();
    EXPECT_NE(message.find("ended before its handshake"), std::string::npos) << message;
    EXPECT_EQ(message.find("cache"), std::string::npos) << "not a package cache problem: " << message;
  }
  unsetenv("JSII_NODE");
}

}  // namespace

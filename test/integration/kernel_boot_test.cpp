// The kernel's bundle starts through kernel-boot.cjs with V8's code cache: written once, then reused; and the
// kernel still starts with the boot script turned off.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "test_support.hpp"

namespace {

namespace fs = std::filesystem;

std::vector<fs::path> code_caches(const fs::path& cache_root) {
  std::vector<fs::path> out;
  const fs::path dir = cache_root / ".jsii-cpp-code-cache";
  if (!fs::exists(dir)) return out;
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (entry.path().extension() == ".v8cache") out.push_back(entry.path());
  }
  return out;
}

std::string hello_with(const std::vector<std::pair<std::string, std::string>>& environment) {
  for (const auto& [name, value] : environment) EXPECT_EQ(setenv(name.c_str(), value.c_str(), 1), 0);
  jsii::Kernel kernel;
  std::string version = kernel.runtime_version();
  kernel.shutdown();
  for (const auto& [name, value] : environment) EXPECT_EQ(unsetenv(name.c_str()), 0);
  return version;
}

TEST(KernelBoot, TheBundleIsCompiledIntoV8sCodeCacheOnceAndThenReused) {
  const fs::path root = test_support::scratch_dir("code-cache");
  const std::string expected = "@jsii/runtime@" + test_support::jsii_runtime_version();

  EXPECT_EQ(hello_with({{"JSII_RUNTIME_PACKAGE_CACHE_ROOT", root.string()}}), expected);
  const auto written = code_caches(root);
  ASSERT_EQ(written.size(), 1U) << "no code cache under " << root;
  EXPECT_GT(fs::file_size(written.front()), 1000U);
  const auto first_write = fs::last_write_time(written.front());

  // V8 accepts it: the second run starts from it and does not write it again.
  EXPECT_EQ(hello_with({{"JSII_RUNTIME_PACKAGE_CACHE_ROOT", root.string()}}), expected);
  ASSERT_EQ(code_caches(root).size(), 1U);
  EXPECT_EQ(fs::last_write_time(written.front()), first_write);

  // A damaged cache is rejected by V8, the kernel starts anyway and the cache is rewritten.
  fs::resize_file(written.front(), 100);
  EXPECT_EQ(hello_with({{"JSII_RUNTIME_PACKAGE_CACHE_ROOT", root.string()}}), expected);
  EXPECT_GT(fs::file_size(written.front()), 1000U);
}

TEST(KernelBoot, TurnedOffTheKernelStartsDirectlyAndWritesNoCache) {
  const fs::path root = test_support::scratch_dir("no-code-cache");
  EXPECT_EQ(hello_with({{"JSII_RUNTIME_PACKAGE_CACHE_ROOT", root.string()}, {"JSII_CPP_KERNEL_BOOT", "off"}}),
            "@jsii/runtime@" + test_support::jsii_runtime_version());
  EXPECT_TRUE(code_caches(root).empty());
}

}  // namespace

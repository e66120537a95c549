// JSII_CPP_PROFILE: where a process's time went (bench/run prints it). Checks the accounting, not the times.
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <map>
#include <string>

#include "test_support.hpp"

namespace {

namespace wire = jsii::wire;

std::map<std::string, double> read_profile(const std::string& path) {
  std::map<std::string, double> figures;
  std::ifstream in(path);
  std::string line;
  while (std::getline(in, line)) {
    const auto colon = line.find(": ");
    if (colon != std::string::npos) figures[line.substr(0, colon)] = std::stod(line.substr(colon + 2));
  }
  return figures;
}

TEST(KernelProfile, CountsRequestsByKindAndPackageLoadsWhenTheKernelStops) {
  const std::string file = test_support::scratch_dir("profile") + "/profile.txt";
  ASSERT_EQ(setenv("JSII_CPP_PROFILE", file.c_str(), 1), 0);
  {
    jsii::Kernel kernel;
    kernel.load_package("aws-cdk-lib");
    const auto duration = wire::as_byref(kernel.sinvoke("aws-cdk-lib.Duration", "seconds", {120}));
    EXPECT_EQ(kernel.invoke(duration, "toMinutes"), 2);
    EXPECT_EQ(kernel.invoke(duration, "toSeconds"), 120);
  }  // the kernel stops here and writes the profile
  ASSERT_EQ(unsetenv("JSII_CPP_PROFILE"), 0);

  const auto figures = read_profile(file);
  ASSERT_FALSE(figures.empty()) << "nothing written to " << file;
  EXPECT_EQ(figures.at("kernel_requests_sinvoke"), 1);
  EXPECT_EQ(figures.at("kernel_requests_invoke"), 2);
  EXPECT_EQ(figures.at("kernel_requests_load_aws-cdk-lib"), 1);
  EXPECT_EQ(figures.at("kernel_requests_load_constructs"), 1);
  EXPECT_EQ(figures.at("package_loads"), figures.at("kernel_requests") - 3);  // everything else was a load
  EXPECT_GT(figures.at("node_start_to_hello_ms"), 0);
  EXPECT_GE(figures.at("waiting_on_kernel_ms"), figures.at("package_loads_ms"));
  EXPECT_GT(figures.at("cpp_peak_rss_kib"), 0);
  EXPECT_EQ(figures.count("synth_phase_ms"), 0U);  // no synth happened
}

}  // namespace

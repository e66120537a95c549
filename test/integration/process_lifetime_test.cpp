// No node process outlives the C++ program, however it ends; console output is relayed byte for byte.
#include <gtest/gtest.h>
#include <signal.h>

#include <chrono>
#include <random>
#include <thread>

#include "test_support.hpp"

namespace {

using namespace std::chrono_literals;

std::string unique_marker() {
  std::random_device random;
  return "JSII_CPP_TEST_MARKER=" + std::to_string(random()) + std::to_string(random());
}

/// Waits up to 10 s for every process carrying `marker` to be gone; returns those still alive.
std::vector<int> survivors(const std::string& marker) {
  for (int i = 0; i < 200; ++i) {
    if (test_support::processes_with_marker(marker).empty()) return {};
    std::this_thread::sleep_for(50ms);
  }
  return test_support::processes_with_marker(marker);
}

struct Ending {
  std::string mode;
  int expected_status;  // cppcheck-suppress unusedStructMember ; read through GetParam()
  int signal_after_ms = -1;
  int signal = 0;
};

void PrintTo(const Ending& ending, std::ostream* out) {
  *out << ending.mode << " (signal " << ending.signal << ")";
}

class ProcessLifetime : public ::testing::TestWithParam<Ending> {};

TEST_P(ProcessLifetime, NoNodeIsLeftBehind) {
  const auto& ending = GetParam();
  const std::string marker = unique_marker();
  const auto result =
      test_support::run_child(ending.mode, {marker}, 120, ending.signal_after_ms, ending.signal);
  EXPECT_EQ(result.status, ending.expected_status) << result.err;
  EXPECT_NE(result.out.find("kernel pid "), std::string::npos) << "the kernel was started: " << result.out;
  EXPECT_EQ(survivors(marker), std::vector<int>{}) << "orphaned node processes for mode " << ending.mode;
}

INSTANTIATE_TEST_SUITE_P(Endings, ProcessLifetime,
                         ::testing::Values(Ending{"return", 0}, Ending{"exit", 3}, Ending{"quick-exit", 4},
                                           Ending{"throw", 128 + SIGABRT}, Ending{"abort", 128 + SIGABRT},
                                           Ending{"sigterm-self", 128 + SIGTERM},
                                           Ending{"sigint-self", 128 + SIGINT},
                                           Ending{"busy", 128 + SIGTERM, 4000, SIGTERM},
                                           Ending{"busy", 128 + SIGINT, 4000, SIGINT},
                                           Ending{"busy", 128 + SIGKILL, 4000, SIGKILL}),
                         [](const ::testing::TestParamInfo<Ending>& param) {
                           std::string name = param.param.mode + "_" + std::to_string(param.index);
                           for (char& c : name) {
                             if (c == '-') c = '_';
                           }
                           return name;
                         });

class ConsoleRelay : public ::testing::TestWithParam<std::string> {};

TEST_P(ConsoleRelay, JsConsoleBytesArriveUnchanged) {
  const std::string preload =
      std::string("NODE_OPTIONS=--require ") + JSII_TEST_FIXTURES_DIR + "/console-output.js";
  const auto result = test_support::run_child("console", {preload, "JSII_CPP_TRANSPORT=" + GetParam()});
  ASSERT_EQ(result.status, 0) << result.err;
  const std::string expected_out = "js stdout: caf\xc3\xa9 \xf0\x9f\x9a\x80 \xe2\x82\xac\n";
  EXPECT_NE(result.out.find(expected_out), std::string::npos) << result.out;
  EXPECT_LT(result.out.find(expected_out), result.out.find("c++ stdout after")) << result.out;
  const std::string expected_err("js err: \xff\x00\x01\n", 12);
  EXPECT_NE(result.err.find(expected_err), std::string::npos) << result.err;
  EXPECT_EQ(result.err.find("end-of-life"), std::string::npos)
      << "the node EOL banner is silenced: " << result.err;
  EXPECT_EQ(result.err.find("$jsii"), std::string::npos) << result.err;
  EXPECT_EQ(result.err.find("{\"stderr\""), std::string::npos) << "relay lines are decoded: " << result.err;
}

INSTANTIATE_TEST_SUITE_P(Transports, ConsoleRelay, ::testing::Values("direct", "wrapper"));

TEST(Transport, WrapperTransportServesRequestsToo) {
  jsii::Kernel::Options options;
  options.transport = jsii::Transport::wrapper;
  jsii::Kernel kernel(options);
  kernel.load_package("aws-cdk-lib");
  const auto days = jsii::wire::as_byref(kernel.sinvoke("aws-cdk-lib.Duration", "days", {2}));
  EXPECT_EQ(kernel.invoke(days, "toHours"), 48);
}

}  // namespace

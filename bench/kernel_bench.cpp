// Kernel benchmark: warm start and request throughput of the C++ runtime, side by side with a minimal node
// client doing the same calls through the standard jsii-runtime.js entry. Prints `name: value` lines; asserts
// nothing.
//
// usage: jsii-kernel-bench [calls per operation, default 5000] [start-up repetitions, default 5]
#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <jsii/kernel.hpp>
#include <memory>
#include <string>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;
using jsii::Json;

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

double median(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  return values[values.size() / 2];
}

struct Rates {
  double get = 0;
  double invoke = 0;
  double create = 0;
};

/// One figure for "how much faster than the baseline" across the three operations.
double geometric_mean_ratio(const Rates& ours, const Rates& baseline) {
  return std::cbrt((ours.get / baseline.get) * (ours.invoke / baseline.invoke) *
                   (ours.create / baseline.create));
}

template <typename Call>
double rate(int calls, Call&& call) {
  for (int i = 0; i < std::min(200, calls); ++i) call();  // warm-up
  const auto start = Clock::now();
  for (int i = 0; i < calls; ++i) call();
  return calls / seconds_since(start);
}

Rates measure_cpp(jsii::Transport transport, int calls) {
  jsii::Kernel kernel(jsii::Kernel::Options{.transport = transport});
  kernel.load_package("aws-cdk-lib");
  const auto app = kernel.create("aws-cdk-lib.App");
  const auto stack = kernel.create("aws-cdk-lib.Stack", {jsii::wire::byref(app), "Bench"});
  const auto duration = jsii::wire::as_byref(kernel.sinvoke("aws-cdk-lib.Duration", "minutes", {5}));
  Rates r;
  r.get = rate(calls, [&] { (void)kernel.get(stack, "stackName"); });
  r.invoke = rate(calls, [&] { (void)kernel.invoke(duration, "toSeconds"); });
  r.create = rate(calls, [&] { (void)kernel.create("aws-cdk-lib.aws_iam.PolicyStatement"); });
  return r;
}

Rates measure_node(int calls) {
  const std::string command = std::string("node \"") + JSII_BENCH_NODE_CLIENT + "\" \"" +
                              JSII_BENCH_RUNTIME_DIR + "\" \"" + JSII_BENCH_PACKAGES + "\" " +
                              std::to_string(calls);
  std::unique_ptr<FILE, int (*)(FILE*)> pipe(::popen(command.c_str(), "r"), ::pclose);
  if (!pipe) throw std::runtime_error("cannot run " + command);
  std::string output;
  std::array<char, 4096> buffer{};
  while (std::fgets(buffer.data(), static_cast<int>(buffer.size()), pipe.get()) != nullptr)
    output += buffer.data();
  const auto result = Json::parse(output, nullptr, false);
  if (!result.is_object()) throw std::runtime_error("node client printed: " + output);
  return {result["get"].get<double>(), result["invoke"].get<double>(), result["create"].get<double>()};
}

void print(const std::string& name, double value) {
  std::cout << name << ": " << value << "\n" << std::flush;
}

}  // namespace

int main(int argc, char** argv) {
  const int calls = argc > 1 ? std::atoi(argv[1]) : 5000;
  const int starts = argc > 2 ? std::atoi(argv[2]) : 5;
  try {
    // Warm start: spawn -> hello -> aws-cdk-lib and its dependencies loaded (package cache and index warm).
    std::vector<double> hello_times;
    std::vector<double> loaded_times;
    for (int i = 0; i < starts; ++i) {
      const auto start = Clock::now();
      jsii::Kernel kernel;
      kernel.start();
      hello_times.push_back(seconds_since(start));
      kernel.load_package("aws-cdk-lib");
      loaded_times.push_back(seconds_since(start));
    }
    std::cout << "transport_cpp: direct (node lib/program.js, FD 3 on a socketpair)\n";
    std::cout << "transport_node_baseline: wrapper (node bin/jsii-runtime.js, stdio pipes)\n";
    print("warm_start_hello_seconds_median", median(hello_times));
    print("warm_start_all_loaded_seconds_median", median(loaded_times));
    print("warm_start_goal_seconds", 0.4);

    const Rates direct = measure_cpp(jsii::Transport::direct, calls);
    const Rates wrapper = measure_cpp(jsii::Transport::wrapper, calls);
    const Rates node = measure_node(calls);
    for (const auto& [op, cpp_d, cpp_w, js] :
         {std::tuple{"get", direct.get, wrapper.get, node.get},
          std::tuple{"invoke", direct.invoke, wrapper.invoke, node.invoke},
          std::tuple{"create", direct.create, wrapper.create, node.create}}) {
      print(std::string("calls_per_second_") + op + "_cpp_direct", cpp_d);
      print(std::string("calls_per_second_") + op + "_cpp_wrapper", cpp_w);
      print(std::string("calls_per_second_") + op + "_node_wrapper", js);
      print(std::string("ratio_") + op + "_cpp_direct_over_node", cpp_d / js);
    }
    print("kernel_throughput_ratio_cpp_over_node", geometric_mean_ratio(direct, node));
    print("kernel_throughput_ratio_cpp_same_transport_over_node", geometric_mean_ratio(wrapper, node));
  } catch (const std::exception& e) {
    std::cerr << "jsii-kernel-bench: " << e.what() << "\n";
    return 1;
  }
  return 0;
}

// jsii_test_child: uses the kernel, then ends the way argv[1] says, so the lifetime tests can check that no
// node process outlives it and that console output is relayed byte for byte.
#include <csignal>
#include <cstdlib>
#include <iostream>
#include <jsii/kernel.hpp>
#include <stdexcept>
#include <string>
#include <thread>

int main(int argc, char** argv) {
  const std::string mode = argc > 1 ? argv[1] : "return";
  auto& kernel = jsii::Kernel::instance();
  std::cout << "kernel pid " << kernel.pid() << std::endl;
  if (mode == "console") {
    // The preload writes to the JS console when the kernel starts; one more request makes sure it all
    // arrived.
    kernel.load_package("constructs");
    std::cout << "c++ stdout after" << std::endl;
    return 0;
  }
  kernel.load_package("aws-cdk-lib");
  const auto app = kernel.create("aws-cdk-lib.App");
  if (mode == "return") return 0;
  if (mode == "exit") std::exit(3);
  if (mode == "quick-exit") std::quick_exit(4);
  if (mode == "throw") throw std::runtime_error("uncaught on purpose");
  if (mode == "abort") std::abort();
  if (mode == "sigterm-self") std::raise(SIGTERM);
  if (mode == "sigint-self") std::raise(SIGINT);
  if (mode == "busy") {
    // Keep the kernel busy with real work until the test signals us.
    std::cout << "busy" << std::endl;
    const auto stack = kernel.create("aws-cdk-lib.Stack", {jsii::wire::byref(app), "Busy"});
    for (int i = 0;; ++i) {
      (void)kernel.create("aws-cdk-lib.aws_s3.Bucket", {jsii::wire::byref(stack), "B" + std::to_string(i)});
    }
  }
  std::cerr << "unknown mode " << mode << "\n";
  return 2;
}

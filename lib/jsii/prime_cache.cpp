// jsii-prime: loads every package of a packages.json once so that the kernel's package cache and runtime
// index are in place before the first real run (a cold aws-cdk-lib load takes seconds; an indexed one ~50
// ms).
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <jsii/kernel.hpp>

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: jsii-prime <packages.json>\n";
    return 2;
  }
  try {
    std::ifstream in(argv[1]);
    const auto manifest = jsii::Json::parse(in, nullptr, /*allow_exceptions=*/false);
    if (!manifest.is_object() || !manifest.contains("packages")) {
      std::cerr << "jsii-prime: " << argv[1] << " is not a packages manifest; run scripts/setup.sh\n";
      return 1;
    }
    ::setenv("JSII_CPP_PACKAGES", argv[1], 1);
    jsii::Kernel kernel;
    for (const auto& package : manifest["packages"]) {
      const auto began = std::chrono::steady_clock::now();
      kernel.load_package(package.at("name").get<std::string>());
      const std::chrono::duration<double> took = std::chrono::steady_clock::now() - began;
      std::cout << "jsii-prime: " << package.at("name").get<std::string>() << " loaded in " << took.count()
                << " s\n";
    }
    kernel.shutdown();  // waits for the runtime index of every slow load
    std::cout << "jsii-prime: package cache ready\n";
  } catch (const std::exception& e) {
    std::cerr << "jsii-prime: " << e.what() << "\n";
    return 1;
  }
  return 0;
}

// jsii-codegen: reads a jsii assembly from an installed npm package. This first stage validates and
// summarises the assembly (types by kind, submodules, C++ names); emitting bindings is the next stage (issue
// "Code generator").
//
// usage: jsii-codegen <package dir> [--names]
#include <chrono>
#include <iostream>
#include <map>
#include <set>

#include "assembly.hpp"
#include "naming.hpp"

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << "usage: jsii-codegen <package dir> [--names]\n";
    return 2;
  }
  try {
    const auto began = std::chrono::steady_clock::now();
    const auto assembly = jsii_codegen::load_assembly(argv[1]);
    const std::chrono::duration<double> took = std::chrono::steady_clock::now() - began;
    const std::string name = assembly.value("name", "");
    std::set<std::string, std::less<>> submodules;
    for (const auto& [fqn, submodule] : assembly.value("submodules", nlohmann::json::object()).items()) {
      submodules.insert(fqn);
    }
    std::map<std::string, int> kinds;
    const auto& types = assembly.at("types");
    for (const auto& [fqn, type] : types.items()) {
      const std::string kind = type.value("kind", "");
      ++kinds[kind == "interface" && type.value("datatype", false) ? "struct" : kind];
      if (argc > 2 && std::string(argv[2]) == "--names") {
        std::cout << fqn << " -> " << jsii_codegen::cpp_qualified_name(name, fqn, submodules) << "\n";
      }
    }
    std::cout << "assembly: " << name << "@" << assembly.value("version", "") << "\n";
    std::cout << "types: " << types.size() << "\n";
    for (const auto& [kind, count] : kinds) std::cout << "types_" << kind << ": " << count << "\n";
    std::cout << "submodules: " << submodules.size() << "\n";
    std::cout << "read_seconds: " << took.count() << "\n";
  } catch (const std::exception& e) {
    std::cerr << "jsii-codegen: " << e.what() << "\n";
    return 1;
  }
  return 0;
}

// jsii-codegen: C++ bindings from a jsii assembly in an installed npm package.
//
//   jsii-codegen <package dir> --out <dir> [--tarball <tgz>] [--batch-weight <n>] [--quiet]
//   jsii-codegen <package dir> --dependencies  (its jsii dependencies: `name<TAB>dir` per line)
//   jsii-codegen <package dir> [--names]      (summary of the assembly: types by kind, C++ names)
#include <chrono>
#include <iostream>
#include <map>
#include <set>
#include <string>

#include "analysis.hpp"
#include "assembly.hpp"
#include "generator.hpp"
#include "model.hpp"
#include "naming.hpp"

namespace {

constexpr const char* kUsage =
    "usage: jsii-codegen <package dir> --out <dir> [--tarball <tgz>] [--batch-weight <n>] [--quiet]\n"
    "       jsii-codegen <package dir> [--names]\n";

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

int summarize(const std::string& package_dir, bool names) {
  const auto began = std::chrono::steady_clock::now();
  const auto assembly = jsii_codegen::load_assembly(package_dir);
  const double took = seconds_since(began);
  const std::string name = assembly.value("name", "");
  std::set<std::string, std::less<>> submodules;
  const auto submodule_map = assembly.value("submodules", nlohmann::json::object());  // items() does not own
  for (const auto& [fqn, submodule] : submodule_map.items()) {
    submodules.insert(fqn);
  }
  std::map<std::string, int> kinds;
  const auto& types = assembly.at("types");
  for (const auto& [fqn, type] : types.items()) {
    const std::string kind = type.value("kind", "");
    ++kinds[kind == "interface" && type.value("datatype", false) ? "struct" : kind];
    if (names) std::cout << fqn << " -> " << jsii_codegen::cpp_qualified_name(name, fqn, submodules) << "\n";
  }
  std::cout << "assembly: " << name << "@" << assembly.value("version", "") << "\n";
  std::cout << "types: " << types.size() << "\n";
  for (const auto& [kind, count] : kinds) std::cout << "types_" << kind << ": " << count << "\n";
  std::cout << "submodules: " << submodules.size() << "\n";
  std::cout << "read_seconds: " << took << "\n";
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << kUsage;
    return 2;
  }
  const std::string package_dir = argv[1];
  jsii_codegen::GenerateOptions options;
  bool names = false;
  bool quiet = false;
  bool dependencies = false;
  for (int i = 2; i < argc; ++i) {
    const std::string arg = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) {
        std::cerr << "jsii-codegen: " << arg << " needs a value\n" << kUsage;
        std::exit(2);
      }
      return argv[++i];
    };
    if (arg == "--out") {
      options.out = value();
    } else if (arg == "--tarball") {
      options.tarball = value();
    } else if (arg == "--batch-weight") {
      options.batch_weight = std::stoul(value());
    } else if (arg == "--quiet") {
      quiet = true;
    } else if (arg == "--dependencies") {
      dependencies = true;
    } else if (arg == "--names") {
      names = true;
    } else {
      std::cerr << "jsii-codegen: unknown argument '" << arg << "'\n" << kUsage;
      return 2;
    }
  }
  try {
    if (dependencies) {  // direct jsii dependencies, `name<TAB>package dir` per line (for CMake)
      for (const auto& [name, dir] : jsii_codegen::jsii_dependencies(package_dir)) {
        std::cout << name << "\t" << dir.string() << "\n";
      }
      return 0;
    }
    if (options.out.empty()) return summarize(package_dir, names);
    const auto began = std::chrono::steady_clock::now();
    const auto types = jsii_codegen::TypeSystem::load(package_dir);
    const std::string label = types.root().name + "@" + types.root().version;
    const double read = seconds_since(began);
    if (!quiet)
      std::cout << "jsii-codegen: " << label << ": read " << types.types().size() << " types in " << read
                << " s\n"
                << std::flush;
    const jsii_codegen::Analysis analysis(types);
    if (!quiet) {
      options.progress = [&](const std::string& line) {
        std::cout << "jsii-codegen: " << label << ": " << line << "\n" << std::flush;
      };
    }
    const auto result = jsii_codegen::generate(analysis, options);
    if (!quiet) {
      std::cout << "jsii-codegen: " << label << ": " << result.types << " types in " << result.modules
                << " modules -> " << options.out.string() << " (" << result.written << " files written, "
                << result.unchanged << " unchanged, " << result.removed << " removed) in "
                << seconds_since(began) << " s\n";
    }
  } catch (const std::exception& e) {
    std::cerr << "jsii-codegen: " << package_dir << ": " << e.what() << "\n";
    return 1;
  }
  return 0;
}

// infra-environments-table: prints the per-environment differences as Markdown, or with
// `--write <file>` replaces the generated table in that file (docs/environments.md).
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>

#include "config/environments.hpp"
#include "config/environments_table.hpp"

int main(int argc, char** argv) {
  std::vector<infra::config::EnvironmentConfig> configs;
  for (const auto& name : infra::config::environment_names())
    configs.push_back(*infra::config::find_environment(name));
  const std::string table = infra::config::environments_table(configs);
  const std::string usage = "usage: infra-environments-table [--write <markdown file>]";
  if (argc == 1) {
    std::cout << table;
    return 0;
  }
  if (argc != 3 || std::string(argv[1]) != "--write") {
    std::cerr << usage << "\n";
    return 2;
  }
  const std::string path = argv[2];
  std::ifstream in(path);
  if (!in) {
    std::cerr << "infra-environments-table: cannot read " << path << "\n";
    return 1;
  }
  std::stringstream document;
  document << in.rdbuf();
  try {
    const std::string updated = infra::config::with_table(document.str(), table);
    std::ofstream(path) << updated;
  } catch (const std::exception& e) {
    std::cerr << "infra-environments-table: " << path << ": " << e.what() << "\n";
    return 1;
  }
  return 0;
}

// The generator's whole output for the fixture library, compared with the reviewed copy in test/golden/: a
// change to emitted code shows up in review as a diff of these files. After an intended change:
//   scripts/update-golden.sh
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>

#include "analysis.hpp"
#include "generator.hpp"
#include "model.hpp"

namespace {

namespace cg = jsii_codegen;
namespace fs = std::filesystem;

// Every file under `root`, by relative path, with the output directory's own path replaced by @OUT@ (the
// generated loader names its type list by absolute path).
std::map<std::string, std::string> files_under(const fs::path& root, const std::string& out_dir) {
  std::map<std::string, std::string> files;
  for (const auto& entry : fs::recursive_directory_iterator(root)) {
    if (!entry.is_regular_file()) continue;
    std::ifstream in(entry.path(), std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    std::string content = text.str();
    for (auto at = content.find(out_dir); !out_dir.empty() && at != std::string::npos;
         at = content.find(out_dir, at)) {
      content.replace(at, out_dir.size(), "@OUT@");
    }
    files.emplace(fs::relative(entry.path(), root).generic_string(), std::move(content));
  }
  return files;
}

// "line N: expected `...`, generated `...`" for the first difference.
std::string first_difference(const std::string& expected, const std::string& actual) {
  std::istringstream a(expected);
  std::istringstream b(actual);
  std::string line_a;
  std::string line_b;
  for (int line = 1;; ++line) {
    const bool more_a = static_cast<bool>(std::getline(a, line_a));
    const bool more_b = static_cast<bool>(std::getline(b, line_b));
    if (!more_a && !more_b) return "identical";
    if (!more_a || !more_b || line_a != line_b) {
      return "line " + std::to_string(line) + ": golden `" + (more_a ? line_a : "<end>") + "`, generated `" +
             (more_b ? line_b : "<end>") + "`";
    }
  }
}

TEST(CodegenGolden, FixtureOutputMatchesTheReviewedCopy) {
  const fs::path out = fs::temp_directory_path() / ("jsii-codegen-golden-" + std::to_string(::getpid()));
  fs::remove_all(out);
  const auto types = cg::TypeSystem::load(JSII_FIXTURE_PACKAGE_DIR);
  const cg::Analysis analysis(types);
  (void)cg::generate(analysis, {out, "jsii-fixture-1.0.0.tgz", 300, {}});
  const auto generated = files_under(out, out.string());
  fs::remove_all(out);
  ASSERT_GT(generated.size(), 90U);

  const fs::path golden = fs::path(GOLDEN_DIR) / "jsii_fixture";
  if (const char* update = std::getenv("JSII_CODEGEN_UPDATE_GOLDEN"); update != nullptr && *update == '1') {
    fs::remove_all(golden);
    for (const auto& [path, content] : generated) {
      fs::create_directories((golden / path).parent_path());
      std::ofstream(golden / path, std::ios::binary) << content;
    }
    GTEST_SKIP() << "rewrote " << generated.size() << " golden files in " << golden;
  }

  const auto expected = files_under(golden, "");
  for (const auto& [path, content] : generated) {
    const auto found = expected.find(path);
    if (found == expected.end()) {
      ADD_FAILURE() << "new generated file " << path << " (scripts/update-golden.sh adds it)";
    } else if (found->second != content) {
      ADD_FAILURE() << path << " differs from the golden copy, " << first_difference(found->second, content)
                    << " (review, then scripts/update-golden.sh)";
    }
  }
  for (const auto& [path, content] : expected) {
    if (!generated.contains(path)) ADD_FAILURE() << "golden file " << path << " is no longer generated";
  }
}

}  // namespace

// Every ```cpp block of README.md and docs/*.md must be quoted in examples_test.cpp, which compiles and runs
// them: an example in the docs that no longer compiles fails the build, one that was edited without its
// compiled twin fails here. Lines are compared without their indentation; blank lines are ignored; a block's
// `#include` lines may stand anywhere in the file.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace {

std::string read(const std::filesystem::path& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot read " + path.string());
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string trim(const std::string& line) {
  const auto first = line.find_first_not_of(" \t\r");
  if (first == std::string::npos) return "";
  const auto last = line.find_last_not_of(" \t\r");
  return line.substr(first, last - first + 1);
}

std::vector<std::string> normalized_lines(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    line = trim(line);
    if (!line.empty()) out.push_back(line);
  }
  return out;
}

struct Block {
  std::string file;
  int line = 0;
  std::string text;
};

std::vector<Block> cpp_blocks(const std::filesystem::path& markdown) {
  std::vector<Block> blocks;
  std::istringstream in(read(markdown));
  std::string line;
  int number = 0;
  bool inside = false;
  while (std::getline(in, line)) {
    ++number;
    if (!inside && trim(line) == "```cpp") {
      inside = true;
      blocks.push_back({markdown.filename().string(), number, ""});
    } else if (inside && trim(line) == "```") {
      inside = false;
    } else if (inside) {
      blocks.back().text += line + "\n";
    }
  }
  return blocks;
}

bool contains_lines(const std::vector<std::string>& haystack, const std::vector<std::string>& needle) {
  if (needle.empty()) return true;
  for (std::size_t start = 0; start + needle.size() <= haystack.size(); ++start) {
    bool match = true;
    for (std::size_t i = 0; i < needle.size() && match; ++i) match = haystack[start + i] == needle[i];
    if (match) return true;
  }
  return false;
}

TEST(DocExamples, EveryCppBlockOfTheDocsIsCompiledByExamplesTest) {
  const std::filesystem::path root = PROJECT_SOURCE_DIR;
  const auto examples = normalized_lines(read(root / "test/docs/examples_test.cpp"));
  std::vector<std::filesystem::path> documents{root / "README.md"};
  for (const auto& entry : std::filesystem::recursive_directory_iterator(root / "docs")) {
    if (entry.path().extension() == ".md") documents.push_back(entry.path());
  }
  int checked = 0;
  for (const auto& document : documents) {
    for (const auto& block : cpp_blocks(document)) {
      std::vector<std::string> code;
      for (const auto& line : normalized_lines(block.text)) {
        if (line.starts_with("#include")) {
          EXPECT_TRUE(contains_lines(examples, {line}))
              << block.file << ":" << block.line << ": examples_test.cpp does not include " << line;
        } else {
          code.push_back(line);
        }
      }
      EXPECT_TRUE(contains_lines(examples, code))
          << block.file << ":" << block.line << ": this ```cpp block is not quoted verbatim in "
          << "test/docs/examples_test.cpp (which compiles and runs every example):\n"
          << block.text;
      ++checked;
    }
  }
  EXPECT_GE(checked, 14) << "fewer ```cpp blocks than the docs had when this test was written";
}

}  // namespace

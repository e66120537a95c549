// The Dockerfiles, checked the way hadolint would (it is not in our registries): there is no Docker engine
// here, so what an image build would catch late is caught by reading them.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

namespace {

const std::filesystem::path kDocker = PROJECT_SOURCE_DIR "/docker";

struct Instruction {
  std::string keyword;    // upper case
  std::string arguments;  // continuation lines joined
  int line = 0;
};

struct Stage {
  std::string image;
  std::string name;
  std::vector<Instruction> instructions;
};

std::vector<Stage> parse(const std::filesystem::path& file) {
  std::ifstream in(file);
  std::vector<Stage> stages;
  std::string logical;
  int number = 0;
  int start = 0;
  for (std::string line; std::getline(in, line);) {
    ++number;
    if (logical.empty()) {
      auto first = line.find_first_not_of(" \t");
      if (first == std::string::npos || line[first] == '#') continue;
      start = number;
    }
    bool continues = !line.empty() && line.back() == '\\';
    logical += continues ? line.substr(0, line.size() - 1) : line;
    if (continues) continue;
    std::istringstream words(logical);
    Instruction instruction;
    words >> instruction.keyword;
    for (char& c : instruction.keyword) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    std::getline(words >> std::ws, instruction.arguments);
    instruction.line = start;
    logical.clear();
    if (instruction.keyword == "FROM") {
      std::istringstream from(instruction.arguments);
      Stage stage;
      std::string as;
      from >> stage.image >> as >> stage.name;
      stages.push_back(stage);
    } else {
      if (stages.empty()) throw std::runtime_error(file.string() + ": instruction before FROM");
      stages.back().instructions.push_back(instruction);
    }
  }
  return stages;
}

std::vector<const Instruction*> find(const Stage& stage, const std::string& keyword) {
  std::vector<const Instruction*> found;
  for (const Instruction& instruction : stage.instructions) {
    if (instruction.keyword == keyword) found.push_back(&instruction);
  }
  return found;
}

class Dockerfile : public ::testing::TestWithParam<std::string> {
 protected:
  std::filesystem::path path() const { return kDocker / GetParam() / "Dockerfile"; }
  // api and worker build from docker/ (they share docker/common); the frontend from its own directory.
  std::filesystem::path context() const { return GetParam() == "frontend" ? kDocker / "frontend" : kDocker; }
};

TEST_P(Dockerfile, IsMultiStageWithPinnedBaseImages) {
  std::vector<Stage> stages = parse(path());
  ASSERT_GE(stages.size(), 2U);
  const std::regex pinned(R"(^[a-z0-9./-]+:[a-z0-9.-]*\d{8}[a-z0-9.-]*(@sha256:[0-9a-f]{64})?$)");
  for (const Stage& stage : stages) {
    EXPECT_TRUE(std::regex_match(stage.image, pinned))
        << stage.image << ": base images carry a dated tag (or a digest), never a moving one";
  }
  EXPECT_NE(find(stages.back(), "COPY").front()->arguments.find("--from="), std::string::npos)
      << "the runtime stage takes its build output from an earlier stage";
}

TEST_P(Dockerfile, RuntimeStageRunsAsNonRootWithAHealthCheck) {
  std::vector<Stage> stages = parse(path());
  const Stage& runtime = stages.back();
  auto users = find(runtime, "USER");
  ASSERT_FALSE(users.empty()) << "no USER in the runtime stage";
  EXPECT_NE(users.back()->arguments, "root");
  EXPECT_NE(users.back()->arguments, "0");
  auto checks = find(runtime, "HEALTHCHECK");
  ASSERT_EQ(checks.size(), 1U);
  EXPECT_NE(checks[0]->arguments.find("CMD"), std::string::npos);
  EXPECT_NE(checks[0]->arguments.find("--interval="), std::string::npos);
  auto entrypoints = find(runtime, "ENTRYPOINT");
  ASSERT_EQ(entrypoints.size(), 1U);
  EXPECT_EQ(entrypoints[0]->arguments.front(), '[') << "exec form, so the process gets SIGTERM itself";
}

TEST_P(Dockerfile, AptInstallsAreMinimalAndCleanedInTheSameLayer) {
  std::vector<Stage> stages = parse(path());
  for (const Stage& stage : stages) {
    for (const Instruction* run : find(stage, "RUN")) {
      if (run->arguments.find("apt-get install") == std::string::npos) continue;
      EXPECT_NE(run->arguments.find("--no-install-recommends"), std::string::npos) << "line " << run->line;
      EXPECT_NE(run->arguments.find("-y"), std::string::npos) << "line " << run->line;
      EXPECT_NE(run->arguments.find("apt-get update"), std::string::npos) << "line " << run->line;
      EXPECT_NE(run->arguments.find("rm -rf /var/lib/apt/lists/*"), std::string::npos)
          << "line " << run->line;
    }
  }
}

TEST_P(Dockerfile, EveryCopiedPathExistsInTheBuildContext) {
  std::vector<Stage> stages = parse(path());
  for (const Stage& stage : stages) {
    for (const Instruction* copy : find(stage, "COPY")) {
      if (copy->arguments.find("--from=") != std::string::npos) continue;
      std::istringstream words(copy->arguments);
      std::vector<std::string> parts;
      for (std::string word; words >> word;) parts.push_back(word);
      ASSERT_GE(parts.size(), 2U) << "line " << copy->line;
      for (std::size_t i = 0; i + 1 < parts.size(); ++i) {
        EXPECT_TRUE(std::filesystem::exists(context() / parts[i]))
            << GetParam() << " line " << copy->line << ": " << parts[i] << " is not in " << context();
      }
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Services, Dockerfile, ::testing::Values("api", "worker", "frontend"));

}  // namespace

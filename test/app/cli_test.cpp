// The app as users run it: the stock CDK CLI (`npx cdk synth`, `cdk diff`) reading cdk.json, whose launcher
// (scripts/cdk-app.sh) builds and runs cdk-app.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "../integration/test_support.hpp"
#include "../support/scratch.hpp"

namespace {

namespace fs = std::filesystem;

std::string file_bytes(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream content;
  content << in.rdbuf();
  return content.str();
}

// `cdk <arguments...>` in the repository (so cdk.json applies), building cdk-app in this test's build tree.
test_support::ChildResult cdk(const std::vector<std::string>& arguments, const std::string& marker = "none",
                              const std::string& build_dir = CDK_APP_BUILD_DIR) {
  std::vector<std::string> argv{"env", "-C", PROJECT_SOURCE_DIR, PROJECT_SOURCE_DIR "/node_modules/.bin/cdk"};
  argv.insert(argv.end(), arguments.begin(), arguments.end());
  argv.emplace_back("--no-notices");
  return test_support::run_command(argv,
                                   {"CDK_APP_BUILD_DIR=" + build_dir, "CDK_DISABLE_VERSION_CHECK=1",
                                    "CDK_DISABLE_CLI_TELEMETRY=true", "CDK_CPP_TEST_MARKER=" + marker},
                                   240);
}

test_support::ChildResult synth(const std::string& environment, const fs::path& outdir,
                                const std::string& marker = "none") {
  return cdk({"synth", "--quiet", "-c", "environment=" + environment, "--output", outdir.string()}, marker);
}

std::vector<std::string> templates_in(const fs::path& outdir) {
  std::vector<std::string> names;
  if (!fs::exists(outdir)) return names;
  for (const auto& entry : fs::directory_iterator(outdir)) {
    const std::string name = entry.path().filename().string();
    if (name.ends_with(".template.json")) names.push_back(name);
  }
  std::ranges::sort(names);
  return names;
}

nlohmann::json stack_names(const fs::path& outdir) {
  const auto manifest = nlohmann::json::parse(file_bytes(outdir / "manifest.json"));
  nlohmann::json names = nlohmann::json::object();
  for (const auto& [id, artifact] : manifest.at("artifacts").items()) {
    if (artifact.at("type") == "aws:cloudformation:stack") {
      names[id] = artifact.at("properties").value("stackName", id);
    }
  }
  return names;
}

TEST(Cli, SynthesizesDevStagingAndProduction) {
  const std::vector<std::string> four{"EdgeSecurityStack.template.json", "NetworkStack.template.json",
                                      "SecurityStack.template.json", "StorageStack.template.json"};
  for (const std::string environment : {"dev", "staging"}) {
    const auto outdir = test_support::scratch_directory("cli-" + environment);
    const auto result = synth(environment, outdir);
    ASSERT_EQ(result.status, 0) << environment << "\n" << result.err;
    EXPECT_EQ(templates_in(outdir), four) << environment;
    EXPECT_EQ(stack_names(outdir)["NetworkStack"], "infra-codebase-" + environment + "-network");
  }
  // "prod" selects production, which adds the replica stack in its replication region.
  const auto outdir = test_support::scratch_directory("cli-prod");
  const auto result = synth("prod", outdir);
  ASSERT_EQ(result.status, 0) << result.err;
  EXPECT_EQ(templates_in(outdir).size(), 5U);
  EXPECT_EQ(stack_names(outdir)["StorageReplicaStack"], "infra-codebase-production-storage-replica");
}

TEST(Cli, UnknownEnvironmentFailsListingTheValidNamesAndWritesNoTemplate) {
  const auto outdir = test_support::scratch_directory("cli-unknown");
  const auto result = synth("qa", outdir);
  EXPECT_NE(result.status, 0);
  EXPECT_NE(
      result.err.find("unknown environment 'qa' (valid: dev, staging, production; 'prod' means production)"),
      std::string::npos)
      << result.err;
  EXPECT_EQ(templates_in(outdir), std::vector<std::string>{});
}

TEST(Cli, TwoSynthsAreByteIdenticalAndLeaveNoProcessBehind) {
  const auto first = test_support::scratch_directory("cli-a");
  const auto second = test_support::scratch_directory("cli-b");
  const std::string marker = "cli-determinism-" + std::to_string(::getpid());
  ASSERT_EQ(synth("dev", first, marker).status, 0);
  ASSERT_EQ(synth("dev", second, marker).status, 0);
  const auto names = templates_in(first);
  ASSERT_EQ(names.size(), 4U);
  EXPECT_EQ(names, templates_in(second));
  for (const auto& name : names) {
    const std::string bytes = file_bytes(first / name);
    EXPECT_FALSE(bytes.empty()) << name;
    EXPECT_EQ(bytes, file_bytes(second / name)) << name << " differs between two synths";
  }
  // The CLI, the launcher, cdk-app and its node kernel all carried the marker; none may outlive the CLI.
  EXPECT_EQ(test_support::processes_with_marker("CDK_CPP_TEST_MARKER=" + marker), std::vector<int>{});
}

TEST(Cli, DiffAgainstASavedTemplateWorksOffline) {
  const auto outdir = test_support::scratch_directory("cli-diff");
  ASSERT_EQ(synth("prod", outdir).status, 0);
  const fs::path saved = outdir / "saved-network.json";
  auto network = nlohmann::json::parse(file_bytes(outdir / "NetworkStack.template.json"));
  // The "deployed" template has one NAT gateway fewer than the code: diff must show the addition.
  std::string removed;
  for (const auto& [id, resource] : network.at("Resources").items()) {
    if (resource.at("Type") == "AWS::EC2::NatGateway") removed = id;
  }
  ASSERT_FALSE(removed.empty());
  network["Resources"].erase(removed);
  std::ofstream(saved) << network.dump(1);

  const auto result = cdk({"diff", "NetworkStack", "-c", "environment=prod", "--template", saved.string(),
                           "--output", (outdir / "diff.out").string()});
  EXPECT_EQ(result.status, 0) << result.err;
  const std::string output = result.out + result.err;
  EXPECT_NE(output.find("AWS::EC2::NatGateway"), std::string::npos) << output;
  EXPECT_NE(output.find(removed), std::string::npos) << output;
}

TEST(Cli, LauncherExplainsAMissingBuildTree) {
  const auto outdir = test_support::scratch_directory("cli-nobuild");
  const auto result = cdk({"synth", "--quiet", "--output", outdir.string()}, "none", "/nonexistent/build");
  EXPECT_NE(result.status, 0);
  EXPECT_NE(
      result.err.find("cdk-app.sh: no configured build tree at /nonexistent/build; run scripts/setup.sh dev"),
      std::string::npos)
      << result.err;
}

TEST(CdkJson, CarriesTheFeatureFlagsAwsCdkLibRecommends) {
  const auto cdk_json = nlohmann::json::parse(file_bytes(fs::path(PROJECT_SOURCE_DIR) / "cdk.json"));
  const auto recommended = nlohmann::json::parse(
      file_bytes(fs::path(PROJECT_SOURCE_DIR) / "node_modules/aws-cdk-lib/recommended-feature-flags.json"));
  ASSERT_GT(recommended.size(), 50U);
  for (const auto& [flag, value] : recommended.items()) {
    ASSERT_TRUE(cdk_json.at("context").contains(flag)) << flag << " is missing from cdk.json";
    EXPECT_EQ(cdk_json.at("context").at(flag), value) << flag;
  }
  EXPECT_EQ(cdk_json.at("app"), "scripts/cdk-app.sh");
}

}  // namespace

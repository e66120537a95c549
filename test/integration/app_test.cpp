// The cdk-app executable as the CDK CLI runs it: CDK_OUTDIR and CDK_CONTEXT_JSON in, a cloud assembly out.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "test_support.hpp"

namespace {

std::string file_bytes(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream content;
  content << in.rdbuf();
  return content.str();
}

test_support::ChildResult synth(const std::string& outdir, const std::string& environment) {
  return test_support::run_program(
      CDK_APP_BINARY, "",
      {"CDK_OUTDIR=" + outdir, R"(CDK_CONTEXT_JSON={"environment":")" + environment + "\"}"});
}

TEST(App, SynthesizesTheSelectedEnvironment) {
  const std::string outdir = test_support::scratch_dir("app-staging");
  const auto result = synth(outdir, "staging");
  ASSERT_EQ(result.status, 0) << result.err;
  const auto tmpl = test_support::read_template(outdir, "Storage-staging");
  EXPECT_EQ(tmpl["Description"], "Storage for the staging environment");
  EXPECT_EQ(test_support::resources_of_type(tmpl, "AWS::S3::Bucket").size(), 1U);
  EXPECT_TRUE(std::filesystem::exists(std::filesystem::path(outdir) / "manifest.json"));
}

TEST(App, SameInputSynthesizesByteIdenticalTemplates) {
  const std::string first = test_support::scratch_dir("app-a");
  const std::string second = test_support::scratch_dir("app-b");
  ASSERT_EQ(synth(first, "dev").status, 0);
  ASSERT_EQ(synth(second, "dev").status, 0);
  const std::string a = file_bytes(std::filesystem::path(first) / "Storage-dev.template.json");
  EXPECT_FALSE(a.empty());
  EXPECT_EQ(a, file_bytes(std::filesystem::path(second) / "Storage-dev.template.json"));
}

TEST(App, UnknownEnvironmentFailsWithAClearMessage) {
  const auto result = synth(test_support::scratch_dir("app-bad"), "qa");
  EXPECT_EQ(result.status, 1);
  EXPECT_NE(result.err.find("unknown environment 'qa'"), std::string::npos) << result.err;
  EXPECT_NE(result.err.find("dev, staging, prod"), std::string::npos) << result.err;
}

}  // namespace

// The cdk-app executable as the CDK CLI runs it: CDK_OUTDIR and CDK_CONTEXT_JSON in, a cloud assembly out.
#include <gtest/gtest.h>

#include <filesystem>

#include "test_support.hpp"

namespace {

// `environment` is the context value as JSON (a string in quotes, or anything else).
test_support::ChildResult synth(const std::string& outdir, const std::string& environment) {
  return test_support::run_program(
      CDK_APP_BINARY, "",
      {"CDK_OUTDIR=" + outdir, R"(CDK_CONTEXT_JSON={"environment":)" + environment + "}"});
}

TEST(App, SynthesizesTheSelectedEnvironment) {
  const std::string outdir = test_support::scratch_dir("app-staging");
  const auto result = synth(outdir, R"("staging")");
  ASSERT_EQ(result.status, 0) << result.err;
  const auto tmpl = test_support::read_template(outdir, "NetworkStack");
  EXPECT_EQ(tmpl["Description"], "VPC, subnets, NAT gateways, flow logs, endpoints (staging)");
  EXPECT_EQ(test_support::resources_of_type(tmpl, "AWS::EC2::NatGateway").size(), 2U);
  EXPECT_TRUE(std::filesystem::exists(std::filesystem::path(outdir) / "manifest.json"));
}

TEST(App, UnknownEnvironmentFailsWithAClearMessageAndSynthesizesNothing) {
  const std::string outdir = test_support::scratch_dir("app-bad");
  const auto result = synth(outdir, R"("qa")");
  EXPECT_EQ(result.status, 2);
  EXPECT_EQ(result.err,
            "cdk-app: unknown environment 'qa' (valid: dev, staging, production; 'prod' means "
            "production)\n");
  EXPECT_FALSE(std::filesystem::exists(std::filesystem::path(outdir) / "manifest.json"));
}

TEST(App, EnvironmentContextMustBeAString) {
  const auto result = synth(test_support::scratch_dir("app-number"), "42");
  EXPECT_EQ(result.status, 2);
  EXPECT_NE(result.err.find("context 'environment' must be a string"), std::string::npos) << result.err;
}

}  // namespace

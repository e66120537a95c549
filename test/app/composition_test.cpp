// add_infrastructure as the pipeline (part 3) will use it: inside a Stage; and where the stacks deploy.
#include <gtest/gtest.h>

#include <algorithm>
#include <aws_cdk_lib/Stage.hpp>
// Two calls deep (`stage.synth().stacks()`): the artifact type needs its own header (docs/bindings.md).
#include <aws_cdk_lib/cx_api/CloudFormationStackArtifact.hpp>
#include <cstdlib>

#include "config/environments.hpp"
#include "synthesized_app.hpp"

namespace {

namespace cdk = aws_cdk_lib;

TEST(Composition, TheSameStacksFillAPipelineStage) {
  const cdk::App app;
  const auto config = infra::config::production();
  const cdk::Stage stage(app, "Production", {.env = infra::deployment_environment(config)});
  const auto stacks = infra::add_infrastructure(stage, config);
  const auto assembly = stage.synth();
  std::vector<std::string> names;
  for (const auto& stack : assembly.stacks()) names.push_back(stack.stackName());
  std::ranges::sort(names);
  EXPECT_EQ(names, (std::vector<std::string>{
                       "infra-codebase-production-edge-security", "infra-codebase-production-network",
                       "infra-codebase-production-security", "infra-codebase-production-storage",
                       "infra-codebase-production-storage-replica"}));
  EXPECT_EQ(stacks.network->node().path(), "Production/NetworkStack");
}

// Sets an environment variable for one scope.
class ScopedEnv {
 public:
  ScopedEnv(const char* name, const char* value) : name_(name) { ::setenv(name, value, 1); }
  ScopedEnv(const ScopedEnv&) = delete;
  ScopedEnv& operator=(const ScopedEnv&) = delete;
  ~ScopedEnv() { ::unsetenv(name_); }

 private:
  const char* name_;
};

TEST(Composition, PinnedAccountsAndRegionsWinOverTheClisDefaults) {
  const ScopedEnv account("CDK_DEFAULT_ACCOUNT", "444444444444");
  const ScopedEnv region("CDK_DEFAULT_REGION", "ap-southeast-2");
  const auto production = infra::deployment_environment(infra::config::production());
  EXPECT_EQ(production.account, "333333333333");
  EXPECT_EQ(production.region, "eu-west-1");
  // dev leaves the account open: the deploying developer's.
  const auto dev = infra::deployment_environment(infra::config::dev());
  EXPECT_EQ(dev.account, "444444444444");
  EXPECT_EQ(dev.region, "us-east-1");
}

TEST(Composition, DevWithoutCredentialsIsAccountAgnostic) {
  ::unsetenv("CDK_DEFAULT_ACCOUNT");
  EXPECT_FALSE(infra::deployment_environment(infra::config::dev()).account.has_value());
}

}  // namespace

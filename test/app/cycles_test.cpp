// The cross-stack cycles of docs/architecture.md, shown on the real app: the way the app wires a later stack
// to SecurityStack synthesizes, and the obvious CDK call it avoids fails with CDK's cycle error.
#include <gtest/gtest.h>

#include <aws_cdk_lib/Stack.hpp>
#include <aws_cdk_lib/aws_ec2/Port.hpp>
#include <aws_cdk_lib/aws_ec2/SecurityGroup.hpp>
#include <aws_cdk_lib/aws_iam/Policy.hpp>
#include <aws_cdk_lib/aws_iam/PolicyStatement.hpp>
#include <aws_cdk_lib/aws_secretsmanager/Secret.hpp>
#include <jsii/errors.hpp>

#include "synthesized_app.hpp"

namespace {

namespace cdk = aws_cdk_lib;
namespace ec2 = aws_cdk_lib::aws_ec2;
namespace iam = aws_cdk_lib::aws_iam;
namespace secretsmanager = aws_cdk_lib::aws_secretsmanager;

// A stand-in for part 2's DatabaseStack: after SecurityStack, in the same environment.
cdk::Stack later_stack(const app_test::SynthesizedApp& built) {
  return cdk::Stack(built.app, "DatabaseStack", {.env = infra::deployment_environment(built.config)});
}

// Whether `stack`'s template names anything of the stack called `other` (an export, an output, a ref).
bool references(const cdk::Stack& stack, const std::string& other) {
  const auto tmpl = cdk::assertions::Template::fromStack(stack);
  return jsii::Any::object(tmpl.toJSON()).dump().find(other) != std::string::npos;
}

TEST(Cycles, GrantsToSecurityStackRolesAreWrittenAsPoliciesInTheLaterStack) {
  const auto built = app_test::build_app("dev");
  const auto database = later_stack(*built);
  const auto& security = *built->stacks.security;
  const secretsmanager::Secret secret(database, "DatabaseSecret", {.encryptionKey = security.keys().secrets});
  iam::Policy(database, "TaskReadsDatabaseSecret",
              {.roles = {{security.task_role()}},
               .statements = {{iam::PolicyStatement(
                   {.actions = {{"secretsmanager:GetSecretValue"}}, .resources = {{secret.secretArn()}}})}}});
  (void)built->app.synth();
  EXPECT_FALSE(references(security, "DatabaseStack"));
  EXPECT_TRUE(references(database, "infra-codebase-dev-security"));  // the key and the role, by reference
}

TEST(Cycles, GrantingOnTheRoleItselfWouldMakeTheStacksReferenceEachOther) {
  const auto built = app_test::build_app("dev");
  const auto database = later_stack(*built);
  const auto& security = *built->stacks.security;
  const secretsmanager::Secret secret(database, "DatabaseSecret", {.encryptionKey = security.keys().secrets});
  (void)secret.grantRead(security.task_role());
  try {
    (void)built->app.synth();
    FAIL() << "secret.grantRead(taskRole) across stacks synthesized; the decision in docs/architecture.md is "
              "moot";
  } catch (const jsii::JsError& e) {
    EXPECT_NE(std::string(e.what()).find("cyclic reference"), std::string::npos) << e.what();
  }
}

TEST(Cycles, RulesOnAnImportedSecurityGroupLiveInTheImportingStack) {
  const auto built = app_test::build_app("dev");
  const auto database = later_stack(*built);
  const auto& security = *built->stacks.security;
  const ec2::SecurityGroup rotation(database, "RotationGroup", {.vpc = built->stacks.network->vpc()});
  const auto database_group = ec2::SecurityGroup::fromSecurityGroupId(
      database, "DatabaseGroup", security.security_groups().database.securityGroupId());
  database_group.connections().allowFrom(rotation, ec2::Port::tcp(5432), "secret rotation");
  (void)built->app.synth();
  EXPECT_FALSE(references(security, "DatabaseStack"));
  cdk::assertions::Template::fromStack(database).resourceCountIs("AWS::EC2::SecurityGroupIngress", 1);
}

TEST(Cycles, OpeningSecurityStacksGroupDirectlyWouldMakeTheStacksReferenceEachOther) {
  const auto built = app_test::build_app("dev");
  const auto database = later_stack(*built);
  const auto& security = *built->stacks.security;
  const ec2::SecurityGroup rotation(database, "RotationGroup", {.vpc = built->stacks.network->vpc()});
  // What the rotation does to the cluster's own group; the later stack also needs SecurityStack (the key).
  const secretsmanager::Secret secret(database, "DatabaseSecret", {.encryptionKey = security.keys().secrets});
  security.security_groups().database.connections().allowFrom(rotation, ec2::Port::tcp(5432),
                                                              "secret rotation");
  try {
    (void)built->app.synth();
    FAIL() << "opening SecurityStack's group from a later stack synthesized; the decision is moot";
  } catch (const jsii::JsError& e) {
    EXPECT_NE(std::string(e.what()).find("cyclic reference"), std::string::npos) << e.what();
  }
}

}  // namespace

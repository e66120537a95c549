// Includes <aws_cdk_lib/aws_iam/Role.hpp> and the headers of the types the test names: the README's
// `assumedBy` field (a required interface-typed field) and members Role inherits.
#include <gtest/gtest.h>

#include <aws_cdk_lib/Stack.hpp>
#include <aws_cdk_lib/aws_iam/PolicyStatement.hpp>
#include <aws_cdk_lib/aws_iam/Role.hpp>
#include <aws_cdk_lib/aws_iam/ServicePrincipal.hpp>

namespace cdk = aws_cdk_lib;
namespace iam = aws_cdk_lib::aws_iam;

TEST(Headers, RoleHeaderAloneMakesInheritedMembersUsable) {
  const cdk::Stack stack;
  const iam::Role role(stack, "Task", {.assumedBy = iam::ServicePrincipal("ecs-tasks.amazonaws.com")});
  role.addToPolicy(iam::PolicyStatement({.actions = {{"s3:ListBucket"}}, .resources = {{"*"}}}));
  EXPECT_EQ(role.node().id(), "Task");
  EXPECT_EQ(role.assumeRoleAction(), "sts:AssumeRole");
  EXPECT_FALSE(role.roleArn().empty());
  EXPECT_TRUE(role.grantPrincipal() == role.grantPrincipal());
  EXPECT_EQ(role.stack().node().path(), stack.node().path());
}

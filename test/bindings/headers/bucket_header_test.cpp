// Includes <aws_cdk_lib/aws_s3/Bucket.hpp> and the headers of the types the test names itself (as a user
// includes what they name), and calls members the bucket inherits from Resource and Construct.
#include <gtest/gtest.h>

#include <aws_cdk_lib/Stack.hpp>
#include <aws_cdk_lib/aws_iam/AnyPrincipal.hpp>
#include <aws_cdk_lib/aws_iam/PolicyStatement.hpp>
#include <aws_cdk_lib/aws_s3/Bucket.hpp>

namespace cdk = aws_cdk_lib;
namespace s3 = aws_cdk_lib::aws_s3;

TEST(Headers, BucketHeaderAloneMakesInheritedMembersUsable) {
  const cdk::Stack stack;
  const s3::Bucket bucket(stack, "Data", {.versioned = true});
  EXPECT_EQ(bucket.node().id(), "Data");                         // constructs.Construct.node
  EXPECT_EQ(bucket.stack().node().path(), stack.node().path());  // Resource.stack
  bucket.applyRemovalPolicy(cdk::RemovalPolicy::DESTROY);        // Resource.applyRemovalPolicy
  bucket.node().addMetadata("owner", jsii::Any("platform"));
  EXPECT_FALSE(bucket.bucketArn().empty());
  EXPECT_FALSE(bucket.arnForObjects("*").empty());
  EXPECT_TRUE(bucket.policy() == std::nullopt);
  // IBucket.addToResourcePolicy takes an aws_iam.PolicyStatement and returns an aws_iam struct.
  const auto added = bucket.addToResourcePolicy(
      aws_cdk_lib::aws_iam::PolicyStatement({.actions = {{"s3:GetObject"}},
                                             .principals = {{aws_cdk_lib::aws_iam::AnyPrincipal()}},
                                             .resources = {{bucket.arnForObjects("*")}}}));
  EXPECT_TRUE(added.statementAdded.get());
  EXPECT_TRUE(bucket.policy().has_value());
}

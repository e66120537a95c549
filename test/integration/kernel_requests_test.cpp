// Every kernel request kind against the real aws-cdk-lib, through the untyped runtime API.
#include <gtest/gtest.h>

#include "test_support.hpp"

namespace {

using jsii::Json;
namespace wire = jsii::wire;
using test_support::cdk;

TEST(KernelRequests, HelloNamesTheRuntime) {
  EXPECT_EQ(jsii::Kernel::instance().runtime_version(),
            "@jsii/runtime@" + test_support::jsii_runtime_version());
}

TEST(KernelRequests, LoadIsOncePerPackageAndRefusesASecondVersion) {
  auto& kernel = cdk();
  EXPECT_EQ(kernel.load("aws-cdk-lib", test_support::locked_version("aws-cdk-lib"),
                        "/does/not/matter/already-loaded.tgz"),
            23145);
  try {
    (void)kernel.load("constructs", "9.0.0", "/nope.tgz");
    FAIL() << "a second version was accepted";
  } catch (const jsii::Error& e) {
    EXPECT_NE(std::string(e.what()).find(test_support::locked_version("constructs") + " is already loaded"),
              std::string::npos)
        << e.what();
  }
}

TEST(KernelRequests, CreateAppStackBucketAndSynthesize) {
  auto& kernel = cdk();
  const std::string outdir = test_support::scratch_dir("synth");
  const auto app = test_support::new_app(kernel, outdir);
  const auto stack = kernel.create(
      "aws-cdk-lib.Stack",
      {wire::byref(app), "Storage",
       wire::struct_value(
           "aws-cdk-lib.StackProps",
           {{"description", "made in C++"},
            {"env", wire::struct_value("aws-cdk-lib.Environment",
                                       {{"account", "123456789012"}, {"region", "eu-west-1"}})}})});
  EXPECT_EQ(stack.fqn(), "aws-cdk-lib.Stack");
  const auto bucket = kernel.create(
      "aws-cdk-lib.aws_s3.Bucket",
      {wire::byref(stack), "Assets",
       wire::struct_value("aws-cdk-lib.aws_s3.BucketProps",
                          {{"versioned", true},
                           {"encryption", wire::enum_value("aws-cdk-lib.aws_s3.BucketEncryption", "KMS")}})});
  EXPECT_EQ(bucket.fqn(), "aws-cdk-lib.aws_s3.Bucket");
  const Json assembly = kernel.invoke(app, "synth");
  EXPECT_EQ(wire::as_byref(assembly).fqn(), "aws-cdk-lib.cx_api.CloudAssembly");

  const Json tmpl = test_support::read_template(outdir, "Storage");
  EXPECT_EQ(tmpl["Description"], "made in C++");
  const auto buckets = test_support::resources_of_type(tmpl, "AWS::S3::Bucket");
  ASSERT_EQ(buckets.size(), 1U);
  EXPECT_EQ(buckets[0]["Properties"]["VersioningConfiguration"]["Status"], "Enabled");
  EXPECT_EQ(buckets[0]["Properties"]["BucketEncryption"]["ServerSideEncryptionConfiguration"][0]
                   ["ServerSideEncryptionByDefault"]["SSEAlgorithm"],
            "aws:kms");
  EXPECT_EQ(test_support::resources_of_type(tmpl, "AWS::KMS::Key").size(), 1U);
}

TEST(KernelRequests, GetAndSetInstanceProperties) {
  auto& kernel = cdk();
  const auto app = test_support::new_app(kernel, test_support::scratch_dir("props"));
  const auto stack = test_support::new_stack(kernel, app, "Props");
  EXPECT_EQ(kernel.get(stack, "terminationProtection"), false);
  kernel.set(stack, "terminationProtection", true);
  EXPECT_EQ(kernel.get(stack, "terminationProtection"), true);
  EXPECT_EQ(kernel.get(stack, "stackName"), "Props");
  const Json tags = kernel.get(stack, "tags");
  EXPECT_EQ(wire::as_byref(tags).fqn(), "aws-cdk-lib.TagManager");
}

TEST(KernelRequests, StaticGetSetAndInvoke) {
  auto& kernel = cdk();
  const Json account = kernel.sget("aws-cdk-lib.Aws", "ACCOUNT_ID");
  ASSERT_TRUE(account.is_string());
  EXPECT_NE(account.get<std::string>().find("${Token[AWS.AccountId"), std::string::npos) << account;

  const Json grpc = kernel.sget("aws-cdk-lib.aws_ecs.AppProtocol", "grpc");
  const Json http = kernel.sget("aws-cdk-lib.aws_ecs.AppProtocol", "http");
  kernel.sset("aws-cdk-lib.aws_ecs.AppProtocol", "grpc", http);
  EXPECT_EQ(kernel.sget("aws-cdk-lib.aws_ecs.AppProtocol", "grpc"), http);
  kernel.sset("aws-cdk-lib.aws_ecs.AppProtocol", "grpc", grpc);
  EXPECT_EQ(kernel.sget("aws-cdk-lib.aws_ecs.AppProtocol", "grpc"), grpc);

  const Json days = kernel.sinvoke("aws-cdk-lib.Duration", "days", {30});
  EXPECT_EQ(kernel.invoke(wire::as_byref(days), "toHours"), 720);
}

TEST(KernelRequests, DelRemovesTheObject) {
  auto& kernel = cdk();
  const auto duration = wire::as_byref(kernel.sinvoke("aws-cdk-lib.Duration", "seconds", {5}));
  const auto before = kernel.object_count();
  kernel.del(duration);
  EXPECT_EQ(kernel.object_count(), before - 1);
  try {
    kernel.del(duration);
    FAIL() << "a deleted object was deleted again";
  } catch (const jsii::Fault& fault) {
    EXPECT_NE(std::string(fault.what()).find("not found"), std::string::npos) << fault.what();
  }
}

TEST(KernelRequests, NamingAndStats) {
  auto& kernel = cdk();
  const Json naming = kernel.naming("constructs");
  EXPECT_EQ(naming["python"]["module"], "constructs");
  EXPECT_EQ(naming["js"]["npm"], "constructs");
  const auto before = kernel.object_count();
  (void)kernel.sinvoke("aws-cdk-lib.Duration", "minutes", {1});
  EXPECT_EQ(kernel.object_count(), before + 1);
}

TEST(KernelRequests, AnAsyncCallOfASyncMethodIsAFault) {
  auto& kernel = cdk();
  const auto duration = wire::as_byref(kernel.sinvoke("aws-cdk-lib.Duration", "seconds", {5}));
  try {
    (void)kernel.invoke_async(duration, "toSeconds");
    FAIL() << "begin of a synchronous method was accepted";
  } catch (const jsii::Fault& e) {
    EXPECT_NE(e.message().find("async"), std::string::npos) << e.what();
    EXPECT_NE(e.call().find("toSeconds"), std::string::npos) << e.call();
  }
  EXPECT_EQ(kernel.invoke(duration, "toSeconds"), 5);  // and the kernel goes on
}

TEST(KernelRequests, SameIdGivesTheSameObject) {
  auto& kernel = cdk();
  const auto app = test_support::new_app(kernel, test_support::scratch_dir("identity"));
  const auto stack = test_support::new_stack(kernel, app, "Identity");
  const Json node_a = kernel.get(stack, "node");
  const Json node_b = kernel.get(stack, "node");
  const jsii::Object a = kernel.object(node_a);
  const jsii::Object b = kernel.object(node_b);
  EXPECT_TRUE(a == b);
  EXPECT_EQ(a.jsii_identity(), b.jsii_identity());
  const Json other = kernel.get(app, "node");
  EXPECT_FALSE(kernel.object(other) == a);
  // Stack.of(stack) hands back the very stack object.
  EXPECT_TRUE(kernel.object(kernel.sinvoke("aws-cdk-lib.Stack", "of", {wire::byref(stack)})) ==
              kernel.object(stack));
}

}  // namespace

// The app of the build-cost benchmark: one stack with a VPC and a bucket, linking every module of
// BENCH_MODULES.
#include <aws_cdk_lib/App.hpp>
#include <aws_cdk_lib/Stack.hpp>
#include <aws_cdk_lib/aws_ec2/Vpc.hpp>
#include <aws_cdk_lib/aws_s3/Bucket.hpp>

int main() {
  const aws_cdk_lib::App app;
  const aws_cdk_lib::Stack stack(app, "Bench");
  aws_cdk_lib::aws_ec2::Vpc(stack, "Vpc", {.maxAzs = 2.0});
  aws_cdk_lib::aws_s3::Bucket(stack, "Bucket", {.versioned = true});
  (void)app.synth();
  return 0;
}

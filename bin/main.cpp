// cdk-app: the executable the `cdk` CLI runs (see cdk.json).
//
// Interim app: until the generated bindings land (issue "Code generator"), it drives the kernel through the
// untyped runtime API. It synthesizes one stack per environment with an encrypted, versioned bucket, enough
// to prove the `cdk synth` path end to end.
#include <cstdlib>
#include <iostream>
#include <jsii/kernel.hpp>
#include <set>
#include <string>

namespace {

std::string selected_environment() {
  // The CLI passes `--context environment=...` through CDK_CONTEXT_JSON; default to dev.
  const char* context = std::getenv("CDK_CONTEXT_JSON");
  if (context != nullptr) {
    const auto json = jsii::Json::parse(context, nullptr, /*allow_exceptions=*/false);
    if (json.is_object() && json.contains("environment") && json["environment"].is_string()) {
      return json["environment"].get<std::string>();
    }
  }
  return "dev";
}

}  // namespace

int main() {
  const std::string environment = selected_environment();
  static const std::set<std::string> kEnvironments{"dev", "staging", "prod"};
  if (!kEnvironments.contains(environment)) {
    std::cerr << "cdk-app: unknown environment '" << environment
              << "' (expected one of: dev, staging, prod)\n";
    return 1;
  }
  try {
    auto& kernel = jsii::Kernel::instance();
    kernel.load_package("aws-cdk-lib");
    const auto app = kernel.create("aws-cdk-lib.App");
    const auto stack = kernel.create(
        "aws-cdk-lib.Stack",
        {jsii::wire::byref(app), "Storage-" + environment,
         jsii::wire::struct_value("aws-cdk-lib.StackProps",
                                  {{"description", "Storage for the " + environment + " environment"}})});
    (void)kernel.create(
        "aws-cdk-lib.aws_s3.Bucket",
        {jsii::wire::byref(stack), "Assets",
         jsii::wire::struct_value(
             "aws-cdk-lib.aws_s3.BucketProps",
             {{"versioned", true},
              {"encryption", jsii::wire::enum_value("aws-cdk-lib.aws_s3.BucketEncryption", "KMS")},
              {"enforceSSL", true}})});
    (void)kernel.invoke(app, "synth");
  } catch (const std::exception& e) {
    std::cerr << "cdk-app: " << e.what() << "\n";
    return 1;
  }
  return 0;
}

// cdk-app: the executable the `cdk` CLI runs (see cdk.json).
//
// Interim app until the nine stacks land: one stack per environment with an encrypted, versioned bucket,
// written against the generated bindings (it reads like its TypeScript twin).
#include <aws_cdk_lib/App.hpp>
#include <aws_cdk_lib/Stack.hpp>
#include <aws_cdk_lib/aws_s3/Bucket.hpp>
#include <cstdlib>
#include <exception>
#include <iostream>
#include <jsii/wire.hpp>
#include <set>
#include <string>

namespace cdk = aws_cdk_lib;
namespace s3 = aws_cdk_lib::aws_s3;

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
    const cdk::App app;
    const cdk::Stack stack(app, "Storage-" + environment,
                           {.description = "Storage for the " + environment + " environment"});
    s3::Bucket(stack, "Assets",
               {.encryption = s3::BucketEncryption::KMS, .enforceSSL = true, .versioned = true});
    (void)app.synth();
  } catch (const std::exception& e) {
    std::cerr << "cdk-app: " << e.what() << "\n";
    return 1;
  }
  return 0;
}

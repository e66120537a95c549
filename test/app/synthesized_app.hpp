// One synthesized app per environment, shared by every test of the process (the stack suites run in one
// process, see test/CMakeLists.txt): built as `cdk-app` builds it, with cdk.json's context (feature flags).
#pragma once

#include <aws_cdk_lib/App.hpp>
#include <aws_cdk_lib/assertions/Template.hpp>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "stacks/infrastructure.hpp"

namespace app_test {

struct SynthesizedApp {
  aws_cdk_lib::App app;
  infra::config::EnvironmentConfig config;
  infra::Infrastructure stacks;
};

/// A new app of `environment`, for a test that adds to it (the shared ones below must stay as the app makes
/// them).
std::unique_ptr<SynthesizedApp> build_app(const std::string& environment);

/// The app of `environment` ("dev", "staging", "production"), built on first use.
const SynthesizedApp& synthesized(const std::string& environment);

/// A stack's template for assertions, and the same as JSON for walking it.
struct StackTemplate {
  aws_cdk_lib::assertions::Template assertions;
  nlohmann::json json;
};

/// The template of one of the app's stacks (by construct id: "NetworkStack", ...), cached.
const StackTemplate& template_of(const std::string& environment, const std::string& stack_id);

/// The resources of `type` in `tmpl`, each with its logical id.
std::vector<std::pair<std::string, nlohmann::json>> resources(const nlohmann::json& tmpl,
                                                              const std::string& type);

/// cdk.json's "context" (what the CLI passes the app).
nlohmann::json cdk_json_context();

}  // namespace app_test

// cdk-app: the executable the `cdk` CLI runs (cdk.json, through scripts/cdk-app.sh). It reads the environment
// from the context, validates its config, and composes the stacks; everything else lives in lib/.
//
//   npx cdk synth                             # dev
//   npx cdk synth -c environment=production   # or prod
#include <aws_cdk_lib/App.hpp>
#include <exception>
#include <iostream>
#include <string>

#include "config/environments.hpp"
#include "config/validation.hpp"
#include "stacks/infrastructure.hpp"

namespace cdk = aws_cdk_lib;

namespace {

constexpr int kUsageError = 2;  // an unknown environment or an invalid config: nothing was synthesized

// The `environment` context value (`-c environment=...`, cdk.json's default), or "dev" when absent.
std::string selected_environment(const cdk::App& app) {
  const jsii::Any value = app.node().tryGetContext("environment");
  if (value.is_null()) return "dev";
  if (!value.is_string()) throw infra::config::ConfigError({"context 'environment' must be a string"});
  return value.as_string();
}

}  // namespace

int main() {
  try {
    const cdk::App app;
    const std::string name = selected_environment(app);
    const auto config = infra::config::find_environment(name);
    if (!config) {
      std::cerr << "cdk-app: " << infra::config::unknown_environment_message(name) << "\n";
      return kUsageError;
    }
    // Every environment is checked against the others (overlapping VPC ranges), then the selected one.
    std::vector<infra::config::EnvironmentConfig> all;
    for (const auto& known : infra::config::environment_names())
      all.push_back(*infra::config::find_environment(known));
    auto problems = infra::config::problems_between(all);
    for (auto& problem : infra::config::problems_of(*config)) problems.push_back(std::move(problem));
    if (!problems.empty()) throw infra::config::ConfigError(std::move(problems));

    const auto stacks = infra::add_infrastructure(app, *config);
    (void)app.synth();
  } catch (const infra::config::ConfigError& e) {
    std::cerr << "cdk-app: " << e.what() << "\n";
    return kUsageError;
  } catch (const std::exception& e) {
    std::cerr << "cdk-app: " << e.what() << "\n";
    return 1;
  }
  return 0;
}

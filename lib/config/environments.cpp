#include "environments.hpp"

namespace infra::config {

std::vector<std::string> environment_names() { return {"dev", "staging", "production"}; }

std::optional<EnvironmentConfig> find_environment(std::string_view name) {
  if (name == "dev") return dev();
  if (name == "staging") return staging();
  if (name == "production" || name == "prod") return production();
  return std::nullopt;
}

std::string unknown_environment_message(std::string_view name) {
  std::string valid;
  for (const auto& known : environment_names()) valid += (valid.empty() ? "" : ", ") + known;
  return "unknown environment '" + std::string(name) + "' (valid: " + valid + "; 'prod' means production)";
}

}  // namespace infra::config

// Checks a configuration before any construct is created, so a bad value stops the app with a message that
// names the environment and the field, and nothing is synthesized.
#pragma once

#include <stdexcept>
#include <string>
#include <vector>

#include "environment_config.hpp"

namespace infra::config {

/// Every problem found, one per line in what(): "<environment>: <field>: <problem>".
class ConfigError : public std::runtime_error {
 public:
  explicit ConfigError(std::vector<std::string> problems);
  [[nodiscard]] const std::vector<std::string>& problems() const { return problems_; }

 private:
  std::vector<std::string> problems_;
};

/// The problems of one environment's configuration (empty when it is valid).
std::vector<std::string> problems_of(const EnvironmentConfig& config);

/// Problems between environments: VPC ranges that overlap (they could never be peered or routed together).
std::vector<std::string> problems_between(const std::vector<EnvironmentConfig>& configs);

/// Throws ConfigError listing every problem of `config`.
void validate(const EnvironmentConfig& config);

/// The retention periods CloudWatch Logs accepts, in days.
bool is_log_retention_days(int days);

}  // namespace infra::config

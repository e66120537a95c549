// The environments this app deploys, by name.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "environment_config.hpp"

namespace infra::config {

EnvironmentConfig dev();
EnvironmentConfig staging();
EnvironmentConfig production();

/// The canonical names, in deployment order: dev, staging, production.
std::vector<std::string> environment_names();

/// The environment called `name` ("prod" is accepted for production); nullopt for any other name.
std::optional<EnvironmentConfig> find_environment(std::string_view name);

/// The message for an unknown name, listing the valid ones.
std::string unknown_environment_message(std::string_view name);

}  // namespace infra::config

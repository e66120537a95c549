// The per-environment differences as a Markdown table (docs/environments.md embeds it; a test keeps the two
// equal, and `infra-environments-table --write docs/environments.md` refreshes it).
#pragma once

#include <string>
#include <vector>

#include "environment_config.hpp"

namespace infra::config {

/// One row per config field: `| field | dev | staging | production |`.
std::string environments_table(const std::vector<EnvironmentConfig>& configs);

/// `document` with the text between the generated-table markers replaced by `table`; throws
/// std::invalid_argument when the markers are missing.
std::string with_table(const std::string& document, const std::string& table);

inline constexpr const char* kTableBegin = "<!-- environments-table: begin (generated from lib/config) -->";
inline constexpr const char* kTableEnd = "<!-- environments-table: end -->";

}  // namespace infra::config

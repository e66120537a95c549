// The items schema, as numbered migrations applied at start by every api and worker process. Idempotent and
// safe to race: one transaction under an advisory lock applies what schema_migrations does not list yet.
#pragma once

#include <pqxx/pqxx>

namespace sample {

// Returns how many migrations this call applied (0 when the schema was current).
int apply_migrations(pqxx::connection& connection);

}  // namespace sample

#include "schema.hpp"

#include <array>
#include <string_view>

namespace sample {
namespace {

struct Migration {
  int version;
  std::string_view sql;
};

// Append only: a released migration is never edited, a change is a new version.
constexpr std::array kMigrations{
    Migration{1, R"sql(
      CREATE TABLE items (
        id           bigserial PRIMARY KEY,
        name         text        NOT NULL,
        description  text        NOT NULL DEFAULT '',
        status       text        NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'processed', 'failed')),
        attempts     integer     NOT NULL DEFAULT 0,
        slug         text,
        word_count   integer,
        processed_at timestamptz,
        created_at   timestamptz NOT NULL DEFAULT now(),
        updated_at   timestamptz NOT NULL DEFAULT now(),
        enqueued_at  timestamptz NOT NULL DEFAULT now()
      );
      -- The worker's reconciler looks for pending items whose job may have been lost.
      CREATE INDEX items_pending_by_enqueued_at ON items (enqueued_at) WHERE status = 'pending';
    )sql"},
};

// Any constant works as long as every process uses the same one.
constexpr long long kMigrationLock = 0x6974656d73;  // "items"

}  // namespace

int apply_migrations(pqxx::connection& connection) {
  pqxx::work transaction(connection);
  transaction.exec("SELECT pg_advisory_xact_lock(" + std::to_string(kMigrationLock) + ")");
  transaction.exec(
      "CREATE TABLE IF NOT EXISTS schema_migrations ("
      " version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())");
  int current = transaction.exec1("SELECT coalesce(max(version), 0) FROM schema_migrations")[0].as<int>();
  int applied = 0;
  for (const Migration& migration : kMigrations) {
    if (migration.version <= current) continue;
    transaction.exec(std::string(migration.sql));
    transaction.exec_params("INSERT INTO schema_migrations (version) VALUES ($1)", migration.version);
    ++applied;
  }
  transaction.commit();
  return applied;
}

}  // namespace sample

#include "postgres_pool.hpp"

#include <utility>

namespace sample {

PostgresPool::PostgresPool(std::string connection_string, std::size_t size,
                           std::chrono::milliseconds acquire_timeout)
    : connection_string_(std::move(connection_string)), pool_(size, acquire_timeout, [this] {
        return std::make_unique<pqxx::connection>(connection_string_);
      }) {}

std::unique_ptr<pqxx::connection> PostgresPool::acquire() {
  try {
    return pool_.acquire();
  } catch (const PoolExhausted& exhausted) {
    throw DatabaseUnavailable(std::string("no database connection: ") + exhausted.what());
  } catch (const std::exception& failure) {
    throw DatabaseUnavailable(std::string("cannot connect to the database: ") + failure.what());
  }
}

void PostgresPool::release(std::unique_ptr<pqxx::connection> connection) {
  bool reusable = connection && connection->is_open();
  pool_.release(std::move(connection), reusable);
}

}  // namespace sample

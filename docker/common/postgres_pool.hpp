// PostgreSQL connections for the services: a fair bounded pool, opened on demand. A connection found broken
// is dropped, so a restarted server is reconnected to on the next request instead of failing every request.
#pragma once

#include <chrono>
#include <cstddef>
#include <memory>
#include <pqxx/pqxx>
#include <stdexcept>
#include <string>

#include "bounded_pool.hpp"

namespace sample {

// No connection could be had in time (all in use, or the server is unreachable).
class DatabaseUnavailable : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class PostgresPool {
 public:
  PostgresPool(std::string connection_string, std::size_t size, std::chrono::milliseconds acquire_timeout);

  // Runs `work(connection)`. A connection that breaks before `work` commits is replaced and `work` runs once
  // more; a second failure, or no connection at all, is DatabaseUnavailable.
  template <typename Work>
  auto run(Work&& work) -> decltype(work(std::declval<pqxx::connection&>()));

  // Waits for leased connections to come back, then closes them all; later calls fail.
  void close() { pool_.close(); }

 private:
  std::unique_ptr<pqxx::connection> acquire();
  void release(std::unique_ptr<pqxx::connection> connection);

  std::string connection_string_;
  BoundedPool<pqxx::connection> pool_;
};

template <typename Work>
auto PostgresPool::run(Work&& work) -> decltype(work(std::declval<pqxx::connection&>())) {
  for (int attempt = 1;; ++attempt) {
    std::unique_ptr<pqxx::connection> connection = acquire();
    try {
      if constexpr (std::is_void_v<decltype(work(*connection))>) {
        work(*connection);
        release(std::move(connection));
        return;
      } else {
        auto result = work(*connection);
        release(std::move(connection));
        return result;
      }
    } catch (const pqxx::broken_connection& broken) {
      release(nullptr);
      if (attempt == 2) throw DatabaseUnavailable(std::string("database connection lost: ") + broken.what());
    } catch (...) {
      release(std::move(connection));
      throw;
    }
  }
}

}  // namespace sample

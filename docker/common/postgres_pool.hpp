// A bounded pool of PostgreSQL connections, opened on demand. A connection found broken is dropped, so a
// restarted server is reconnected to on the next request instead of failing every request after it.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <memory>
#include <mutex>
#include <pqxx/pqxx>
#include <stdexcept>
#include <string>
#include <vector>

namespace sample {

// No connection could be had in time (all in use, or the server is unreachable).
class DatabaseUnavailable : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class PostgresPool {
 public:
  PostgresPool(std::string connection_string, std::size_t size, std::chrono::milliseconds acquire_timeout);
  ~PostgresPool();
  PostgresPool(const PostgresPool&) = delete;
  PostgresPool& operator=(const PostgresPool&) = delete;

  // Runs `work(connection)`. A connection that breaks before `work` commits is replaced and `work` runs once
  // more; a second failure, or no connection at all, is DatabaseUnavailable.
  template <typename Work>
  auto run(Work&& work) -> decltype(work(std::declval<pqxx::connection&>()));

  // Waits for leased connections to come back, then closes them all; later calls fail.
  void close();

 private:
  std::unique_ptr<pqxx::connection> acquire();
  void release(std::unique_ptr<pqxx::connection> connection);

  std::string connection_string_;
  std::size_t size_;
  std::chrono::milliseconds acquire_timeout_;
  std::mutex mutex_;
  std::condition_variable available_;
  std::vector<std::unique_ptr<pqxx::connection>> idle_;
  std::size_t open_ = 0;  // idle plus leased
  bool closed_ = false;
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

#include "postgres_pool.hpp"

#include <utility>

namespace sample {

PostgresPool::PostgresPool(std::string connection_string, std::size_t size,
                           std::chrono::milliseconds acquire_timeout)
    : connection_string_(std::move(connection_string)), size_(size), acquire_timeout_(acquire_timeout) {}

PostgresPool::~PostgresPool() { close(); }

std::unique_ptr<pqxx::connection> PostgresPool::acquire() {
  std::unique_lock lock(mutex_);
  bool ready =
      available_.wait_for(lock, acquire_timeout_, [&] { return closed_ || !idle_.empty() || open_ < size_; });
  if (closed_) throw DatabaseUnavailable("database pool is closed (shutting down)");
  if (!ready) throw DatabaseUnavailable("no database connection free within the pool's wait time");
  if (!idle_.empty()) {
    auto connection = std::move(idle_.back());
    idle_.pop_back();
    return connection;
  }
  ++open_;  // reserve the slot, connect outside the lock
  lock.unlock();
  try {
    return std::make_unique<pqxx::connection>(connection_string_);
  } catch (const std::exception& failure) {
    release(nullptr);
    throw DatabaseUnavailable(std::string("cannot connect to the database: ") + failure.what());
  }
}

void PostgresPool::release(std::unique_ptr<pqxx::connection> connection) {
  {
    std::lock_guard lock(mutex_);
    if (connection && connection->is_open() && !closed_) {
      idle_.push_back(std::move(connection));
    } else {
      --open_;
    }
  }
  available_.notify_all();
}

void PostgresPool::close() {
  std::unique_lock lock(mutex_);
  closed_ = true;
  available_.notify_all();
  available_.wait(lock, [&] { return open_ == idle_.size(); });
  open_ = 0;
  idle_.clear();
}

}  // namespace sample

// A bounded pool of connections with first-come, first-served hand-off: a released connection goes straight
// to the longest-waiting caller. (With one shared condition variable, wake-ups are unordered and a request
// can lose the race for a connection again and again: under load that was a tail of a second.)
// Connections are opened on demand, up to the bound; one released as broken frees its slot for a new one.
#pragma once

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>
#include <vector>

namespace sample {

// No connection within the wait time, or the pool is closed.
class PoolExhausted : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

template <typename Connection>
class BoundedPool {
 public:
  using Factory = std::function<std::unique_ptr<Connection>()>;

  BoundedPool(std::size_t size, std::chrono::milliseconds wait, Factory open)
      : size_(size), wait_(wait), open_connection_(std::move(open)) {}
  ~BoundedPool() { close(); }
  BoundedPool(const BoundedPool&) = delete;
  BoundedPool& operator=(const BoundedPool&) = delete;

  // An idle connection, a new one (when below the bound), or the next one released, in arrival order.
  // Throws PoolExhausted after the wait time, or whatever opening a connection throws.
  std::unique_ptr<Connection> acquire() {
    std::unique_lock lock(mutex_);
    if (closed_) throw PoolExhausted("the pool is closed (shutting down)");
    if (waiters_.empty()) {
      if (!idle_.empty()) return take_idle();
      if (open_ < size_) {
        ++open_;
        lock.unlock();
        return open_reserved();
      }
    }
    Waiter waiter;
    waiters_.push_back(&waiter);
    if (!waiter.ready.wait_for(lock, wait_, [&] { return waiter.served; })) {
      waiters_.erase(std::find(waiters_.begin(), waiters_.end(), &waiter));
      throw PoolExhausted("no connection free within " + std::to_string(wait_.count()) + " ms (" +
                          std::to_string(size_) + " in use)");
    }
    if (waiter.connection) return std::move(waiter.connection);
    if (!waiter.may_open) throw PoolExhausted("the pool is closed (shutting down)");
    lock.unlock();
    return open_reserved();
  }

  // Returns a connection; `reusable` false (it broke) closes it and frees its slot.
  void release(std::unique_ptr<Connection> connection, bool reusable) {
    std::unique_lock lock(mutex_);
    if (!reusable || !connection || closed_) {
      --open_;
      lock.unlock();
      connection.reset();  // closing can take a moment: not under the lock
      lock.lock();
      hand_slot_to_next();
    } else if (!waiters_.empty()) {
      Waiter* next = waiters_.front();
      waiters_.pop_front();
      next->connection = std::move(connection);
      next->served = true;
      next->ready.notify_one();
    } else {
      idle_.push_back(std::move(connection));
    }
    drained_.notify_all();
  }

  // Fails every waiter, waits for leased connections to come back, closes them all.
  void close() {
    std::unique_lock lock(mutex_);
    closed_ = true;
    for (Waiter* waiter : waiters_) {
      waiter->served = true;
      waiter->ready.notify_one();
    }
    waiters_.clear();
    drained_.wait(lock, [&] { return open_ == idle_.size(); });
    std::vector<std::unique_ptr<Connection>> closing(std::make_move_iterator(idle_.begin()),
                                                     std::make_move_iterator(idle_.end()));
    idle_.clear();
    open_ = 0;
  }

 private:
  struct Waiter {
    std::condition_variable ready;
    bool served = false;
    bool may_open = false;  // a slot, not a connection: open one
    std::unique_ptr<Connection> connection;
  };

  std::unique_ptr<Connection> take_idle() {
    auto connection = std::move(idle_.back());
    idle_.pop_back();
    return connection;
  }

  // Opens a connection in a slot already counted in open_; gives the slot back if that fails.
  std::unique_ptr<Connection> open_reserved() {
    try {
      return open_connection_();
    } catch (...) {
      std::lock_guard lock(mutex_);
      --open_;
      hand_slot_to_next();
      drained_.notify_all();
      throw;
    }
  }

  // Called with the lock held after a slot was freed.
  void hand_slot_to_next() {
    if (closed_ || waiters_.empty()) return;
    Waiter* next = waiters_.front();
    waiters_.pop_front();
    ++open_;
    next->may_open = true;
    next->served = true;
    next->ready.notify_one();
  }

  const std::size_t size_;
  const std::chrono::milliseconds wait_;
  const Factory open_connection_;
  std::mutex mutex_;
  std::condition_variable drained_;
  std::deque<Waiter*> waiters_;
  std::vector<std::unique_ptr<Connection>> idle_;
  std::size_t open_ = 0;  // idle + leased + being opened
  bool closed_ = false;
};

}  // namespace sample

// Nothing is lost when a part restarts under load: clients keep creating items while the api, the worker,
// Redis and PostgreSQL are each restarted (the worker and Redis the hard way); afterwards every item a
// client was told about (201) exists and has been processed, and no job is left pending.
#include <gtest/gtest.h>

#include <atomic>
#include <mutex>
#include <set>
#include <thread>

#include "local_stack.hpp"
#include "redis_client.hpp"
#include "service_test_support.hpp"

namespace {

const std::vector<std::string> kFastWorker = {"WORKER_BLOCK_MS=100",          "WORKER_CLAIM_IDLE_MS=500",
                                              "WORKER_RETRY_BASE_MS=300",     "WORKER_RETRY_MAX_MS=2000",
                                              "RECONCILE_INTERVAL_SECONDS=1", "RECONCILE_AFTER_SECONDS=3"};

// Clients creating items as fast as the api answers; remembers what each response said.
class Load {
 public:
  explicit Load(int port, int clients) {
    for (int i = 0; i < clients; ++i) {
      threads_.emplace_back([this, port, i] {
        for (int n = 0; !stop_; ++n) {
          std::string name = "client " + std::to_string(i) + " item " + std::to_string(n);
          auto result =
              sample::testing::http_post(port, "/api/v1/items", nlohmann::json{{"name", name}}.dump());
          std::lock_guard lock(mutex_);
          if (result.status == 201) {
            created_.insert(result.json()["id"].get<long long>());
          } else if (result.status == 0) {
            ++unreachable_;  // refused or reset while the api restarts
          } else {
            statuses_.insert(result.status);
          }
        }
      });
    }
  }
  ~Load() { stop(); }

  void stop() {
    stop_ = true;
    for (auto& thread : threads_) thread.join();
    threads_.clear();
  }
  std::size_t created() {
    std::lock_guard lock(mutex_);
    return created_.size();
  }
  std::set<long long> created_ids() {
    std::lock_guard lock(mutex_);
    return created_;
  }
  std::set<int> other_statuses() {
    std::lock_guard lock(mutex_);
    return statuses_;
  }

 private:
  std::atomic<bool> stop_ = false;
  std::vector<std::thread> threads_;
  std::mutex mutex_;
  std::set<long long> created_;
  std::set<int> statuses_;
  long long unreachable_ = 0;
};

TEST(Resilience, NoItemOrJobIsLostWhenAnyPartRestartsUnderLoad) {
  sample::local::LocalStack stack({.worker_env = kFastWorker});
  Load load(stack.api_port(), 4);
  auto progress = [&](const char* phase) {
    std::size_t before = load.created();
    ASSERT_TRUE(sample::testing::eventually([&] { return load.created() >= before + 20; }))
        << "no items created after " << phase << "\n"
        << stack.api().log_tail();
  };
  progress("the start");

  EXPECT_EQ(stack.api().stop(SIGTERM), 0) << "the api drains and exits cleanly";
  stack.api().start();
  progress("restarting the api");

  stack.worker().crash();
  progress("killing the worker");
  stack.worker().start();
  progress("starting the worker again");

  stack.redis().stop();  // restarts empty: the stream, the group and the cache are gone
  progress("stopping Redis");
  stack.redis().start();
  progress("restarting Redis");

  stack.postgres().stop();
  stack.postgres().start();
  progress("restarting PostgreSQL");
  load.stop();

  std::set<long long> created = load.created_ids();
  ASSERT_GT(created.size(), 100U);
  for (int status : load.other_statuses()) {
    EXPECT_EQ(status, 503) << "the only error answer is 'database unavailable', while PostgreSQL restarts";
  }
  const std::string connection = stack.postgres().connection_string();
  auto unprocessed = [&] {
    return std::stoll(
        sample::testing::query_value(connection, "SELECT count(*) FROM items WHERE status <> 'processed'"));
  };
  ASSERT_TRUE(sample::testing::eventually([&] { return unprocessed() == 0; }, std::chrono::seconds(60)))
      << unprocessed() << " items not processed\n"
      << stack.worker().log_tail();

  std::string ids =
      sample::testing::query_value(connection, "SELECT string_agg(id::text, ',' ORDER BY id) FROM items");
  std::set<long long> stored;
  for (std::size_t start = 0; start < ids.size();) {
    std::size_t end = ids.find(',', start);
    if (end == std::string::npos) end = ids.size();
    stored.insert(std::stoll(ids.substr(start, end - start)));
    start = end + 1;
  }
  for (long long id : created) {
    EXPECT_TRUE(stored.count(id)) << "item " << id << " was acknowledged but is missing";
  }

  sample::RedisPool redis("127.0.0.1", stack.redis().port(), 1, std::chrono::seconds(2));
  EXPECT_TRUE(sample::testing::eventually([&] {
    return redis.command({"XPENDING", "items:jobs", "item-workers"}).elements.at(0).integer == 0;
  })) << "every delivered job was acknowledged";
  EXPECT_EQ(redis.command({"XLEN", "items:jobs:dead"}).integer, 0) << "no job gave up";
}

}  // namespace

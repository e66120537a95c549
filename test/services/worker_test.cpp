// The worker against a real PostgreSQL and Redis, with short retry delays: processing, the dead-letter
// stream, reclaiming an abandoned job, retrying while PostgreSQL is away, the reconciler, the backlog metric.
#include <gtest/gtest.h>

#include <pqxx/pqxx>

#include "job_consumer.hpp"
#include "local_stack.hpp"
#include "redis_client.hpp"
#include "service_test_support.hpp"

namespace {

using sample::testing::eventually;

const std::vector<std::string> kFastRetries = {"WORKER_BLOCK_MS=100",          "WORKER_CLAIM_IDLE_MS=300",
                                               "WORKER_RETRY_BASE_MS=300",     "WORKER_RETRY_MAX_MS=2000",
                                               "WORKER_MAX_ATTEMPTS=4",        "METRICS_INTERVAL_SECONDS=1",
                                               "RECONCILE_INTERVAL_SECONDS=1", "RECONCILE_AFTER_SECONDS=3"};

class Worker : public ::testing::Test {
 protected:
  Worker()
      : stack_({.worker_env = kFastRetries}),
        redis_("127.0.0.1", stack_.redis().port(), 1, std::chrono::seconds(5)) {}

  std::string sql(const std::string& query) {
    return sample::testing::query_value(stack_.postgres().connection_string(), query);
  }
  std::string status_of(long long id) {
    return sql("SELECT status FROM items WHERE id = " + std::to_string(id));
  }

  // An item as the api would insert it, without a job.
  long long insert_item(const std::string& name, const std::string& enqueued_at = "now()") {
    return std::stoll(sql("INSERT INTO items (name, description, enqueued_at) VALUES ('" + name +
                          "', 'two words', " + enqueued_at + ") RETURNING id"));
  }
  long long pending_jobs() {
    return redis_.command({"XPENDING", "items:jobs", "item-workers"}).elements.at(0).integer;
  }

  sample::local::LocalStack stack_;
  sample::RedisPool redis_;
};

TEST_F(Worker, EnrichesACreatedItemAndAcknowledgesTheJob) {
  auto created =
      sample::testing::http_post(stack_.api_port(), "/api/v1/items",
                                 R"({"name": "Hello, C++ World!", "description": "three more words"})");
  ASSERT_EQ(created.status, 201);
  long long id = created.json()["id"];
  ASSERT_TRUE(eventually([&] { return status_of(id) == "processed"; })) << stack_.worker().log_tail();
  EXPECT_EQ(sql("SELECT slug FROM items WHERE id = " + std::to_string(id)), "hello-c-world");
  EXPECT_EQ(sql("SELECT word_count FROM items WHERE id = " + std::to_string(id)), "6");
  EXPECT_EQ(sql("SELECT attempts FROM items WHERE id = " + std::to_string(id)), "1");
  EXPECT_EQ(pending_jobs(), 0);

  // The api's cached read does not keep showing it as pending.
  auto read = sample::testing::http_get(stack_.api_port(), "/api/v1/items/" + std::to_string(id));
  EXPECT_EQ(read.json()["status"], "processed");
  EXPECT_EQ(read.json()["slug"], "hello-c-world");
}

TEST_F(Worker, AJobThatKeepsFailingMovesToTheDeadLetterStreamAfterMaxAttempts) {
  redis_.command({"XADD", "items:jobs", "*", "item_id", "not-a-number", "trace_header", "Root=1-abc"});
  sample::RedisValue dead;
  ASSERT_TRUE(eventually(
      [&] {
        dead = redis_.command({"XRANGE", "items:jobs:dead", "-", "+"});
        return !dead.elements.empty();
      },
      std::chrono::seconds(20)))
      << stack_.worker().log_tail();
  ASSERT_EQ(dead.elements.size(), 1U);
  std::map<std::string, std::string> fields;
  const auto& flat = dead.elements[0].elements.at(1).elements;
  for (std::size_t i = 0; i + 1 < flat.size(); i += 2) fields[flat[i].text] = flat[i + 1].text;
  EXPECT_EQ(fields["attempts"], "4");
  EXPECT_EQ(fields["error"], "job's item_id 'not-a-number' is not a positive integer");
  EXPECT_EQ(fields["item_id"], "not-a-number") << "the original job travels with it";
  EXPECT_EQ(fields["trace_header"], "Root=1-abc");
  EXPECT_EQ(pending_jobs(), 0) << "acknowledged once dead-lettered";

  auto retries = sample::testing::log_messages(stack_.worker().log_file(), "job failed, will retry");
  ASSERT_EQ(retries.size(), 3U);
  EXPECT_EQ(retries[0]["attempt"], 1);
  EXPECT_EQ(retries[2]["attempt"], 3);
  EXPECT_LT(retries[0]["retry_in_ms"].get<int>(), retries[2]["retry_in_ms"].get<int>()) << "the delay grows";
  EXPECT_EQ(sample::testing::log_messages(stack_.worker().log_file(), "job failed for the last time").size(),
            1U);
}

TEST_F(Worker, AJobAbandonedByACrashedConsumerIsClaimedAndDone) {
  stack_.worker().crash();
  long long id = insert_item("abandoned");
  redis_.command({"XADD", "items:jobs", "*", "item_id", std::to_string(id), "trace_header", ""});
  // Another consumer takes it and dies before acknowledging: the job is pending, owned by a dead consumer.
  redis_.command(
      {"XREADGROUP", "GROUP", "item-workers", "crashed-task", "COUNT", "10", "STREAMS", "items:jobs", ">"});
  EXPECT_EQ(pending_jobs(), 1);

  stack_.worker().start();
  ASSERT_TRUE(eventually([&] { return status_of(id) == "processed"; })) << stack_.worker().log_tail();
  EXPECT_EQ(sql("SELECT attempts FROM items WHERE id = " + std::to_string(id)), "2") << "its second delivery";
  EXPECT_EQ(pending_jobs(), 0);
}

TEST_F(Worker, RetriesWhilePostgresIsAwayAndFinishesWhenItReturns) {
  long long id = insert_item("waits for the database");
  stack_.postgres().stop();
  redis_.command({"XADD", "items:jobs", "*", "item_id", std::to_string(id), "trace_header", ""});
  ASSERT_TRUE(eventually([&] {
    return !sample::testing::log_messages(stack_.worker().log_file(), "job failed, will retry").empty();
  })) << stack_.worker().log_tail();
  stack_.postgres().start();
  ASSERT_TRUE(eventually([&] { return status_of(id) == "processed"; }, std::chrono::seconds(20)))
      << stack_.worker().log_tail();
  EXPECT_GE(std::stoi(sql("SELECT attempts FROM items WHERE id = " + std::to_string(id))), 2);
}

TEST_F(Worker, TheReconcilerEnqueuesItemsWhoseJobWasLost) {
  // As when the api committed the item but Redis was down, or Redis restarted empty.
  long long id = insert_item("job lost", "now() - interval '1 hour'");
  ASSERT_TRUE(eventually([&] { return status_of(id) == "processed"; })) << stack_.worker().log_tail();
  EXPECT_FALSE(
      sample::testing::log_messages(stack_.worker().log_file(), "re-enqueued jobs for items pending too long")
          .empty());
}

TEST_F(Worker, SurvivesRedisRestartingEmpty) {
  stack_.redis().stop();
  stack_.redis().start();  // no persistence: the stream and the consumer group are gone
  long long id = insert_item("after the restart");
  redis_.command({"XADD", "items:jobs", "*", "item_id", std::to_string(id), "trace_header", ""});
  ASSERT_TRUE(eventually([&] { return status_of(id) == "processed"; })) << stack_.worker().log_tail();
}

TEST_F(Worker, PublishesItsBacklogAsAnEmbeddedMetric) {
  nlohmann::json metrics;
  ASSERT_TRUE(eventually([&] {
    auto lines = sample::testing::log_messages(stack_.worker().log_file(), "metrics");
    if (!lines.empty()) metrics = lines.back();
    return !lines.empty();
  })) << stack_.worker().log_tail();
  const nlohmann::json& directive = metrics["_aws"]["CloudWatchMetrics"][0];
  EXPECT_EQ(directive["Namespace"], "SampleApp");
  EXPECT_EQ(directive["Dimensions"], nlohmann::json::parse(R"([["Service"]])"));
  EXPECT_EQ(directive["Metrics"][0]["Name"], "Backlog");
  EXPECT_EQ(metrics["Service"], "worker");
  EXPECT_EQ(metrics["Backlog"], 0);
}

TEST_F(Worker, BacklogCountsUndeliveredAndUnacknowledgedJobs) {
  stack_.worker().crash();
  sample::JsonLog log("test", stdout);
  sample::PostgresPool database(stack_.postgres().connection_string(), 1, std::chrono::seconds(5));
  sample::JobConsumer consumer(database, redis_, log, {.consumer = "test"});
  long long before = consumer.backlog();
  for (int i = 0; i < 5; ++i) redis_.command({"XADD", "items:jobs", "*", "item_id", "1", "trace_header", ""});
  EXPECT_EQ(consumer.backlog(), before + 5);
  redis_.command(
      {"XREADGROUP", "GROUP", "item-workers", "other", "COUNT", "2", "STREAMS", "items:jobs", ">"});
  EXPECT_EQ(consumer.backlog(), before + 5) << "delivered but not acknowledged still counts";
}

TEST_F(Worker, SigtermStopsAfterTheCurrentBatch) {
  EXPECT_EQ(stack_.worker().stop(SIGTERM), 0);
  auto lines = sample::testing::json_lines(stack_.worker().log_file());
  ASSERT_FALSE(lines.empty());
  EXPECT_EQ(lines.back()["message"], "stopped");
}

}  // namespace

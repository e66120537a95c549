// The api against a real PostgreSQL and Redis (no worker, so jobs stay in the stream for the tests to read):
// CRUD, paging, every validation error, the cache and its invalidation, trace headers and the log/metric
// lines.
#include <gtest/gtest.h>

#include <memory>

#include "local_stack.hpp"
#include "redis_client.hpp"
#include "service_test_support.hpp"

namespace {

using sample::testing::http_delete;
using sample::testing::http_get;
using sample::testing::http_post;

class ApiService : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    stack = std::make_unique<sample::local::LocalStack>(sample::local::StackOptions{.worker = false});
  }
  static void TearDownTestSuite() { stack.reset(); }

  static int port() { return stack->api_port(); }

  static nlohmann::json create(const std::string& name, const std::string& description = "") {
    nlohmann::json body = {{"name", name}};
    if (!description.empty()) body["description"] = description;
    auto result = http_post(port(), "/api/v1/items", body.dump());
    EXPECT_EQ(result.status, 201) << result.body;
    return result.json();
  }

  static std::unique_ptr<sample::local::LocalStack> stack;
};

std::unique_ptr<sample::local::LocalStack> ApiService::stack;

TEST_F(ApiService, HealthReportsBothDependencies) {
  auto health = http_get(port(), "/health");
  ASSERT_EQ(health.status, 200);
  EXPECT_EQ(health.json()["status"], "ok");
  EXPECT_EQ(health.json()["checks"]["database"], "ok");
  EXPECT_EQ(health.json()["checks"]["cache"], "ok");
}

TEST_F(ApiService, RootDescribesTheService) {
  auto root = http_get(port(), "/");
  ASSERT_EQ(root.status, 200);
  EXPECT_EQ(root.header("Content-Type"), "application/json");
  EXPECT_EQ(root.json()["service"], "sample-api");
}

TEST_F(ApiService, CreatesReadsAndDeletesAnItem) {
  nlohmann::json created = create("Blue widget", "A widget, blue");
  EXPECT_GT(created["id"].get<long long>(), 0);
  EXPECT_EQ(created["name"], "Blue widget");
  EXPECT_EQ(created["description"], "A widget, blue");
  EXPECT_EQ(created["status"], "pending");
  EXPECT_TRUE(created["processed_at"].is_null());
  std::string path = "/api/v1/items/" + std::to_string(created["id"].get<long long>());

  auto read = http_get(port(), path);
  ASSERT_EQ(read.status, 200);
  EXPECT_EQ(read.json(), created);
  std::string stored = sample::testing::query_value(
      stack->postgres().connection_string(), "SELECT name FROM items WHERE id = " + created["id"].dump());
  EXPECT_EQ(stored, "Blue widget");

  EXPECT_EQ(http_delete(port(), path).status, 204);
  auto gone = http_get(port(), path);
  EXPECT_EQ(gone.status, 404);
  EXPECT_EQ(gone.json()["error"], "no item with id " + created["id"].dump());
  EXPECT_EQ(http_delete(port(), path).status, 404);
}

TEST_F(ApiService, ADescriptionIsOptional) {
  nlohmann::json created = create("No description");
  EXPECT_EQ(created["description"], "");
}

TEST_F(ApiService, ListsNewestFirstInPages) {
  long long first = create("page item 1")["id"];
  long long second = create("page item 2")["id"];
  long long third = create("page item 3")["id"];

  auto page = http_get(port(), "/api/v1/items?limit=2");
  ASSERT_EQ(page.status, 200) << page.body;
  nlohmann::json body = page.json();
  ASSERT_EQ(body["items"].size(), 2U);
  EXPECT_EQ(body["items"][0]["id"], third);
  EXPECT_EQ(body["items"][1]["id"], second);
  EXPECT_EQ(body["limit"], 2);
  EXPECT_EQ(body["offset"], 0);
  EXPECT_EQ(body["next_offset"], 2);

  nlohmann::json next = http_get(port(), "/api/v1/items?limit=2&offset=2").json();
  EXPECT_EQ(next["items"][0]["id"], first);

  nlohmann::json beyond = http_get(port(), "/api/v1/items?offset=1000000").json();
  EXPECT_TRUE(beyond["items"].empty());
  EXPECT_TRUE(beyond["next_offset"].is_null());
  EXPECT_EQ(beyond["limit"], 20) << "the default page size";
}

TEST_F(ApiService, RejectsBadPagingWithAReason) {
  const std::pair<std::string, std::string> cases[] = {
      {"limit=0", "'limit' must be an integer from 1 to 100"},
      {"limit=101", "'limit' must be an integer from 1 to 100"},
      {"limit=ten", "'limit' must be an integer from 1 to 100"},
      {"offset=-1", "'offset' must be a non-negative integer"},
      {"offset=1.5", "'offset' must be a non-negative integer"},
  };
  for (const auto& [query, reason] : cases) {
    auto result = http_get(port(), "/api/v1/items?" + query);
    EXPECT_EQ(result.status, 400) << query;
    EXPECT_NE(result.body.find(reason), std::string::npos) << query << ": " << result.body;
  }
}

TEST_F(ApiService, RejectsEveryInvalidBodyWithAReason) {
  struct Case {
    std::string body;
    std::string reason;
  };
  const Case cases[] = {
      {"not json", "body is not valid JSON"},
      {"{\"name\": \"unterminated", "body is not valid JSON"},
      {"\"just a string\"", "body must be a JSON object"},
      {"[{\"name\": \"x\"}]", "body must be a JSON object"},
      {"{}", "field 'name' is required"},
      {"{\"description\": \"no name\"}", "field 'name' is required"},
      {"{\"name\": 42}", "field 'name' must be a string"},
      {"{\"name\": null}", "field 'name' must be a string"},
      {"{\"name\": \"   \"}", "field 'name' must not be empty"},
      {"{\"name\": \"" + std::string(201, 'n') + "\"}", "field 'name' is longer than 200 characters"},
      {"{\"name\": \"x\", \"description\": 7}", "field 'description' must be a string"},
      {"{\"name\": \"x\", \"description\": \"" + std::string(2001, 'd') + "\"}",
       "field 'description' is longer than 2000 characters"},
      {"{\"name\": \"x\", \"price\": 3}", "unknown field 'price'"},
      {"{\"name\": \"a\\u0000b\"}", "text fields must not contain NUL characters"},
      {"{\"name\": \"\xff\xfe\"}", "body is not valid JSON"},
  };
  for (const Case& test : cases) {
    auto result = http_post(port(), "/api/v1/items", test.body);
    EXPECT_EQ(result.status, 400) << test.body.substr(0, 60);
    EXPECT_EQ(result.json()["error"], test.reason) << test.body.substr(0, 60);
  }
}

TEST_F(ApiService, CountsCharactersNotBytes) {
  std::string two_hundred_e_acute;
  for (int i = 0; i < 200; ++i) two_hundred_e_acute += "\xc3\xa9";
  auto accepted = http_post(port(), "/api/v1/items", nlohmann::json{{"name", two_hundred_e_acute}}.dump());
  EXPECT_EQ(accepted.status, 201) << accepted.body;
  auto rejected =
      http_post(port(), "/api/v1/items", nlohmann::json{{"name", two_hundred_e_acute + "x"}}.dump());
  EXPECT_EQ(rejected.status, 400);
}

TEST_F(ApiService, RejectsOtherContentTypes) {
  auto result = http_post(port(), "/api/v1/items", "{\"name\": \"x\"}", "text/plain");
  EXPECT_EQ(result.status, 415);
  EXPECT_EQ(result.json()["error"], "Content-Type must be application/json");
}

TEST_F(ApiService, RejectsOversizedBodiesWith413) {
  std::string body = nlohmann::json{{"name", "x"}, {"description", std::string(20 * 1024, 'd')}}.dump();
  auto result = http_post(port(), "/api/v1/items", body);
  EXPECT_EQ(result.status, 413);
  EXPECT_EQ(result.json()["error"], "body larger than 16384 bytes");
}

TEST_F(ApiService, UnknownRoutesAndMalformedIdsAre404WithJson) {
  for (const std::string path :
       {"/nope", "/api/v1/items/abc", "/api/v1/items/-1", "/api/v1/items/1234567890123456789"}) {
    auto result = http_get(port(), path);
    EXPECT_EQ(result.status, 404) << path;
    EXPECT_EQ(result.json()["error"], "no such route") << path;
  }
}

TEST_F(ApiService, ListReadsAreCachedAndEveryWriteInvalidatesThem) {
  create("cache seed");
  EXPECT_EQ(http_get(port(), "/api/v1/items?limit=5").header("X-Cache"), "miss");
  auto cached = http_get(port(), "/api/v1/items?limit=5");
  EXPECT_EQ(cached.header("X-Cache"), "hit");

  long long id = create("cache invalidator")["id"];
  auto after_create = http_get(port(), "/api/v1/items?limit=5");
  EXPECT_EQ(after_create.header("X-Cache"), "miss");
  EXPECT_EQ(after_create.json()["items"][0]["id"], id) << "a create is visible at once";
  EXPECT_EQ(http_get(port(), "/api/v1/items?limit=5").header("X-Cache"), "hit");

  EXPECT_EQ(http_delete(port(), "/api/v1/items/" + std::to_string(id)).status, 204);
  auto after_delete = http_get(port(), "/api/v1/items?limit=5");
  EXPECT_EQ(after_delete.header("X-Cache"), "miss");
  EXPECT_NE(after_delete.json()["items"][0]["id"], id) << "a delete is visible at once";
}

TEST_F(ApiService, ItemReadsAreCachedAndADeleteInvalidatesThem) {
  long long id = create("cached item")["id"];
  std::string path = "/api/v1/items/" + std::to_string(id);
  EXPECT_EQ(http_get(port(), path).header("X-Cache"), "miss");
  EXPECT_EQ(http_get(port(), path).header("X-Cache"), "hit");
  EXPECT_EQ(http_delete(port(), path).status, 204);
  EXPECT_EQ(http_get(port(), path).status, 404) << "not served from the cache after the delete";
}

TEST_F(ApiService, ACreateEnqueuesAJobCarryingTheTraceHeader) {
  const std::string trace = "Root=1-67891233-abcdef012345678912345678;Parent=53995c3f42cd8ad8;Sampled=1";
  auto result = http_post(port(), "/api/v1/items", R"({"name": "traced"})", "application/json",
                          {{"X-Amzn-Trace-Id", trace}});
  ASSERT_EQ(result.status, 201);
  EXPECT_EQ(result.header("X-Amzn-Trace-Id"), trace) << "the trace header travels back";
  std::string id = result.json()["id"].dump();

  sample::RedisPool redis("127.0.0.1", stack->redis().port(), 1, std::chrono::seconds(2));
  sample::RedisValue jobs = redis.command({"XRANGE", "items:jobs", "-", "+"});
  bool found = false;
  for (const sample::RedisValue& job : jobs.elements) {
    const auto& fields = job.elements.at(1).elements;
    if (fields.at(1).text == id) {
      found = true;
      EXPECT_EQ(fields.at(3).text, trace);
    }
  }
  EXPECT_TRUE(found) << "no job for item " << id << " in items:jobs";

  EXPECT_TRUE(sample::testing::eventually([&] {
    for (const nlohmann::json& line : sample::testing::log_messages(stack->api().log_file(), "request")) {
      if (line.value("trace_id", "") == "1-67891233-abcdef012345678912345678") return true;
    }
    return false;
  })) << "the access log carries the trace id";
}

TEST_F(ApiService, EveryRequestLogLineIsAnEmbeddedMetricRecord) {
  ASSERT_EQ(
      http_get(port(), "/api/v1/items?limit=1", {{"X-Amzn-Trace-Id", "Root=1-00000001-metricline"}}).status,
      200);
  nlohmann::json line;
  ASSERT_TRUE(sample::testing::eventually([&] {
    for (const nlohmann::json& candidate :
         sample::testing::log_messages(stack->api().log_file(), "request")) {
      if (candidate.value("trace_id", "") == "1-00000001-metricline") line = candidate;
    }
    return !line.is_null();
  })) << "access log lines are buffered, but written within 100 ms";
  const nlohmann::json& directive = line["_aws"]["CloudWatchMetrics"][0];
  EXPECT_EQ(directive["Namespace"], "SampleApp");
  EXPECT_EQ(directive["Dimensions"], nlohmann::json::parse(R"([["Service", "Route"]])"));
  EXPECT_EQ(directive["Metrics"][0]["Name"], "RequestCount");
  EXPECT_EQ(directive["Metrics"][1]["Name"], "Latency");
  EXPECT_EQ(directive["Metrics"][1]["Unit"], "Milliseconds");
  EXPECT_TRUE(line["_aws"]["Timestamp"].is_number_integer());
  EXPECT_EQ(line["Service"], "api");
  EXPECT_EQ(line["Route"], "GET /api/v1/items");
  EXPECT_EQ(line["RequestCount"], 1);
  EXPECT_GE(line["Latency"].get<double>(), 0.0);
  EXPECT_EQ(line["status"], 200);
}

}  // namespace

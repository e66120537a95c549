// The api's HTTP surface: routes, JSON errors, one access-log line per request that is also its
// embedded-metric-format record (RequestCount and Latency by route), and a stop that drains.
#pragma once

#include <httplib.h>

#include <atomic>
#include <string>

#include "item_store.hpp"
#include "json_log.hpp"

namespace sample {

struct ApiOptions {
  std::string host = "0.0.0.0";
  int port = 8080;   // 0 picks a free port
  int threads = 64;  // one per open connection (keep-alive holds its thread), so size for the client count
  std::string metrics_namespace = "SampleApp";
};

class ApiServer {
 public:
  ApiServer(ItemStore& store, JsonLog& log, ApiOptions options);

  // Binds the listening socket and returns its port; throws when the address is taken.
  int bind();
  // Serves until stop(); in-flight requests finish before it returns.
  void serve();
  // Stops accepting (waiting for serve() to have started); safe from any thread.
  void stop();

 private:
  void add_routes();
  void add_observability();

  ItemStore& store_;
  JsonLog& log_;
  ApiOptions options_;
  httplib::Server server_;
  std::atomic<bool> finished_ = false;
};

}  // namespace sample

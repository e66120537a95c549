// One JSON object per line on stdout, the shape CloudWatch Logs indexes; a line that carries an `_aws` member
// is also an embedded-metric-format record, so a request's access log and its metrics are one line.
#pragma once

#include <condition_variable>
#include <cstdio>
#include <initializer_list>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <thread>

namespace sample {

struct Metric {
  std::string name;
  std::string unit;  // a CloudWatch unit: Count, Milliseconds, ...
  double value = 0;
};

class JsonLog {
 public:
  JsonLog(std::string service, std::FILE* out);
  // Writes what is buffered.
  ~JsonLog();
  JsonLog(const JsonLog&) = delete;
  JsonLog& operator=(const JsonLog&) = delete;

  // Writes {"timestamp", "level", "service", "message", ...fields} as one line, whole, even from many
  // threads, before returning (after any buffered lines, keeping their order).
  void write(std::string_view level, std::string_view message,
             nlohmann::json fields = nlohmann::json::object());
  // The same line, buffered and written by a background thread within 100 ms: for the access log, so that
  // thousands of requests a second cost no write() each, and a slow disk stalls no request.
  void write_buffered(std::string_view level, std::string_view message, nlohmann::json fields);
  void info(std::string_view message, nlohmann::json fields = nlohmann::json::object());
  void error(std::string_view message, nlohmann::json fields = nlohmann::json::object());

  const std::string& service() const { return service_; }

 private:
  std::string format(std::string_view level, std::string_view message, nlohmann::json fields) const;
  void write_out(const std::string& text);  // with mutex_ held
  void run_flusher();

  std::string service_;
  std::FILE* out_;
  std::mutex mutex_;         // buffered_, stopping_, flusher_
  std::mutex output_mutex_;  // out_: taken after mutex_, so lines keep their order
  std::condition_variable wake_;
  std::string buffered_;
  bool stopping_ = false;
  std::thread flusher_;  // started with the first buffered line
};

// Adds the `_aws` member that makes `fields` an embedded-metric-format record in `name_space`, with the
// metrics' values and the dimension values as top-level members (the format's rule).
void add_embedded_metrics(nlohmann::json& fields, std::string_view name_space,
                          std::initializer_list<std::string_view> dimensions,
                          std::initializer_list<Metric> metrics);

}  // namespace sample

// One JSON object per line on stdout, the shape CloudWatch Logs indexes; a line that carries an `_aws` member
// is also an embedded-metric-format record, so a request's access log and its metrics are one line.
#pragma once

#include <cstdio>
#include <initializer_list>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

namespace sample {

struct Metric {
  std::string name;
  std::string unit;  // a CloudWatch unit: Count, Milliseconds, ...
  double value = 0;
};

class JsonLog {
 public:
  JsonLog(std::string service, std::FILE* out);

  // Writes {"timestamp", "level", "service", "message", ...fields} as one line, whole, even from many
  // threads.
  void write(std::string_view level, std::string_view message,
             nlohmann::json fields = nlohmann::json::object());
  void info(std::string_view message, nlohmann::json fields = nlohmann::json::object());
  void error(std::string_view message, nlohmann::json fields = nlohmann::json::object());

  const std::string& service() const { return service_; }

 private:
  std::string service_;
  std::FILE* out_;
  std::mutex mutex_;
};

// Adds the `_aws` member that makes `fields` an embedded-metric-format record in `name_space`, with the
// metrics' values and the dimension values as top-level members (the format's rule).
void add_embedded_metrics(nlohmann::json& fields, std::string_view name_space,
                          std::initializer_list<std::string_view> dimensions,
                          std::initializer_list<Metric> metrics);

}  // namespace sample

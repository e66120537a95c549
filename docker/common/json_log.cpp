#include "json_log.hpp"

#include <chrono>
#include <ctime>
#include <utility>

namespace sample {
namespace {

long long epoch_milliseconds() {
  using namespace std::chrono;
  return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

std::string iso8601(long long epoch_ms) {
  std::time_t seconds = static_cast<std::time_t>(epoch_ms / 1000);
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  char text[32];
  std::size_t length = std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%S", &utc);
  std::snprintf(text + length, sizeof text - length, ".%03lldZ", epoch_ms % 1000);
  return text;
}

}  // namespace

JsonLog::JsonLog(std::string service, std::FILE* out) : service_(std::move(service)), out_(out) {}

void JsonLog::write(std::string_view level, std::string_view message, nlohmann::json fields) {
  long long now = epoch_milliseconds();
  nlohmann::json line = {
      {"timestamp", iso8601(now)}, {"level", level}, {"service", service_}, {"message", message}};
  if (fields.contains("_aws")) fields["_aws"]["Timestamp"] = now;
  line.update(fields);
  // Invalid UTF-8 from a client (a header, a path) is replaced rather than failing the log line.
  std::string text = line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  text += '\n';
  std::lock_guard lock(mutex_);
  std::fwrite(text.data(), 1, text.size(), out_);
  std::fflush(out_);
}

void JsonLog::info(std::string_view message, nlohmann::json fields) {
  write("info", message, std::move(fields));
}

void JsonLog::error(std::string_view message, nlohmann::json fields) {
  write("error", message, std::move(fields));
}

void add_embedded_metrics(nlohmann::json& fields, std::string_view name_space,
                          std::initializer_list<std::string_view> dimensions,
                          std::initializer_list<Metric> metrics) {
  nlohmann::json definitions = nlohmann::json::array();
  for (const Metric& metric : metrics) {
    definitions.push_back({{"Name", metric.name}, {"Unit", metric.unit}});
    fields[metric.name] = metric.value;
  }
  nlohmann::json dimension_set = nlohmann::json::array();
  for (std::string_view dimension : dimensions) dimension_set.push_back(dimension);
  fields["_aws"] = {{"Timestamp", epoch_milliseconds()},
                    {"CloudWatchMetrics",
                     {{{"Namespace", name_space},
                       {"Dimensions", nlohmann::json::array({dimension_set})},
                       {"Metrics", definitions}}}}};
}

}  // namespace sample

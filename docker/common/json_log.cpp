#include "json_log.hpp"

#include <pthread.h>
#include <signal.h>

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

JsonLog::~JsonLog() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_one();
  if (flusher_.joinable()) flusher_.join();
  std::lock_guard lock(mutex_);
  write_out({});
}

std::string JsonLog::format(std::string_view level, std::string_view message, nlohmann::json fields) const {
  long long now = epoch_milliseconds();
  nlohmann::json line = {
      {"timestamp", iso8601(now)}, {"level", level}, {"service", service_}, {"message", message}};
  if (fields.contains("_aws")) fields["_aws"]["Timestamp"] = now;
  line.update(fields);
  // Invalid UTF-8 from a client (a header, a path) is replaced rather than failing the log line.
  std::string text = line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  text += '\n';
  return text;
}

void JsonLog::write_out(const std::string& text) {
  std::lock_guard output(output_mutex_);  // after the flusher's write in progress, if any
  if (!buffered_.empty()) {
    std::fwrite(buffered_.data(), 1, buffered_.size(), out_);
    buffered_.clear();
  }
  std::fwrite(text.data(), 1, text.size(), out_);
  std::fflush(out_);
}

void JsonLog::write(std::string_view level, std::string_view message, nlohmann::json fields) {
  std::string text = format(level, message, std::move(fields));
  std::lock_guard lock(mutex_);
  write_out(text);
}

void JsonLog::write_buffered(std::string_view level, std::string_view message, nlohmann::json fields) {
  std::string text = format(level, message, std::move(fields));
  std::lock_guard lock(mutex_);
  if (!flusher_.joinable() && !stopping_) flusher_ = std::thread([this] { run_flusher(); });
  buffered_ += text;
  if (buffered_.size() > 256 * 1024) write_out({});  // the flusher is behind: write now rather than grow
}

void JsonLog::run_flusher() {
  // Signals go to the service's own shutdown thread, never to this one.
  sigset_t all;
  sigfillset(&all);
  pthread_sigmask(SIG_BLOCK, &all, nullptr);
  std::unique_lock lock(mutex_);
  while (!stopping_) {
    wake_.wait_for(lock, std::chrono::milliseconds(100), [&] { return stopping_; });
    if (!buffered_.empty()) {
      std::string text = std::move(buffered_);
      buffered_.clear();
      std::unique_lock output(output_mutex_);
      lock.unlock();  // a slow write blocks this thread (and a write-through line after it), no request
      std::fwrite(text.data(), 1, text.size(), out_);
      std::fflush(out_);
      output.unlock();
      lock.lock();
    }
  }
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

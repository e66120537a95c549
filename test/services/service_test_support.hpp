// What the service tests share: an HTTP client that returns status, headers and body; polling for a condition
// the services reach asynchronously; reading a service's JSON log; a direct query on the stack's database.
#pragma once

#include <httplib.h>

#include <chrono>
#include <filesystem>
#include <functional>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace sample::testing {

struct HttpResult {
  int status = 0;  // 0: no response (connection refused, timed out)
  std::string body;
  httplib::Headers headers;

  nlohmann::json json() const { return nlohmann::json::parse(body); }
  std::string header(const std::string& name) const;
};

HttpResult http_get(int port, const std::string& path, const httplib::Headers& headers = {});
HttpResult http_delete(int port, const std::string& path);
HttpResult http_post(int port, const std::string& path, const std::string& body,
                     const std::string& content_type = "application/json",
                     const httplib::Headers& headers = {});

// Polls `condition` every 20 ms until it holds (true) or `timeout` passes (false).
bool eventually(const std::function<bool()>& condition,
                std::chrono::milliseconds timeout = std::chrono::seconds(15));

// Every line of a JSON-lines log that parses as a JSON object.
std::vector<nlohmann::json> json_lines(const std::filesystem::path& log);
// The lines whose "message" equals `message`.
std::vector<nlohmann::json> log_messages(const std::filesystem::path& log, const std::string& message);

// The first column of the first row of `sql` on `connection_string`, as text ("" for NULL).
std::string query_value(const std::string& connection_string, const std::string& sql);

}  // namespace sample::testing

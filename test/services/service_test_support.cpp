#include "service_test_support.hpp"

#include <fstream>
#include <pqxx/pqxx>
#include <thread>

namespace sample::testing {
namespace {

httplib::Client client(int port) {
  httplib::Client result("127.0.0.1", port);
  result.set_connection_timeout(std::chrono::seconds(2));
  result.set_read_timeout(std::chrono::seconds(10));
  return result;
}

HttpResult to_result(const httplib::Result& result) {
  if (!result) return {};
  return {result->status, result->body, result->headers};
}

}  // namespace

std::string HttpResult::header(const std::string& name) const {
  auto found = headers.find(name);
  return found == headers.end() ? std::string() : found->second;
}

HttpResult http_get(int port, const std::string& path, const httplib::Headers& headers) {
  return to_result(client(port).Get(path, headers));
}

HttpResult http_delete(int port, const std::string& path) { return to_result(client(port).Delete(path)); }

HttpResult http_post(int port, const std::string& path, const std::string& body,
                     const std::string& content_type, const httplib::Headers& headers) {
  return to_result(client(port).Post(path, headers, body, content_type));
}

bool eventually(const std::function<bool()>& condition, std::chrono::milliseconds timeout) {
  auto deadline = std::chrono::steady_clock::now() + timeout;
  while (!condition()) {
    if (std::chrono::steady_clock::now() >= deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return true;
}

std::vector<nlohmann::json> json_lines(const std::filesystem::path& log) {
  std::vector<nlohmann::json> lines;
  std::ifstream in(log);
  for (std::string line; std::getline(in, line);) {
    nlohmann::json parsed = nlohmann::json::parse(line, nullptr, false);
    if (!parsed.is_discarded() && parsed.is_object()) lines.push_back(std::move(parsed));
  }
  return lines;
}

std::vector<nlohmann::json> log_messages(const std::filesystem::path& log, const std::string& message) {
  std::vector<nlohmann::json> found;
  for (nlohmann::json& line : json_lines(log)) {
    if (line.value("message", "") == message) found.push_back(std::move(line));
  }
  return found;
}

std::string query_value(const std::string& connection_string, const std::string& sql) {
  pqxx::connection connection(connection_string);
  pqxx::nontransaction query(connection);
  pqxx::result rows = query.exec(sql);
  if (rows.empty() || rows[0][0].is_null()) return "";
  return rows[0][0].as<std::string>();
}

}  // namespace sample::testing

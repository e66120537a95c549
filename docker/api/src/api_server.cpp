#include "api_server.hpp"

#include <netinet/in.h>
#include <sys/socket.h>

#include <chrono>
#include <filesystem>
#include <stdexcept>
#include <thread>

#include "item_validation.hpp"

namespace sample {
namespace {

constexpr const char* kJson = "application/json";
constexpr const char* kTraceHeader = "X-Amzn-Trace-Id";

// Per request, on the thread that serves it: set when routing starts, read by the logger after the response.
thread_local std::chrono::steady_clock::time_point request_started;
thread_local std::string request_route;

void reply_error(httplib::Response& response, int status, std::string_view message) {
  response.status = status;
  response.set_content(nlohmann::json{{"error", message}}.dump(), kJson);
}

std::optional<std::string> query(const httplib::Request& request, const char* name) {
  if (!request.has_param(name)) return std::nullopt;
  return request.get_param_value(name);
}

long long path_id(const httplib::Request& request) {
  // The route's pattern allows 1–18 digits, which always fit.
  return std::stoll(request.matches[1].str());
}

// The X-Ray trace id (Root=...) out of the header, for the log's trace_id field.
std::string trace_root(const std::string& header) {
  auto start = header.find("Root=");
  if (start == std::string::npos) return header;
  start += 5;
  return header.substr(start, header.find(';', start) - start);
}

// cpp-httplib 0.11 listens with a backlog of 5 (compiled into Debian's library): a burst of new connections
// overflows it and the kernel drops SYNs, which clients retry after a full second. Listening again on the
// same socket raises the backlog (Linux allows it); the socket is found by its port.
void widen_listen_backlog(int port) {
  for (const auto& entry : std::filesystem::directory_iterator("/proc/self/fd")) {
    int fd = std::stoi(entry.path().filename().string());
    int listening = 0;
    socklen_t size = sizeof listening;
    sockaddr_storage address{};
    socklen_t address_size = sizeof address;
    if (getsockopt(fd, SOL_SOCKET, SO_ACCEPTCONN, &listening, &size) != 0 || listening == 0) continue;
    // NOLINTNEXTLINE(cppcoreguidelines-pro-type-reinterpret-cast): the sockets API's own type pun
    if (getsockname(fd, reinterpret_cast<sockaddr*>(&address), &address_size) != 0) continue;
    int bound = 0;
    if (address.ss_family == AF_INET) {
      bound = ntohs(reinterpret_cast<const sockaddr_in*>(&address)->sin_port);  // NOLINT(*reinterpret-cast)
    } else if (address.ss_family == AF_INET6) {
      bound = ntohs(reinterpret_cast<const sockaddr_in6*>(&address)->sin6_port);  // NOLINT(*reinterpret-cast)
    }
    if (bound == port) ::listen(fd, SOMAXCONN);
  }
}

template <typename Handler>
httplib::Server::Handler route(std::string name, Handler handler) {
  return [name = std::move(name), handler = std::move(handler)](const httplib::Request& request,
                                                                httplib::Response& response) {
    request_route = name;
    handler(request, response);
  };
}

}  // namespace

ApiServer::ApiServer(ItemStore& store, JsonLog& log, ApiOptions options)
    : store_(store), log_(log), options_(std::move(options)) {
  int threads = options_.threads;
  server_.new_task_queue = [threads] { return new httplib::ThreadPool(static_cast<std::size_t>(threads)); };
  server_.set_payload_max_length(kMaxBodyBytes);
  // httplib writes the headers and the body separately: without this, Nagle's algorithm meets the client's
  // delayed ACK and a response can wait 40 ms.
  server_.set_tcp_nodelay(true);
  server_.set_keep_alive_timeout(5);
  // Reconnecting costs a handshake and a thread hand-off; a client may keep its connection.
  server_.set_keep_alive_max_count(1000000);
  add_routes();
  add_observability();
}

void ApiServer::add_routes() {
  server_.Get("/health", route("GET /health", [this](const httplib::Request&, httplib::Response& response) {
                Dependencies report = store_.check_dependencies();
                // Without the cache the api still serves (from PostgreSQL): degraded, not down. Without the
                // database it cannot, and the load balancer should send traffic elsewhere.
                std::string status = !report.database ? "unavailable" : report.cache ? "ok" : "degraded";
                nlohmann::json body = {{"status", status},
                                       {"checks",
                                        {{"database", report.database ? "ok" : report.database_error},
                                         {"cache", report.cache ? "ok" : report.cache_error}}}};
                response.status = report.database ? 200 : 503;
                response.set_content(body.dump(), kJson);
              }));

  server_.Get("/", route("GET /", [](const httplib::Request&, httplib::Response& response) {
                nlohmann::json body = {
                    {"service", "sample-api"},
                    {"endpoints",
                     {"GET /health", "GET /api/v1/items?limit=&offset=", "GET /api/v1/items/{id}",
                      "POST /api/v1/items", "DELETE /api/v1/items/{id}"}}};
                response.set_content(body.dump(), kJson);
              }));

  server_.Get("/api/v1/items", route("GET /api/v1/items", [this](const httplib::Request& request,
                                                                 httplib::Response& response) {
                PageValidation paging = validate_page(query(request, "limit"), query(request, "offset"));
                if (!paging.page) return reply_error(response, 400, paging.error);
                Read read = store_.list(*paging.page);
                response.set_header("X-Cache", read.cache_hit ? "hit" : "miss");
                response.set_content(*read.body, kJson);
              }));

  server_.Get(
      R"(/api/v1/items/(\d{1,18}))",
      route("GET /api/v1/items/{id}", [this](const httplib::Request& request, httplib::Response& response) {
        Read read = store_.get(path_id(request));
        if (!read.body) return reply_error(response, 404, "no item with id " + request.matches[1].str());
        response.set_header("X-Cache", read.cache_hit ? "hit" : "miss");
        response.set_content(*read.body, kJson);
      }));

  server_.Post("/api/v1/items", route("POST /api/v1/items", [this](const httplib::Request& request,
                                                                   httplib::Response& response) {
                 std::string type = request.get_header_value("Content-Type");
                 if (type.rfind(kJson, 0) != 0) {
                   return reply_error(response, 415, "Content-Type must be application/json");
                 }
                 ItemValidation validation = validate_new_item(request.body);
                 if (!validation.item) return reply_error(response, 400, validation.error);
                 std::string body = store_.create(*validation.item, request.get_header_value(kTraceHeader));
                 response.status = 201;
                 response.set_content(body, kJson);
               }));

  server_.Delete(R"(/api/v1/items/(\d{1,18}))",
                 route("DELETE /api/v1/items/{id}",
                       [this](const httplib::Request& request, httplib::Response& response) {
                         if (!store_.remove(path_id(request))) {
                           return reply_error(response, 404, "no item with id " + request.matches[1].str());
                         }
                         response.status = 204;
                       }));
}

void ApiServer::add_observability() {
  server_.set_pre_routing_handler([](const httplib::Request& request, httplib::Response& response) {
    request_started = std::chrono::steady_clock::now();
    request_route = "unmatched";
    // The trace header travels back, so a client can find its request in the logs and in X-Ray.
    if (request.has_header(kTraceHeader))
      response.set_header(kTraceHeader, request.get_header_value(kTraceHeader));
    return httplib::Server::HandlerResponse::Unhandled;
  });

  server_.set_error_handler(
      httplib::Server::HandlerWithResponse([](const httplib::Request&, httplib::Response& response) {
        if (!response.body.empty()) return httplib::Server::HandlerResponse::Unhandled;
        switch (response.status) {
          case 404:
            reply_error(response, 404, "no such route");
            break;
          case 405:
            reply_error(response, 405, "method not allowed");
            break;
          case 413:
            reply_error(response, 413, "body larger than " + std::to_string(kMaxBodyBytes) + " bytes");
            break;
          default:
            reply_error(response, response.status, "request failed");
            break;
        }
        return httplib::Server::HandlerResponse::Handled;
      }));

  server_.set_exception_handler(
      [this](const httplib::Request& request, httplib::Response& response, const std::exception_ptr& thrown) {
        try {
          std::rethrow_exception(thrown);
        } catch (const DatabaseUnavailable& failure) {
          log_.error("database unavailable", {{"path", request.path}, {"error", failure.what()}});
          reply_error(response, 503, "database unavailable, retry later");
        } catch (const pqxx::in_doubt_error& failure) {
          // The connection broke during COMMIT: PostgreSQL may or may not have stored the write.
          log_.error("database connection lost during commit",
                     {{"path", request.path}, {"error", failure.what()}});
          reply_error(response, 503,
                      "database connection lost while committing; the change may or may not be stored");
        } catch (const pqxx::sql_error& failure) {
          // Class 08 (connection exception) and 57 (operator intervention: shutdown, failover) are the server
          // going away, not a fault of the request.
          std::string state = failure.sqlstate();
          bool server_away = state.rfind("08", 0) == 0 || state.rfind("57", 0) == 0;
          log_.error(server_away ? "database unavailable" : "request failed",
                     {{"path", request.path}, {"error", failure.what()}, {"sqlstate", state}});
          if (server_away) {
            reply_error(response, 503, "database unavailable, retry later");
          } else {
            reply_error(response, 500, "internal error");
          }
        } catch (const std::exception& failure) {
          log_.error("request failed", {{"path", request.path}, {"error", failure.what()}});
          reply_error(response, 500, "internal error");
        }
      });

  server_.set_logger([this](const httplib::Request& request, const httplib::Response& response) {
    double milliseconds =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - request_started).count();
    std::string trace_header = request.get_header_value(kTraceHeader);
    nlohmann::json fields = {{"method", request.method},
                             {"path", request.path},
                             {"status", response.status},
                             {"remote_addr", request.remote_addr}};
    if (!trace_header.empty()) fields["trace_id"] = trace_root(trace_header);
    add_embedded_metrics(fields, options_.metrics_namespace, {"Service", "Route"},
                         {{"RequestCount", "Count", 1}, {"Latency", "Milliseconds", milliseconds}});
    fields["Service"] = log_.service();
    fields["Route"] = request_route;
    log_.write_buffered(response.status >= 500 ? "error" : "info", "request", std::move(fields));
  });
}

int ApiServer::bind() {
  int port = options_.port == 0 ? server_.bind_to_any_port(options_.host)
                                : (server_.bind_to_port(options_.host, options_.port) ? options_.port : -1);
  if (port < 0) {
    throw std::runtime_error("cannot listen on " + options_.host + ":" + std::to_string(options_.port) +
                             " (address in use or not local)");
  }
  widen_listen_backlog(port);
  return port;
}

void ApiServer::serve() {
  server_.listen_after_bind();
  finished_ = true;
}

void ApiServer::stop() {
  // A signal can come between bind() and the start of serve(); httplib ignores a stop before it runs.
  while (!server_.is_running() && !finished_) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  server_.stop();
}

}  // namespace sample

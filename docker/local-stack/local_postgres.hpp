// A throwaway PostgreSQL 15 cluster: initdb into a directory, the server on a loopback port with password
// authentication over TCP (as in RDS), one database for the items.
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "child_process.hpp"

namespace sample::local {

class LocalPostgres {
 public:
  // Creates the cluster in `directory` (which must not exist yet) and starts it.
  explicit LocalPostgres(std::filesystem::path directory);
  ~LocalPostgres();

  void start();
  // A fast shutdown (SIGINT): open connections are closed, committed data stays.
  void stop();
  bool running() const { return server_ != nullptr; }

  int port() const { return port_; }
  // For the services: DB_HOST, DB_PORT, DB_USER, DB_PASSWORD, DB_NAME, DB_SSLMODE.
  std::vector<std::string> service_environment() const;
  // A libpq connection string for the tests' own checks.
  std::string connection_string() const;

 private:
  void wait_until_ready();
  std::string connection_string_to(std::string_view database) const;

  std::filesystem::path directory_;
  std::filesystem::path bin_;
  int port_;
  std::unique_ptr<ChildProcess> server_;
};

}  // namespace sample::local

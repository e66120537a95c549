#include "local_postgres.hpp"

#include <pwd.h>
#include <unistd.h>

#include <fstream>
#include <pqxx/pqxx>
#include <stdexcept>

namespace sample::local {
namespace {

constexpr const char* kUser = "sample";
constexpr const char* kPassword = "local-only-password";
constexpr const char* kDatabase = "items";
// PostgreSQL refuses to run as root; Debian's package creates this user.
constexpr const char* kServerUser = "postgres";

std::filesystem::path postgres_bin() {
  // Debian installs each major version side by side.
  for (const char* candidate :
       {"/usr/lib/postgresql/15/bin", "/usr/lib/postgresql/16/bin", "/usr/lib/postgresql/17/bin"}) {
    if (std::filesystem::exists(std::filesystem::path(candidate) / "postgres")) return candidate;
  }
  throw std::runtime_error(
      "PostgreSQL server not found under /usr/lib/postgresql/*/bin (apt install postgresql)");
}

void hand_to_server_user(const std::filesystem::path& path) {
  if (geteuid() != 0) return;
  passwd* user = getpwnam(kServerUser);
  if (user == nullptr)
    throw std::runtime_error("no 'postgres' user to run PostgreSQL as (apt install postgresql)");
  if (chown(path.c_str(), user->pw_uid, user->pw_gid) != 0) {
    throw std::runtime_error("cannot hand " + path.string() + " to the postgres user");
  }
}

}  // namespace

LocalPostgres::LocalPostgres(std::filesystem::path directory)
    : directory_(std::move(directory)), bin_(postgres_bin()), port_(free_port()) {
  std::filesystem::create_directories(directory_);
  hand_to_server_user(directory_);
  std::filesystem::path password_file = directory_ / "password";
  std::ofstream(password_file) << kPassword << '\n';
  hand_to_server_user(password_file);
  ChildProcess initdb(
      {.argv = {(bin_ / "initdb").string(), "--pgdata", (directory_ / "data").string(), "--username", kUser,
                "--pwfile", password_file.string(), "--auth-host", "scram-sha-256", "--auth-local", "trust",
                "--no-sync", "--encoding", "UTF8", "--locale", "C"},
       .log_file = directory_ / "initdb.log",
       .run_as = kServerUser});
  if (int status = initdb.wait(std::chrono::seconds(60)); status != 0) {
    throw std::runtime_error("initdb failed with status " + std::to_string(status) + ":\n" +
                             initdb.log_tail());
  }
  start();
  pqxx::connection admin(connection_string_to("postgres"));
  pqxx::nontransaction(admin).exec(std::string("CREATE DATABASE ") + kDatabase);
}

LocalPostgres::~LocalPostgres() { stop(); }

void LocalPostgres::start() {
  if (server_) return;
  server_ = std::make_unique<ChildProcess>(ChildOptions{
      .argv = {(bin_ / "postgres").string(), "-D", (directory_ / "data").string(), "-p",
               std::to_string(port_), "-k", directory_.string(), "-c", "listen_addresses=127.0.0.1", "-c",
               "max_connections=200", "-c", "fsync=off", "-c", "logging_collector=off"},
      .log_file = directory_ / "postgres.log",
      .run_as = kServerUser,
      .death_signal = SIGQUIT});  // immediate shutdown: the backends follow the postmaster
  wait_until_ready();
}

void LocalPostgres::stop() {
  if (!server_) return;
  server_->stop(SIGINT, std::chrono::seconds(20));
  server_.reset();
}

void LocalPostgres::wait_until_ready() {
  const std::string target = connection_string_to("postgres");
  server_->wait_until_ready("PostgreSQL", std::chrono::seconds(30), [&](std::string& reason) {
    try {
      pqxx::connection probe(target);
      return true;
    } catch (const std::exception& failure) {
      reason = failure.what();
      return false;
    }
  });
}

std::vector<std::string> LocalPostgres::service_environment() const {
  return {"DB_HOST=127.0.0.1",
          "DB_PORT=" + std::to_string(port_),
          std::string("DB_USER=") + kUser,
          std::string("DB_PASSWORD=") + kPassword,
          std::string("DB_NAME=") + kDatabase,
          "DB_SSLMODE=disable"};
}

std::string LocalPostgres::connection_string() const { return connection_string_to(kDatabase); }

std::string LocalPostgres::connection_string_to(std::string_view database) const {
  return "host=127.0.0.1 port=" + std::to_string(port_) + " user=" + kUser + " password=" + kPassword +
         " dbname=" + std::string(database) + " sslmode=disable connect_timeout=5";
}

}  // namespace sample::local

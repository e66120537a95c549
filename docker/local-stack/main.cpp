// local-stack: the sample system on loopback for a person or a script (scripts/load-test.sh).
//
//   local-stack [--frontend] [--no-worker] [--api-port N] [--frontend-port N] [-- COMMAND [ARG...]]
//
// Starts PostgreSQL, Redis, the api and the worker (and nginx with the frontend) in a temporary directory.
// With a COMMAND, runs it with API_URL, API_PID and LOCAL_STACK_DIR (and FRONTEND_URL) set, stops everything
// and exits with its status; without, prints the addresses and runs until Ctrl-C or SIGTERM. Nothing it
// started outlives it.
#include <atomic>
#include <charconv>
#include <cstring>
#include <iostream>
#include <thread>

#include "local_stack.hpp"
#include "shutdown_signal.hpp"

namespace {

constexpr const char* kUsage =
    "usage: local-stack [--frontend] [--no-worker] [--api-port N] [--frontend-port N] [-- COMMAND "
    "[ARG...]]\n";

int parse_port(const std::string& flag, const char* text) {
  int port = 0;
  std::string_view view = text == nullptr ? "" : text;
  auto [end, error] = std::from_chars(view.data(), view.data() + view.size(), port);
  if (error != std::errc() || end != view.data() + view.size() || port < 1 || port > 65535) {
    throw std::invalid_argument(flag + " needs a port from 1 to 65535, got '" + std::string(view) + "'");
  }
  return port;
}

}  // namespace

int main(int argc, char** argv) {
  sample::local::StackOptions options;
  std::vector<std::string> command;
  try {
    for (int i = 1; i < argc; ++i) {
      std::string argument = argv[i];
      if (argument == "--frontend") {
        options.frontend = true;
      } else if (argument == "--no-worker") {
        options.worker = false;
      } else if (argument == "--api-port") {
        options.api_port = parse_port(argument, i + 1 < argc ? argv[++i] : nullptr);
      } else if (argument == "--frontend-port") {
        options.frontend_port = parse_port(argument, i + 1 < argc ? argv[++i] : nullptr);
      } else if (argument == "--") {
        command.assign(argv + i + 1, argv + argc);
        break;
      } else if (argument == "-h" || argument == "--help") {
        std::cout << kUsage;
        return 0;
      } else {
        throw std::invalid_argument("unknown argument '" + argument + "'");
      }
    }
    if (!command.empty() && command[0].find('/') == std::string::npos) {
      throw std::invalid_argument("COMMAND must be a path (got '" + command[0] +
                                  "'); use e.g. /usr/bin/env " + command[0]);
    }
  } catch (const std::exception& failure) {
    std::cerr << "local-stack: " << failure.what() << "\n" << kUsage;
    return 2;
  }

  std::atomic<int> received_signal = 0;
  std::atomic<pid_t> command_pid = 0;
  sample::ShutdownSignal on_signal([&](int signal) {
    received_signal = signal;
    if (pid_t pid = command_pid.load(); pid > 0) kill(pid, SIGINT);
  });
  try {
    std::cerr << "local-stack: starting PostgreSQL, Redis, the api" << (options.worker ? ", the worker" : "")
              << (options.frontend ? " and the frontend" : "") << "...\n";
    sample::local::LocalStack stack(options);
    std::cerr << "local-stack: api " << stack.api_url() << "\n";
    if (options.frontend) std::cerr << "local-stack: frontend " << stack.frontend_url() << "\n";
    std::cerr << "local-stack: logs and data in " << stack.directory() << "\n";
    if (received_signal != 0) return 128 + received_signal;

    if (command.empty()) {
      std::cerr << "local-stack: running; Ctrl-C stops everything\n";
      while (received_signal == 0) std::this_thread::sleep_for(std::chrono::milliseconds(100));
      return 0;
    }
    std::vector<std::string> env = {"API_URL=" + stack.api_url(),
                                    "API_PID=" + std::to_string(stack.api().pid()),
                                    "LOCAL_STACK_DIR=" + stack.directory().string()};
    if (options.frontend) env.push_back("FRONTEND_URL=" + stack.frontend_url());
    sample::local::ChildProcess child({.argv = command, .extra_env = env, .death_signal = SIGTERM});
    command_pid = child.pid();
    // A signal may have come while the command was starting (the flag is set by the signal thread).
    // cppcheck-suppress identicalConditionAfterEarlyExit
    if (received_signal != 0) kill(child.pid(), SIGINT);
    int status = child.wait(std::chrono::hours(24 * 365));
    command_pid = 0;
    std::cerr << "local-stack: " << command[0] << " exited with status " << status << "; stopping\n";
    return status;
  } catch (const std::exception& failure) {
    std::cerr << "local-stack: " << failure.what() << "\n";
    return 1;
  }
}

#include "child_process.hpp"

#include <fcntl.h>
#include <grp.h>
#include <netinet/in.h>
#include <pwd.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <deque>
#include <fstream>
#include <map>
#include <stdexcept>
#include <thread>

extern char** environ;

namespace sample::local {
namespace {

std::vector<std::string> merged_environment(const std::vector<std::string>& extra) {
  std::map<std::string, std::string> variables;
  for (char** entry = environ; *entry != nullptr; ++entry) {
    std::string text = *entry;
    variables[text.substr(0, text.find('='))] = text;
  }
  for (const std::string& text : extra) variables[text.substr(0, text.find('='))] = text;
  std::vector<std::string> result;
  for (auto& [name, text] : variables) result.push_back(std::move(text));
  return result;
}

std::vector<char*> pointers(std::vector<std::string>& strings) {
  std::vector<char*> result;
  for (std::string& text : strings) result.push_back(text.data());
  result.push_back(nullptr);
  return result;
}

// In the child between fork and exec: only async-signal-safe calls, and _exit(127) on any failure.
[[noreturn]] void become_child(const char* log_path, const passwd* user, int death_signal, pid_t parent,
                               char** argv, char** envp) {
  setpgid(0, 0);  // its own group: a Ctrl-C in the terminal reaches the stack, which stops children in order
  // A blocked signal stays blocked across exec; the parent may block SIGTERM for its own shutdown thread.
  sigset_t none;
  sigemptyset(&none);
  sigprocmask(SIG_SETMASK, &none, nullptr);
  if (log_path != nullptr) {
    int log = open(log_path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
    int null = open("/dev/null", O_RDONLY | O_CLOEXEC);
    if (log < 0 || null < 0 || dup2(null, 0) < 0 || dup2(log, 1) < 0 || dup2(log, 2) < 0) _exit(127);
  }
  if (user != nullptr && (initgroups(user->pw_name, user->pw_gid) != 0 || setgid(user->pw_gid) != 0 ||
                          setuid(user->pw_uid) != 0)) {
    _exit(127);
  }
  // After the credential change, which clears it.
  if (prctl(PR_SET_PDEATHSIG, death_signal) != 0 || getppid() != parent) _exit(127);
  execve(argv[0], argv, envp);
  _exit(127);
}

}  // namespace

ChildProcess::ChildProcess(ChildOptions options) : options_(std::move(options)) {
  if (options_.argv.empty()) throw std::invalid_argument("ChildProcess: empty argv");
  if (access(options_.argv[0].c_str(), X_OK) != 0) {
    throw std::runtime_error("cannot run " + options_.argv[0] + ": " + std::strerror(errno));
  }
  std::vector<std::string> argv = options_.argv;
  std::vector<std::string> env = merged_environment(options_.extra_env);
  std::vector<char*> argv_pointers = pointers(argv);
  std::vector<char*> env_pointers = pointers(env);
  passwd* user = nullptr;
  if (options_.run_as && geteuid() == 0) {
    user = getpwnam(options_.run_as->c_str());
    if (user == nullptr)
      throw std::runtime_error("no user '" + *options_.run_as + "' to run " + argv[0] + " as");
  }
  std::string log_path = options_.log_file.string();
  pid_t parent = getpid();
  pid_ = fork();
  if (pid_ < 0) throw std::runtime_error(std::string("fork failed: ") + std::strerror(errno));
  if (pid_ == 0) {
    become_child(log_path.empty() ? nullptr : log_path.c_str(), user, options_.death_signal, parent,
                 argv_pointers.data(), env_pointers.data());
  }
}

ChildProcess::~ChildProcess() {
  if (!status_) stop(SIGKILL, std::chrono::seconds(5));
}

bool ChildProcess::reap(int flags) {
  if (status_) return true;
  int status = 0;
  pid_t result = waitpid(pid_, &status, flags);
  if (result == pid_) {
    status_ = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    return true;
  }
  return false;
}

bool ChildProcess::running() { return !reap(WNOHANG); }

int ChildProcess::wait(std::chrono::milliseconds timeout) {
  auto deadline = std::chrono::steady_clock::now() + timeout;
  while (!reap(WNOHANG)) {
    if (std::chrono::steady_clock::now() >= deadline) return stop(SIGKILL);
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return *status_;
}

void ChildProcess::wait_until_ready(std::string_view what, std::chrono::seconds timeout,
                                    const std::function<bool(std::string& reason)>& ready) {
  auto deadline = std::chrono::steady_clock::now() + timeout;
  std::string reason;
  while (!ready(reason)) {
    if (!running()) throw std::runtime_error(std::string(what) + " exited while starting:\n" + log_tail());
    if (std::chrono::steady_clock::now() >= deadline) {
      throw std::runtime_error(std::string(what) + " not ready within " + std::to_string(timeout.count()) +
                               " s" + (reason.empty() ? "" : " (" + reason + ")") + ":\n" + log_tail());
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
}

int ChildProcess::stop(int signal, std::chrono::milliseconds grace) {
  if (reap(WNOHANG)) return *status_;
  kill(pid_, signal);
  auto deadline = std::chrono::steady_clock::now() + grace;
  while (!reap(WNOHANG)) {
    if (std::chrono::steady_clock::now() >= deadline) {
      kill(pid_, SIGKILL);
      reap(0);
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return *status_;
}

std::string ChildProcess::tail_of(const std::filesystem::path& file, std::size_t lines) {
  std::ifstream in(file);
  std::deque<std::string> tail;
  for (std::string line; std::getline(in, line);) {
    tail.push_back(line);
    if (tail.size() > lines) tail.pop_front();
  }
  std::string text;
  for (const std::string& line : tail) text += "  | " + line + "\n";
  return text;
}

int free_port() {
  int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) throw std::runtime_error("socket() failed");
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t length = sizeof address;
  // NOLINTNEXTLINE(cppcoreguidelines-pro-type-reinterpret-cast): the sockets API's own type pun
  auto* generic = reinterpret_cast<sockaddr*>(&address);
  if (bind(fd, generic, length) != 0 || getsockname(fd, generic, &length) != 0) {
    close(fd);
    throw std::runtime_error("cannot find a free port on 127.0.0.1");
  }
  close(fd);
  return ntohs(address.sin_port);
}

}  // namespace sample::local

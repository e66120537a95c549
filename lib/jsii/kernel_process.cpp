#include "kernel_process.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <boost/process/args.hpp>
#include <boost/process/child.hpp>
#include <boost/process/env.hpp>
#include <boost/process/environment.hpp>
#include <boost/process/exe.hpp>
#include <boost/process/extend.hpp>
#include <cerrno>
#include <condition_variable>
#include <cstring>
#include <deque>
#include <mutex>
#include <nlohmann/json.hpp>
#include <system_error>
#include <thread>

namespace bp = boost::process;

namespace jsii::detail {
namespace {

constexpr std::size_t kStderrTailLines = 20;

/// A file descriptor that closes itself.
class Fd {
 public:
  Fd() = default;
  explicit Fd(int fd) : fd_(fd) {}
  Fd(Fd&& other) noexcept : fd_(std::exchange(other.fd_, -1)) {}
  Fd& operator=(Fd&& other) noexcept {
    if (this != &other) {
      reset();
      fd_ = std::exchange(other.fd_, -1);
    }
    return *this;
  }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  ~Fd() { reset(); }
  void reset() noexcept {
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
  }
  [[nodiscard]] int get() const noexcept { return fd_; }

 private:
  int fd_ = -1;
};

std::pair<Fd, Fd> make_socketpair() {
  std::array<int, 2> fds{};
  if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fds.data()) != 0) {
    throw std::system_error(errno, std::generic_category(), "socketpair");
  }
  return {Fd(fds[0]), Fd(fds[1])};
}

std::pair<Fd, Fd> make_pipe() {
  std::array<int, 2> fds{};
  if (::pipe2(fds.data(), O_CLOEXEC) != 0) throw std::system_error(errno, std::generic_category(), "pipe2");
  return {Fd(fds[0]), Fd(fds[1])};
}

void write_all(int fd, std::string_view bytes) noexcept {
  while (!bytes.empty()) {
    const ssize_t n = ::write(fd, bytes.data(), bytes.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return;  // our own stdout/stderr is gone; nothing useful to do
    bytes.remove_prefix(static_cast<std::size_t>(n));
  }
}

int decode_wait_status(int raw) {
  if (WIFEXITED(raw)) return WEXITSTATUS(raw);
  if (WIFSIGNALED(raw)) return 128 + WTERMSIG(raw);
  return -1;
}

/// Keeps the last lines of a byte stream.
class LineTail {
 public:
  void append(std::string_view bytes) {
    for (const char c : bytes) {
      if (c == '\n') {
        push(std::move(partial_));
        partial_.clear();
      } else if (partial_.size() < 4096) {
        partial_.push_back(c);
      }
    }
  }
  [[nodiscard]] std::vector<std::string> lines() const {
    std::vector<std::string> out(lines_.begin(), lines_.end());
    if (!partial_.empty()) out.push_back(partial_);
    if (out.size() > kStderrTailLines) out.erase(out.begin(), out.end() - kStderrTailLines);
    return out;
  }

 private:
  void push(std::string line) {
    lines_.push_back(std::move(line));
    if (lines_.size() > kStderrTailLines) lines_.pop_front();
  }
  std::deque<std::string> lines_;
  std::string partial_;
};

}  // namespace

std::string ExitInfo::describe() const {
  if (status < 0) return "exit status unknown";
  if (status > 128)
    return "killed by signal " + std::to_string(status - 128) + " (" + ::strsignal(status - 128) + ")";
  return "exit code " + std::to_string(status);
}

std::string base64_decode(std::string_view text) {
  static constexpr auto kTable = [] {
    std::array<int, 256> t{};
    t.fill(-1);
    constexpr std::string_view chars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    for (std::size_t i = 0; i < chars.size(); ++i)
      t[static_cast<unsigned char>(chars[i])] = static_cast<int>(i);
    return t;
  }();
  std::string out;
  out.reserve(text.size() * 3 / 4);
  unsigned buffer = 0;
  int bits = 0;
  for (const char c : text) {
    const int v = kTable[static_cast<unsigned char>(c)];
    if (v < 0) continue;
    buffer = (buffer << 6U) | static_cast<unsigned>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push_back(static_cast<char>((buffer >> static_cast<unsigned>(bits)) & 0xFFU));
    }
  }
  return out;
}

struct KernelProcess::Impl {
  Transport transport = Transport::direct;
  Fd protocol;   // our end: requests out, responses in (a socket in both transports)
  Fd responses;  // wrapper transport only: its stdout
  Fd stderr_read;
  bp::child child;
  std::string read_buffer;
  bool input_closed = false;

  std::mutex tail_mutex;
  std::condition_variable tail_done_cv;
  bool tail_done = false;
  LineTail tail;
  std::thread drain;
  std::atomic<bool> stop_drain{false};
  std::optional<ExitInfo> exit_info;

  void drain_stderr();
  void relay_wrapper_line(std::string_view line);
  int response_fd() const { return transport == Transport::direct ? protocol.get() : responses.get(); }
};

void KernelProcess::Impl::relay_wrapper_line(std::string_view line) {
  // The wrapper wraps each console chunk as {"stdout"|"stderr": base64}; anything else is its own raw output.
  const auto parsed = nlohmann::json::parse(line, nullptr, /*allow_exceptions=*/false);
  if (parsed.is_object() && parsed.size() == 1) {
    for (const auto& [stream, fd] :
         {std::pair{"stdout", STDOUT_FILENO}, std::pair{"stderr", STDERR_FILENO}}) {
      const auto it = parsed.find(stream);
      if (it != parsed.end() && it->is_string()) {
        const std::string bytes = base64_decode(it->get_ref<const std::string&>());
        write_all(fd, bytes);
        if (fd == STDERR_FILENO) {
          const std::lock_guard lock(tail_mutex);
          tail.append(bytes);
        }
        return;
      }
    }
  }
  std::string raw(line);
  raw.push_back('\n');
  write_all(STDERR_FILENO, raw);
  const std::lock_guard lock(tail_mutex);
  tail.append(raw);
}

void KernelProcess::Impl::drain_stderr() {
  std::array<char, 65536> chunk{};
  std::string pending;  // wrapper transport: an incomplete JSON line
  for (;;) {
    // Poll with a timeout so that a grandchild still holding the pipe open cannot keep this thread forever.
    pollfd watched{stderr_read.get(), POLLIN, 0};
    const int ready = ::poll(&watched, 1, 100);
    if (ready == 0) {
      if (stop_drain) break;
      continue;
    }
    if (ready < 0 && errno == EINTR) continue;
    const ssize_t n = ::read(stderr_read.get(), chunk.data(), chunk.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    const std::string_view bytes(chunk.data(), static_cast<std::size_t>(n));
    if (transport == Transport::direct) {
      // The core's own stderr: pass the bytes through untouched, remember the tail for error reports.
      write_all(STDERR_FILENO, bytes);
      const std::lock_guard lock(tail_mutex);
      tail.append(bytes);
      continue;
    }
    pending.append(bytes);
    std::size_t start = 0;
    for (std::size_t nl = pending.find('\n'); nl != std::string::npos; nl = pending.find('\n', start)) {
      relay_wrapper_line(std::string_view(pending).substr(start, nl - start));
      start = nl + 1;
    }
    pending.erase(0, start);
  }
  if (!pending.empty()) relay_wrapper_line(pending);
  const std::lock_guard lock(tail_mutex);
  tail_done = true;
  tail_done_cv.notify_all();
}

KernelProcess::KernelProcess(const ProcessConfig& config) : impl_(std::make_unique<Impl>()) {
  Impl& s = *impl_;
  s.transport = config.transport;
  auto [ours, theirs] = make_socketpair();
  auto [err_read, err_write] = make_pipe();
  Fd out_read;
  Fd out_write;
  if (config.transport == Transport::wrapper) std::tie(out_read, out_write) = make_pipe();

  bp::environment env = boost::this_process::environment();
  for (const auto& [key, value] : config.environment) env[key] = value;

  // In the child, after fork: put our descriptors where the kernel expects them. dup2 clears FD_CLOEXEC on
  // the copies, and every other descriptor we created is close-on-exec, so node inherits exactly these.
  const int protocol_fd = theirs.get();
  const int stderr_fd = err_write.get();
  const int stdout_fd = out_write.get();
  const bool direct = config.transport == Transport::direct;
  auto setup = [protocol_fd, stderr_fd, stdout_fd, direct](auto& /*executor*/) {
    if (direct) {
      ::dup2(protocol_fd, 3);  // the core reads requests from and writes responses to FD 3
      const int devnull = ::open("/dev/null", O_RDONLY);
      if (devnull >= 0) ::dup2(devnull, STDIN_FILENO);
    } else {
      ::dup2(protocol_fd, STDIN_FILENO);  // the wrapper reads requests on stdin ...
      ::dup2(stdout_fd, STDOUT_FILENO);   // ... and answers on stdout
    }
    ::dup2(stderr_fd, STDERR_FILENO);
  };
  try {
    s.child =
        bp::child(bp::exe = config.node, bp::args = config.args, env, bp::extend::on_exec_setup = setup);
  } catch (const std::exception& e) {
    throw KernelDied("could not start the jsii kernel (" + config.node + "): " + e.what() +
                         ". Install node >= 18 or set JSII_NODE to the node binary.",
                     "spawn", -1, {});
  }
  s.protocol = std::move(ours);
  s.responses = std::move(out_read);
  s.stderr_read = std::move(err_read);
  // theirs, err_write and out_write close here: from now on only the child holds those ends, so its death is
  // EOF.
  s.drain = std::thread([&s] { s.drain_stderr(); });
}

KernelProcess::~KernelProcess() {
  if (!impl_->exit_info) (void)kill();
  impl_->stop_drain = true;
  if (impl_->drain.joinable()) impl_->drain.join();
}

bool KernelProcess::write_line(std::string_view line) {
  std::string data(line);
  data.push_back('\n');
  std::string_view rest(data);
  while (!rest.empty()) {
    // MSG_NOSIGNAL: a dead kernel must surface as an error, not as SIGPIPE killing the host.
    const ssize_t n = ::send(impl_->protocol.get(), rest.data(), rest.size(), MSG_NOSIGNAL);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    rest.remove_prefix(static_cast<std::size_t>(n));
  }
  return true;
}

std::optional<std::string> KernelProcess::read_line() {
  std::string& buffer = impl_->read_buffer;
  std::size_t scanned = 0;
  for (;;) {
    const std::size_t nl = buffer.find('\n', scanned);
    if (nl != std::string::npos) {
      std::string line = buffer.substr(0, nl);
      buffer.erase(0, nl + 1);
      return line;
    }
    scanned = buffer.size();
    std::array<char, 65536> chunk{};
    const ssize_t n = ::read(impl_->response_fd(), chunk.data(), chunk.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return std::nullopt;
    buffer.append(chunk.data(), static_cast<std::size_t>(n));
  }
}

void KernelProcess::close_input() {
  if (impl_->input_closed) return;
  impl_->input_closed = true;
  ::shutdown(impl_->protocol.get(), SHUT_WR);
}

ExitInfo KernelProcess::wait_for(std::chrono::milliseconds timeout) {
  if (impl_->exit_info) return *impl_->exit_info;
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  // Every program waits here for the kernel's exit: sleep until it happens (a pidfd becomes readable when the
  // process ends; Linux >= 5.3) instead of checking every few milliseconds. Without pidfds, check every 5 ms.
  const Fd exited{static_cast<int>(::syscall(SYS_pidfd_open, impl_->child.id(), 0))};
  std::error_code ec;
  for (;;) {
    if (!impl_->child.running(ec)) {
      impl_->exit_info = ExitInfo{decode_wait_status(impl_->child.native_exit_code())};
      return *impl_->exit_info;
    }
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) return ExitInfo{};
    if (exited.get() >= 0) {
      pollfd ready{exited.get(), POLLIN, 0};
      (void)::poll(&ready, 1, static_cast<int>(std::min<std::chrono::milliseconds::rep>(left.count(), 1000)));
    } else {
      std::this_thread::sleep_for(std::min(left, std::chrono::milliseconds(5)));
    }
  }
}

ExitInfo KernelProcess::kill() {
  if (impl_->exit_info) return *impl_->exit_info;
  std::error_code ec;
  if (impl_->child.running(ec)) {
    impl_->child.terminate(ec);  // SIGKILL, then reaped
    impl_->exit_info = ExitInfo{128 + SIGKILL};
  } else {
    impl_->exit_info = ExitInfo{decode_wait_status(impl_->child.native_exit_code())};
  }
  return *impl_->exit_info;
}

std::vector<std::string> KernelProcess::stderr_tail() {
  std::unique_lock lock(impl_->tail_mutex);
  // A dying process may still be flushing its last words; give the drain a moment to reach end of stream.
  impl_->tail_done_cv.wait_for(lock, std::chrono::seconds(2), [this] { return impl_->tail_done; });
  return impl_->tail.lines();
}

int KernelProcess::pid() const noexcept { return impl_->child.id(); }

}  // namespace jsii::detail

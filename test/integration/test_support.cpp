#include "test_support.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "../support/scratch.hpp"

namespace fs = std::filesystem;
using jsii::Json;

namespace test_support {

jsii::Kernel& cdk() {
  auto& kernel = jsii::Kernel::instance();
  kernel.load_package("aws-cdk-lib");
  return kernel;
}

std::string scratch_dir(const std::string& label) {
  return test_support::scratch_directory("jsii-cpp-" + label).string();
}

jsii::ObjRef new_app(jsii::Kernel& kernel, const std::string& outdir) {
  return kernel.create("aws-cdk-lib.App",
                       {jsii::wire::struct_value("aws-cdk-lib.AppProps", {{"outdir", outdir}})});
}

jsii::ObjRef new_stack(jsii::Kernel& kernel, const jsii::ObjRef& app, const std::string& name,
                       const jsii::CreateOptions& options) {
  return kernel.create("aws-cdk-lib.Stack", {jsii::wire::byref(app), name}, options);
}

void add_aspect(jsii::Kernel& kernel, const jsii::ObjRef& scope, jsii::HostObject& aspect) {
  const auto aspects =
      jsii::wire::as_byref(kernel.sinvoke("aws-cdk-lib.Aspects", "of", {jsii::wire::byref(scope)}));
  (void)kernel.invoke(aspects, "add", {jsii::wire::byref(aspect.jsii_ref(kernel))});
}

Json read_template(const std::string& outdir, const std::string& stack) {
  std::ifstream in(fs::path(outdir) / (stack + ".template.json"));
  if (!in) throw std::runtime_error("no template for " + stack + " in " + outdir);
  return Json::parse(in);
}

std::vector<Json> resources_of_type(const Json& tmpl, const std::string& type) {
  std::vector<Json> out;
  const Json resources = tmpl.value("Resources", Json::object());  // a named copy: items() must not dangle
  for (const auto& [id, resource] : resources.items()) {
    if (resource.value("Type", "") == type) out.push_back(resource);
  }
  return out;
}

namespace {

std::string slurp(int fd) {
  std::string out;
  std::array<char, 4096> buffer{};
  for (;;) {
    const ssize_t n = ::read(fd, buffer.data(), buffer.size());
    if (n <= 0) break;
    out.append(buffer.data(), static_cast<std::size_t>(n));
  }
  return out;
}

}  // namespace

ChildResult run_child(const std::string& mode, const std::vector<std::string>& env, int timeout_seconds,
                      int signal_after_ms, int signal) {
  return run_program(JSII_TEST_CHILD_BINARY, mode, env, timeout_seconds, signal_after_ms, signal);
}

namespace {

jsii::Json read_project_json(const std::string& name) {
  const std::string path = std::string(PROJECT_SOURCE_DIR) + "/" + name;
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot read " + path);
  return jsii::Json::parse(in);
}

}  // namespace

std::string locked_version(const std::string& package) {
  return read_project_json("package-lock.json").at("packages").at("node_modules/" + package).at("version");
}

std::string jsii_runtime_version() {
  return read_project_json("package.json").at("jsiiRuntime").at("version");
}

ChildResult run_program(const std::string& program, const std::string& argument,
                        const std::vector<std::string>& env, int timeout_seconds, int signal_after_ms,
                        int signal) {
  std::vector<std::string> argv{program};
  if (!argument.empty()) argv.push_back(argument);
  return run_command(argv, env, timeout_seconds, signal_after_ms, signal);
}

ChildResult run_command(const std::vector<std::string>& argv, const std::vector<std::string>& env,
                        int timeout_seconds, int signal_after_ms, int signal) {
  std::string command_line;
  for (const auto& word : argv) command_line += (command_line.empty() ? "" : " ") + word;
  std::vector<char*> raw_argv;
  for (const auto& word : argv) raw_argv.push_back(const_cast<char*>(word.c_str()));  // NOLINT: execvp's type
  raw_argv.push_back(nullptr);
  const fs::path out_file = fs::path(scratch_dir("child")) / "out";
  const fs::path err_file = out_file.parent_path() / "err";
  const pid_t pid = ::fork();
  if (pid == 0) {
    const int out = ::open(out_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    const int err = ::open(err_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    ::dup2(out, 1);
    ::dup2(err, 2);
    for (const auto& entry : env) ::putenv(const_cast<char*>(entry.c_str()));  // NOLINT: child copy
    ::execvp(raw_argv[0], raw_argv.data());
    ::_exit(127);
  }
  const auto started = std::chrono::steady_clock::now();
  bool signalled = false;
  int raw = 0;
  for (;;) {
    const pid_t done = ::waitpid(pid, &raw, WNOHANG);
    if (done == pid) break;
    const auto elapsed = std::chrono::steady_clock::now() - started;
    if (!signalled && signal_after_ms >= 0 && elapsed >= std::chrono::milliseconds(signal_after_ms)) {
      ::kill(pid, signal);
      signalled = true;
    }
    if (elapsed > std::chrono::seconds(timeout_seconds)) {
      ::kill(pid, SIGKILL);
      ::waitpid(pid, &raw, 0);
      throw std::runtime_error("'" + command_line + "' did not finish in " + std::to_string(timeout_seconds) +
                               " s");
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  ChildResult result;
  result.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : (WIFSIGNALED(raw) ? 128 + WTERMSIG(raw) : -1);
  const int out = ::open(out_file.c_str(), O_RDONLY);
  const int err = ::open(err_file.c_str(), O_RDONLY);
  result.out = slurp(out);
  result.err = slurp(err);
  ::close(out);
  ::close(err);
  fs::remove_all(out_file.parent_path());
  return result;
}

std::vector<int> processes_with_marker(const std::string& marker) {
  std::vector<int> pids;
  for (const auto& entry : fs::directory_iterator("/proc")) {
    const std::string name = entry.path().filename().string();
    if (name.empty() || name.find_first_not_of("0123456789") != std::string::npos) continue;
    std::ifstream environ(entry.path() / "environ", std::ios::binary);
    if (!environ) continue;
    std::stringstream content;
    content << environ.rdbuf();
    if (content.str().find(marker) != std::string::npos) pids.push_back(std::stoi(name));
  }
  return pids;
}

}  // namespace test_support

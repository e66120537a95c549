#include <boost/process/search_path.hpp>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <jsii/host_object.hpp>
#include <jsii/kernel.hpp>
#include <map>
#include <optional>
#include <set>
#include <thread>

#include "config.hpp"
#include "kernel_process.hpp"
#include "kernel_shared.hpp"
#include "protocol.hpp"

namespace fs = std::filesystem;

namespace jsii {
namespace {

using namespace std::chrono_literals;
using detail::CallbackRequest;

/// A load slower than this means the kernel parsed the assembly instead of using its runtime index.
constexpr auto kSlowLoad = 250ms;
/// How long shutdown waits for the kernel's worker to finish writing a runtime index.
constexpr auto kIndexWait = 20s;
constexpr auto kExitWait = 5s;

std::string env_or(const char* name, std::string fallback) {
  const char* value = std::getenv(name);
  return value != nullptr && *value != '\0' ? std::string(value) : std::move(fallback);
}

std::string agent() {
#if defined(__clang__)
  const std::string compiler =
      "clang-" + std::to_string(__clang_major__) + "." + std::to_string(__clang_minor__);
#elif defined(__GNUC__)
  const std::string compiler = "gcc-" + std::to_string(__GNUC__) + "." + std::to_string(__GNUC_MINOR__);
#else
  const std::string compiler = "unknown";
#endif
#if defined(__x86_64__)
  const char* arch = "x86_64";
#elif defined(__aarch64__)
  const char* arch = "aarch64";
#else
  const char* arch = "unknown";
#endif
#if defined(__APPLE__)
  const char* os = "darwin";
#else
  const char* os = "linux";
#endif
  return "C++/" + compiler + "/" + os + "/" + arch;
}

std::string describe_call(std::string_view verb, std::string_view target, std::string_view member = {}) {
  std::string call(verb);
  call.push_back(' ');
  call.append(target);
  if (!member.empty()) {
    call.push_back('.');
    call.append(member);
  }
  return call;
}

/// `create aws-cdk-lib.aws_s3.Bucket "Logs"`: a construct's id (its second argument) says which one failed.
std::string describe_create(std::string_view fqn, const Json& args) {
  std::string call = describe_call("create", fqn);
  if (args.is_array() && args.size() >= 2 && wire::is_byref(args[0]) && args[1].is_string()) {
    call += " " + args[1].dump();
  }
  return call;
}

std::string join_lines(const std::vector<std::string>& lines) {
  std::string out;
  for (const auto& line : lines) out += "\n  | " + line;
  return out;
}

struct LoadedPackage {
  std::string
      version;  // cppcheck-suppress unusedStructMember ; read by shutdown() through a structured binding
  int types = 0;
  bool wants_index = false;  // loaded slowly and the kernel's index was missing: worth waiting for at exit
};

struct ManifestEntry {
  std::string version;
  std::string tarball;
  std::vector<std::string> dependencies;
};

}  // namespace

namespace detail {

/// Everything about one run of the kernel process. Guarded by KernelShared::mutex.
class KernelSession {
 public:
  enum class State { not_started, running, stopped };
  State state = State::not_started;
  std::string stop_reason;  // why requests can no longer be served
  std::optional<KernelProcess> process;
  Hello hello;
  std::string cache_root;
  std::map<std::string, LoadedPackage, std::less<>> loaded;
  std::optional<std::map<std::string, ManifestEntry, std::less<>>> manifest;
  std::vector<std::exception_ptr> host_failures;  // one slot per exchange in progress (nested for callbacks)
};

}  // namespace detail

Override Override::method(std::string name, std::string cookie) {
  if (cookie.empty()) cookie = name;
  return Override{Kind::method, std::move(name), std::move(cookie)};
}

Override Override::property(std::string name, std::string cookie) {
  if (cookie.empty()) cookie = name;
  return Override{Kind::property, std::move(name), std::move(cookie)};
}

Kernel& Kernel::instance() {
  static Kernel kernel;
  return kernel;
}

Kernel::Kernel() : Kernel(Options{}) {}

Kernel::Kernel(Options options)
    : shared_(std::make_shared<detail::KernelShared>()),
      session_(std::make_unique<detail::KernelSession>()),
      options_(std::move(options)) {}

Kernel::~Kernel() {
  if (shared_->deferred_failure) {
    // Nothing asked the kernel anything after a construction failed in a destructor: say so rather than lose
    // it.
    try {
      std::rethrow_exception(shared_->deferred_failure);
    } catch (const std::exception& e) {
      std::cerr << "jsii: a construction failed and no later call reported it: " << e.what() << "\n";
    } catch (...) {
      std::cerr << "jsii: a construction failed and no later call reported it\n";
    }
  }
  shutdown();
}

void Kernel::start() {
  const std::lock_guard lock(shared_->mutex);
  auto& s = *session_;
  if (s.state == detail::KernelSession::State::running) return;
  if (s.state == detail::KernelSession::State::stopped) {
    throw KernelDied("the jsii kernel is no longer running: " + s.stop_reason, "start", -1, {});
  }

  std::string node = options_.node.empty() ? env_or("JSII_NODE", "") : options_.node;
  if (node.empty()) {
    node = boost::process::search_path("node").string();
    if (node.empty()) {
      s.state = detail::KernelSession::State::stopped;
      s.stop_reason = "node was not found";
      throw KernelDied(
          "cannot start the jsii kernel: `node` is not on PATH. Install Node.js >= 18 or set JSII_NODE "
          "to the node binary.",
          "start", -1, {});
    }
  }

  detail::ProcessConfig config;
  config.node = node;
  config.transport = options_.transport;
  if (const std::string t = env_or("JSII_CPP_TRANSPORT", ""); !t.empty()) {
    if (t == "direct") {
      config.transport = Transport::direct;
    } else if (t == "wrapper") {
      config.transport = Transport::wrapper;
    } else {
      throw Error("JSII_CPP_TRANSPORT must be 'direct' or 'wrapper', not '" + t + "'");
    }
  }
  const std::string runtime_dir = options_.runtime_dir.empty()
                                      ? env_or("JSII_CPP_RUNTIME_DIR", JSII_CPP_DEFAULT_RUNTIME_DIR)
                                      : options_.runtime_dir;
  std::string script = options_.runtime_script.empty() ? env_or("JSII_RUNTIME", "") : options_.runtime_script;
  if (!script.empty()) config.transport = Transport::wrapper;
  if (script.empty()) {
    script =
        runtime_dir + (config.transport == Transport::direct ? "/lib/program.js" : "/bin/jsii-runtime.js");
  }
  if (!fs::exists(script)) {
    s.state = detail::KernelSession::State::stopped;
    s.stop_reason = "the kernel script is missing";
    throw KernelDied(
        "cannot start the jsii kernel: " + script +
            " does not exist. Run scripts/setup.sh (it unpacks @jsii/runtime into build/jsii-deps/runtime) "
            "or set JSII_CPP_RUNTIME_DIR.",
        "start", -1, {});
  }

  // A heap as large as the official runtimes use (aws/jsii#745), unless the user chose one.
  if (env_or("NODE_OPTIONS", "").find("max-old-space-size") == std::string::npos) {
    config.args.emplace_back("--max-old-space-size=4096");
  }
  if (config.transport == Transport::direct) config.args.emplace_back("--preserve-symlinks");
  config.args.push_back(script);

  s.cache_root = env_or("JSII_RUNTIME_PACKAGE_CACHE_ROOT", JSII_CPP_DEFAULT_CACHE_ROOT);
  config.environment = {
      {"JSII_AGENT", agent()},
      {"JSII_RUNTIME_PACKAGE_CACHE_ROOT", s.cache_root},
      {"JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION",
       env_or("JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION", "14,16,18,19,20,21,22,23,24,25,26")},
  };
  for (const auto& entry : options_.environment) config.environment.push_back(entry);

  s.process.emplace(config);
  s.state = detail::KernelSession::State::running;

  const auto line = s.process->read_line();
  if (!line) {
    const auto exit = s.process->wait_for(2s);
    const auto tail = s.process->stderr_tail();
    s.state = detail::KernelSession::State::stopped;
    s.stop_reason = "it ended before saying hello";
    throw KernelDied("the jsii kernel (" + script + ") ended before its handshake: " + exit.describe() +
                         (tail.empty() ? "" : "; its last stderr lines:" + join_lines(tail)),
                     "start", exit.status, tail);
  }
  try {
    const auto response = detail::decode_response(*line);
    const auto* hello = std::get_if<detail::Hello>(&response);
    if (hello == nullptr)
      throw Fault("start", "expected a hello from the jsii kernel, got: " + detail::excerpt(*line));
    if (hello->package != "@jsii/runtime" || !hello->version.starts_with("1.")) {
      throw Fault("start", "unsupported jsii kernel " + hello->package + "@" + hello->version +
                               " (this runtime speaks @jsii/runtime 1.x)");
    }
    s.hello = *hello;
  } catch (...) {
    s.process->kill();
    s.state = detail::KernelSession::State::stopped;
    s.stop_reason = "its handshake failed";
    throw;
  }
}

void Kernel::shutdown() noexcept {
  const std::lock_guard lock(shared_->mutex);
  auto& s = *session_;
  if (s.state != detail::KernelSession::State::running) {
    s.state = detail::KernelSession::State::stopped;
    if (s.stop_reason.empty()) s.stop_reason = "it was shut down";
    return;
  }
  try {
    // The kernel builds its runtime index in a worker thread that `exit` kills. After a slow (cold) load, let
    // it finish, or every later run pays the slow load again (reference §1.7).
    const auto deadline = std::chrono::steady_clock::now() + kIndexWait;
    for (const auto& [name, package] : s.loaded) {
      if (!package.wants_index) continue;
      const fs::path versions = fs::path(s.cache_root) / name / package.version;
      auto indexed = [&] {
        std::error_code ec;
        for (const auto& dir : fs::directory_iterator(versions, ec)) {
          if (fs::exists(dir.path() / ".jsii.runtime.v1.json", ec)) return true;
        }
        return false;
      };
      while (!indexed() && std::chrono::steady_clock::now() < deadline) std::this_thread::sleep_for(50ms);
    }
    (void)s.process->write_line(R"({"exit":0})");
    s.process->close_input();
    if (s.process->wait_for(kExitWait).status < 0) s.process->kill();
  } catch (...) {  // NOLINT(bugprone-empty-catch): shutdown must not throw; the process is killed below
  }
  s.process.reset();  // kills it if it is somehow still there, joins the stderr relay
  s.state = detail::KernelSession::State::stopped;
  s.stop_reason = "it was shut down";
}

std::string Kernel::runtime_version() {
  const std::lock_guard lock(shared_->mutex);
  start();
  return session_->hello.package + "@" + session_->hello.version;
}

int Kernel::pid() {
  const std::lock_guard lock(shared_->mutex);
  start();
  return session_->process->pid();
}

Json Kernel::exchange(Json request, std::string_view call) {
  const std::lock_guard lock(shared_->mutex);
  start();
  // A deferred construction that failed in a destructor (where nothing may be thrown) fails this request.
  if (shared_->deferred_failure && !shared_->flushing) {
    std::rethrow_exception(std::exchange(shared_->deferred_failure, nullptr));
  }
  // Constructions the generated bindings deferred happen first, in order: JS sees what TypeScript would.
  if (!shared_->pending.empty() && !shared_->flushing) flush_pending();
  auto& s = *session_;
  auto& process = *s.process;

  // The kernel writes JS console output straight to our stdout: flush what C++ printed first, to keep order.
  std::cout.flush();
  std::fflush(stdout);

  auto died = [&](std::string_view when) -> KernelDied {
    const auto exit = process.wait_for(2s);
    const auto tail = process.stderr_tail();
    s.state = detail::KernelSession::State::stopped;
    s.stop_reason = "it ended during `" + std::string(call) + "` (" + exit.describe() + ")";
    if (exit.status < 0) process.kill();
    return KernelDied("the jsii kernel (node, pid " + std::to_string(process.pid()) + ") " +
                          std::string(when) + " `" + std::string(call) + "`: " + exit.describe() +
                          (tail.empty() ? "" : "; its last stderr lines:" + join_lines(tail)),
                      std::string(call), exit.status, tail);
  };

  std::string line;
  try {
    const Json stripped = wire::strip_undefined(std::move(request));
    line = stripped.dump(-1, ' ', false, Json::error_handler_t::strict);
  } catch (const Json::exception& e) {
    throw Error(std::string(call) + ": cannot encode the request (" + e.what() +
                "); strings must be valid UTF-8");
  }
  if (!process.write_line(line)) throw died("ended before it could receive");

  s.host_failures.emplace_back(nullptr);
  struct PopFailure {
    std::vector<std::exception_ptr>& stack;
    ~PopFailure() { stack.pop_back(); }
  } pop{s.host_failures};

  for (;;) {
    const auto reply = process.read_line();
    if (!reply) throw died("ended while serving");
    detail::Response response;
    try {
      response = detail::decode_response(*reply);
    } catch (const Fault& fault) {
      // We no longer know where the stream stands: stop the kernel rather than misread later answers.
      process.kill();
      s.state = detail::KernelSession::State::stopped;
      s.stop_reason = "it sent a malformed message during `" + std::string(call) + "`";
      throw Fault(std::string(call), fault.message());
    }
    if (auto* ok = std::get_if<detail::OkResponse>(&response)) return std::move(ok->value);
    if (auto* error = std::get_if<detail::ErrorResponse>(&response)) {
      if (error->name == "@jsii/kernel.Fault") throw Fault(std::string(call), error->message);
      throw JsError(std::string(call), error->name, error->message, error->stack, s.host_failures.back());
    }
    if (auto* callback = std::get_if<CallbackRequest>(&response)) {
      Json complete{{"cbid", callback->cbid}};
      try {
        HostObject* host = host_of(callback->target);
        if (host == nullptr) {
          throw Error("no live C++ object implements " + callback->target.id +
                      " (it was destroyed, or was never registered)");
        }
        Json result = undefined();
        switch (callback->kind) {
          case CallbackRequest::Kind::invoke:
            result = host->jsii_invoke(callback->cookie, callback->member, callback->args);
            break;
          case CallbackRequest::Kind::get:
            result = host->jsii_get(callback->cookie, callback->member);
            break;
          case CallbackRequest::Kind::set:
            host->jsii_set(callback->cookie, callback->member, callback->args);
            break;
        }
        if (!is_undefined(result)) complete["result"] = std::move(result);
      } catch (const KernelDied&) {
        throw;  // nothing to answer
      } catch (const std::exception& e) {
        complete["err"] = e.what();
        if (dynamic_cast<const Fault*>(&e) != nullptr) complete["name"] = "@jsii/kernel.Fault";
        if (!s.host_failures.back()) s.host_failures.back() = std::current_exception();
      } catch (...) {
        complete["err"] = "a C++ callback threw an exception that is not a std::exception";
        if (!s.host_failures.back()) s.host_failures.back() = std::current_exception();
      }
      std::string answer;
      try {
        const Json message{{"complete", wire::strip_undefined(std::move(complete))}};
        answer = message.dump(-1, ' ', false, Json::error_handler_t::replace);
      } catch (const Json::exception& e) {
        answer = Json{{"complete", {{"cbid", callback->cbid}, {"err", e.what()}}}}.dump();
      }
      if (!process.write_line(answer)) throw died("ended before it received the callback result of");
      continue;
    }
    process.kill();
    s.state = detail::KernelSession::State::stopped;
    s.stop_reason = "it repeated its hello";
    throw Fault(std::string(call), "unexpected hello in the middle of a request: " + detail::excerpt(*reply));
  }
}

int Kernel::load(std::string_view name, std::string_view version, std::string_view tarball) {
  const std::lock_guard lock(shared_->mutex);
  const std::string call = "load " + std::string(name) + "@" + std::string(version);
  if (const auto it = session_->loaded.find(name); it != session_->loaded.end()) {
    if (it->second.version == version) return it->second.types;
    throw Error(call + ": version " + it->second.version +
                " is already loaded; one process holds one version");
  }
  if (!fs::exists(tarball)) {
    throw Error(
        call + ": tarball " + std::string(tarball) +
        " does not exist. Run scripts/setup.sh (it packs the jsii packages into build/jsii-deps/tarballs).");
  }
  const auto began = std::chrono::steady_clock::now();
  const Json result = exchange(Json{{"api", "load"},
                                    {"name", std::string(name)},
                                    {"version", std::string(version)},
                                    {"tarball", fs::absolute(tarball).string()}},
                               call);
  const auto took = std::chrono::steady_clock::now() - began;
  LoadedPackage package{std::string(version), result.value("types", 0), took >= kSlowLoad};
  session_->loaded.emplace(std::string(name), package);
  return package.types;
}

void Kernel::load_package(std::string_view name) {
  if (!try_load_package(name)) {
    throw Error("jsii package '" + std::string(name) + "' is not in the packages manifest (" +
                env_or("JSII_CPP_PACKAGES", JSII_CPP_DEFAULT_PACKAGES) +
                "); add it to package.json dependencies and re-run scripts/setup.sh");
  }
}

bool Kernel::try_load_package(std::string_view name) {
  const std::lock_guard lock(shared_->mutex);
  auto& s = *session_;
  if (s.loaded.contains(name)) return true;
  if (!s.manifest) {
    const std::string path = env_or("JSII_CPP_PACKAGES", JSII_CPP_DEFAULT_PACKAGES);
    std::ifstream in(path);
    if (!in) return false;
    const Json doc = Json::parse(in, nullptr, /*allow_exceptions=*/false);
    if (!doc.is_object() || !doc.contains("packages") || !doc["packages"].is_array()) {
      throw Error("jsii packages manifest " + path + " is not valid (expected {\"packages\": [...]})");
    }
    std::map<std::string, ManifestEntry, std::less<>> entries;
    for (const auto& p : doc["packages"]) {
      entries[p.value("name", "")] = ManifestEntry{p.value("version", ""), p.value("tarball", ""),
                                                   p.value("dependencies", std::vector<std::string>{})};
    }
    s.manifest = std::move(entries);
  }
  const auto it = s.manifest->find(name);
  if (it == s.manifest->end()) return false;
  const ManifestEntry entry = it->second;  // copy: the recursion below re-enters this function
  for (const auto& dependency : entry.dependencies) load_package(dependency);
  (void)load(name, entry.version, entry.tarball);
  return true;
}

ObjRef Kernel::create(std::string_view fqn, Json args, const CreateOptions& options) {
  return create_adopting(fqn, std::move(args), options, nullptr);
}

ObjRef Kernel::create_adopting(std::string_view fqn, Json args, const CreateOptions& options,
                               const std::shared_ptr<Object::State>& adopt) {
  Json request{{"api", "create"}, {"fqn", std::string(fqn)}, {"args", std::move(args)}};
  if (!options.interfaces.empty()) request["interfaces"] = options.interfaces;
  if (!options.overrides.empty()) {
    Json overrides = Json::array();
    for (const auto& o : options.overrides) {
      overrides.push_back({{o.kind == Override::Kind::method ? "method" : "property", o.name},
                           {"cookie", o.cookie.empty() ? o.name : o.cookie}});
    }
    request["overrides"] = std::move(overrides);
  }
  const std::lock_guard lock(shared_->mutex);
  const std::string call = describe_create(fqn, request["args"]);
  ObjRef ref = wire::as_byref(exchange(std::move(request), call));
  if (adopt) {
    adopt->ref = ref;
    shared_->objects[ref.id] = adopt;
  }
  if (options.host != nullptr) {
    // Registered before anyone else can see the id: callbacks for it can only come with a later request.
    const Object handle = object(ref);
    handle.state_->host = options.host;
    options.host->ref_ = ref;
    options.host->kernel_ = shared_;
  }
  return ref;
}

void Kernel::del(const ObjRef& object) {
  const std::lock_guard lock(shared_->mutex);
  (void)exchange(Json{{"api", "del"}, {"objref", wire::byref(object)}}, describe_call("del", object.id));
  shared_->objects.erase(object.id);
}

Json Kernel::get(const ObjRef& object, std::string_view property) {
  Json ok =
      exchange(Json{{"api", "get"}, {"objref", wire::byref(object)}, {"property", std::string(property)}},
               describe_call("get", object.id, property));
  return ok.contains("value") ? std::move(ok["value"]) : undefined();
}

void Kernel::set(const ObjRef& object, std::string_view property, Json value) {
  (void)exchange(Json{{"api", "set"},
                      {"objref", wire::byref(object)},
                      {"property", std::string(property)},
                      {"value", std::move(value)}},
                 describe_call("set", object.id, property));
}

Json Kernel::sget(std::string_view fqn, std::string_view property) {
  Json ok = exchange(Json{{"api", "sget"}, {"fqn", std::string(fqn)}, {"property", std::string(property)}},
                     describe_call("sget", fqn, property));
  return ok.contains("value") ? std::move(ok["value"]) : undefined();
}

void Kernel::sset(std::string_view fqn, std::string_view property, Json value) {
  (void)exchange(Json{{"api", "sset"},
                      {"fqn", std::string(fqn)},
                      {"property", std::string(property)},
                      {"value", std::move(value)}},
                 describe_call("sset", fqn, property));
}

Json Kernel::invoke(const ObjRef& object, std::string_view method, Json args) {
  Json ok = exchange(Json{{"api", "invoke"},
                          {"objref", wire::byref(object)},
                          {"method", std::string(method)},
                          {"args", std::move(args)}},
                     describe_call("invoke", object.id, method));
  return ok.contains("result") ? std::move(ok["result"]) : undefined();
}

Json Kernel::sinvoke(std::string_view fqn, std::string_view method, Json args) {
  Json ok = exchange(Json{{"api", "sinvoke"},
                          {"fqn", std::string(fqn)},
                          {"method", std::string(method)},
                          {"args", std::move(args)}},
                     describe_call("sinvoke", fqn, method));
  return ok.contains("result") ? std::move(ok["result"]) : undefined();
}

Json Kernel::begin(const ObjRef& object, std::string_view method, const Json& /*args*/) {
  throw NotSupported(
      describe_call("begin", object.id, method) +
      ": async jsii methods are not supported by the C++ runtime (no aws-cdk-lib API a host calls "
      "needs them)");
}

Json Kernel::naming(std::string_view assembly) {
  Json ok = exchange(Json{{"api", "naming"}, {"assembly", std::string(assembly)}},
                     describe_call("naming", assembly));
  return ok.contains("naming") ? std::move(ok["naming"]) : Json::object();
}

std::int64_t Kernel::object_count() {
  const Json ok = exchange(Json{{"api", "stats"}}, "stats");
  const auto it = ok.find("objectCount");
  if (it == ok.end() || !it->is_number_integer()) throw Fault("stats", "no objectCount in " + ok.dump());
  return it->get<std::int64_t>();
}

Object Kernel::object(const ObjRef& ref) {
  if (ref.empty()) throw Error("an empty object reference has no object");
  const std::lock_guard lock(shared_->mutex);
  auto& slot = shared_->objects[ref.id];
  if (!slot) {
    slot = std::make_shared<Object::State>();
    slot->ref = ref;
  } else {
    for (const auto& iface : ref.interfaces) {  // the kernel may reveal more interfaces later
      if (std::find(slot->ref.interfaces.begin(), slot->ref.interfaces.end(), iface) ==
          slot->ref.interfaces.end()) {
        slot->ref.interfaces.push_back(iface);
      }
    }
  }
  return Object(slot);
}

Object Kernel::object(const Json& wire_byref) { return object(wire::as_byref(wire_byref)); }

HostObject* Kernel::host_of(const ObjRef& ref) {
  const std::lock_guard lock(shared_->mutex);
  const auto it = shared_->objects.find(ref.id);
  return it == shared_->objects.end() ? nullptr : it->second->host;
}

}  // namespace jsii

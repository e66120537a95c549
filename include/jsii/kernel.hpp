// The jsii kernel client: one `node` process running @jsii/runtime, spoken to over its JSON-lines protocol.
//
// Thread safety: every request/response exchange holds one recursive mutex for its whole duration, callbacks
// included. Calls from several threads are therefore serialised (never interleaved on the wire), and host
// code running inside a callback may make nested calls on the same thread. Host code must not wait for
// another thread that itself calls the kernel: that thread blocks on the mutex until the callback returns.
#pragma once

#include <cstdint>
#include <jsii/errors.hpp>
#include <jsii/object.hpp>
#include <jsii/override.hpp>
#include <jsii/wire.hpp>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace jsii {

class HostObject;
namespace detail {
struct KernelShared;
class KernelSession;
struct Access;
}  // namespace detail

/// How the C++ process talks to node.
enum class Transport {
  /// POSIX: run the kernel core (`lib/program.js`) directly with FD 3 on a socketpair. One node process,
  /// console
  /// output written straight to our stdout/stderr. The default.
  direct,
  /// Run the standard `bin/jsii-runtime.js` wrapper over stdin/stdout, relaying `{"stdout"|"stderr": base64}`
  /// from
  /// its stderr. What the official Go/Python/Java runtimes do; chosen when JSII_RUNTIME names a wrapper
  /// script.
  wrapper,
};

/// Options for `create`.
struct CreateOptions {
  std::vector<std::string> interfaces{};  ///< extra jsii interfaces the new object implements
  std::vector<Override> overrides{};      ///< members implemented by `host`
  HostObject* host = nullptr;  ///< receives the callbacks; registered under the new id before return
};

class Kernel {
 public:
  struct Options {
    std::string node{};  ///< node binary; default $JSII_NODE, else `node` on PATH
    std::string
        runtime_dir{};  ///< the @jsii/runtime `webpack/` folder; default $JSII_CPP_RUNTIME_DIR, else baked in
    std::string runtime_script{};  ///< a wrapper script to run instead (forces Transport::wrapper); default
                                   ///< $JSII_RUNTIME
    Transport transport = Transport::direct;  ///< overridden by $JSII_CPP_TRANSPORT=direct|wrapper
    std::vector<std::pair<std::string, std::string>>
        environment{};  ///< extra variables for node (win over ours)
  };

  /// The process-wide kernel used by the generated bindings; started on first use, stopped at exit.
  static Kernel& instance();

  Kernel();
  explicit Kernel(Options options);
  ~Kernel();  // sends {"exit":0} and waits for node; kills it if it does not go
  Kernel(const Kernel&) = delete;
  Kernel& operator=(const Kernel&) = delete;

  // --- lifecycle ---
  /// Starts node and checks its hello, if not done yet. Every request does this implicitly.
  void start();
  /// Ends the kernel process now (idempotent). Later requests throw KernelDied.
  void shutdown() noexcept;
  /// `@jsii/runtime@<version>` as announced by the kernel (starts it).
  [[nodiscard]] std::string runtime_version();
  /// The kernel's process id (starts it).
  [[nodiscard]] int pid();

  // --- loading ---
  /// Loads one npm tarball; a no-op when the same name and version is already loaded. Returns the type count.
  int load(std::string_view name, std::string_view version, std::string_view tarball);
  /// Loads a package listed in the jsii packages manifest written at build time (`packages.json`; path baked
  /// in, overridden by $JSII_CPP_PACKAGES), with all of its jsii dependencies first.
  void load_package(std::string_view name);
  /// Like load_package, but returns false (loading nothing) when the manifest is missing or does not list it.
  bool try_load_package(std::string_view name);

  // --- requests (arguments and results in wire form, see wire.hpp) ---
  ObjRef create(std::string_view fqn, Json args = Json::array(), const CreateOptions& options = {});
  void del(const ObjRef& object);
  Json get(const ObjRef& object, std::string_view property);
  void set(const ObjRef& object, std::string_view property, Json value);
  Json sget(std::string_view fqn, std::string_view property);
  void sset(std::string_view fqn, std::string_view property, Json value);
  Json invoke(const ObjRef& object, std::string_view method, Json args = Json::array());
  Json sinvoke(std::string_view fqn, std::string_view method, Json args = Json::array());
  /// Calls an async method (`begin`, then `callbacks`/`complete` for the C++ overrides the promise awaits,
  /// then `end`): blocks until the promise settles and returns its value, or throws its error (JsError).
  /// Throws NotSupported when called from a synchronous callback: JS cannot run a promise while it waits.
  Json invoke_async(const ObjRef& object, std::string_view method, Json args = Json::array());
  Json naming(std::string_view assembly);
  std::int64_t object_count();  ///< `stats`

  // --- objects ---
  /// The handle for a kernel object. The same id always yields the same handle state (identity is preserved).
  Object object(const ObjRef& ref);
  Object object(const Json& wire_byref);
  /// The C++ object implementing a kernel object, or nullptr.
  HostObject* host_of(const ObjRef& ref);

 private:
  friend class HostObject;
  friend struct detail::Access;
  Json exchange(Json request, std::string_view call);
  void flush_pending();
  ObjRef create_adopting(std::string_view fqn, Json args, const CreateOptions& options,
                         const std::shared_ptr<Object::State>& adopt);
  std::shared_ptr<detail::KernelShared> shared_;
  std::unique_ptr<detail::KernelSession> session_;
  Options options_;
};

}  // namespace jsii

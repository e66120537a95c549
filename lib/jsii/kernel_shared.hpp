// State shared by a Kernel and the objects that refer to it. Host objects hold it weakly, so one that
// outlives its kernel (a static destroyed after the kernel) does not touch freed memory.
#pragma once

#include <exception>
#include <jsii/any.hpp>
#include <jsii/host_object.hpp>
#include <jsii/kernel.hpp>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

namespace jsii {

struct Object::State {
  ObjRef ref;
  HostObject* host = nullptr;  ///< the C++ implementation, while it is alive

  // --- objects made by generated bindings ---
  const Object* owner = nullptr;           ///< the C++ object whose constructor made this one
  void* self = nullptr;                    ///< `owner` as its generated type; null once it is destroyed
  const detail::TypeInfo* type = nullptr;  ///< that generated type
  bool pending = false;                    ///< creation deferred (see detail::construct)
  Json args;                               ///< constructor arguments while pending
  std::string failure;                     ///< why the deferred creation failed
  std::unique_ptr<HostObject> adapter;     ///< forwards callbacks to `type->dispatch(self, ...)`
  /// Generated interfaces the same C++ object also implements (`class X : public Base, public IFoo`): one
  /// kernel object serves them all; callbacks for their members go to these.
  struct Facet {
    const detail::TypeInfo* type = nullptr;
    void* self = nullptr;
  };
  std::vector<Facet> facets;
};

namespace detail {

struct BindingsShared;  // bindings.cpp

struct KernelShared {
  /// Held for each whole exchange, callbacks included; recursive so host code may call the kernel.
  std::recursive_mutex mutex;
  /// id -> state; never shrinks except on `del`, like the kernel's own table.
  std::unordered_map<std::string, std::shared_ptr<Object::State>> objects;
  /// The layer above (the generated bindings' deferred constructions, bindings.cpp) runs before every
  /// request, except the requests it makes itself; the kernel knows nothing of what it does.
  void (*before_request)(Kernel& kernel) = nullptr;
  bool in_before_request = false;
  /// ... and when the Kernel goes away (never throws).
  void (*at_shutdown)(const Kernel& kernel) noexcept = nullptr;
  /// That layer's state (bindings.cpp), opaque here.
  std::shared_ptr<BindingsShared> bindings;
};

/// Runtime-internal access to the private parts of Object and Kernel.
struct Access {
  static std::shared_ptr<Object::State>& state_of(Object& object) { return object.state_; }
  static const std::shared_ptr<Object::State>& state_of(const Object& object) { return object.state_; }
  static KernelShared& shared_of(const Kernel& kernel) { return *kernel.shared_; }
  /// Creates `state` in the kernel now (its deferred construction, or its C++ implementation).
  static void create_now(Kernel& kernel, const std::shared_ptr<Object::State>& state);
  /// Makes sure `state` exists in the kernel (flushing deferred constructions up to it).
  static void realize(Kernel& kernel, const std::shared_ptr<Object::State>& state);
  /// Creates every deferred construction now, in order (Kernel::flush_pending).
  static void flush(Kernel& kernel) { kernel.flush_pending(); }
  /// The owner of `state` is going away. Never throws: a failed deferred construction is kept for the next
  /// request.
  static void release(const Object& owner) noexcept;
  static ObjRef create(Kernel& kernel, std::string_view fqn, Json args, const CreateOptions& options,
                       const std::shared_ptr<Object::State>& adopt) {
    return kernel.create_adopting(fqn, std::move(args), options, adopt);
  }
  static Json& any_value(Any& any);
  static const Json& any_value(const Any& any);
};

/// A jsii::Any holding `json` (any.cpp).
Any any_from_json(Json json);

}  // namespace detail
}  // namespace jsii

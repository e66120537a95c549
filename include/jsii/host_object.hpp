// C++ objects that JavaScript calls back into: implementations of jsii interfaces and overrides of class
// members.
#pragma once

#include <jsii/kernel.hpp>
#include <memory>
#include <string>

namespace jsii {

namespace detail {
struct KernelShared;
}

/// Base for C++ code that JS calls: a pure interface implementation (created as `Object`) or a subclass of a
/// jsii class (created with the class fqn and `CreateOptions::host = this`).
///
/// A host object must outlive every call JS makes into it. It deregisters itself when destroyed; a later
/// callback for it fails with a message naming the object instead of touching freed memory. Not copyable or
/// movable: the kernel refers to it by address.
class HostObject {
 public:
  HostObject() = default;
  HostObject(const HostObject&) = delete;
  HostObject& operator=(const HostObject&) = delete;
  virtual ~HostObject();

  /// JS called an overridden method. `args` and the result are in wire form. Throwing sends the exception's
  /// message back to JS as an error; it surfaces to whoever made the outer request.
  virtual Json jsii_invoke(const std::string& cookie, const std::string& method, const Json& args);
  /// JS read an overridden property.
  virtual Json jsii_get(const std::string& cookie, const std::string& property);
  /// JS wrote an overridden property.
  virtual void jsii_set(const std::string& cookie, const std::string& property, const Json& value);

  /// What to `create` when a pure host implementation is first passed to JS (see `jsii_ref`).
  struct Spec {
    std::string fqn = "Object";
    std::vector<std::string> interfaces{};
    std::vector<Override> overrides{};
  };
  [[nodiscard]] virtual Spec jsii_spec() const;

  /// The kernel object standing for this one. Created on first call from `jsii_spec()` unless it was already
  /// registered by a `create` with `CreateOptions::host = this`.
  const ObjRef& jsii_ref(Kernel& kernel = Kernel::instance());
  [[nodiscard]] bool jsii_registered() const noexcept { return !ref_.empty(); }

 private:
  friend class Kernel;
  ObjRef ref_;
  std::weak_ptr<detail::KernelShared> kernel_;
};

}  // namespace jsii

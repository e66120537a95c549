#include <jsii/host_object.hpp>

#include "kernel_shared.hpp"

namespace jsii {
namespace {

[[noreturn]] void not_implemented(std::string_view what, std::string_view name, std::string_view cookie) {
  throw Error("the C++ object has no implementation for " + std::string(what) + " '" + std::string(name) +
              "' (cookie '" + std::string(cookie) + "'); override jsii_" +
              (what == "method" ? "invoke" : "get/jsii_set"));
}

}  // namespace

HostObject::~HostObject() {
  const auto kernel = kernel_.lock();
  if (!kernel) return;
  const std::lock_guard lock(kernel->mutex);
  const auto it = kernel->objects.find(ref_.id);
  if (it != kernel->objects.end() && it->second->host == this) it->second->host = nullptr;
}

Json HostObject::jsii_invoke(const std::string& cookie, const std::string& method, const Json& /*args*/) {
  not_implemented("method", method, cookie);
}

Json HostObject::jsii_get(const std::string& cookie, const std::string& property) {
  not_implemented("property", property, cookie);
}

void HostObject::jsii_set(const std::string& cookie, const std::string& property, const Json& /*value*/) {
  not_implemented("property", property, cookie);
}

HostObject::Spec HostObject::jsii_spec() const { return {}; }

const ObjRef& HostObject::jsii_ref(Kernel& kernel) {
  if (ref_.empty()) {
    Spec spec = jsii_spec();
    (void)kernel.create(spec.fqn, Json::array(),
                        CreateOptions{std::move(spec.interfaces), std::move(spec.overrides), this});
  }
  return ref_;
}

}  // namespace jsii

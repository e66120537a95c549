// jsii::Object: handles, deferred construction, and the lifetime of C++ objects JS calls back into.
#include <exception>
#include <jsii/object.hpp>

#include "bindings_shared.hpp"
#include "kernel_shared.hpp"

namespace jsii {

Object& Object::operator=(const Object& other) noexcept {
  if (this == &other) return *this;
  if (state_ && state_->owner == this) detail::Access::release(*this);
  state_ = other.state_;
  return *this;
}

Object::~Object() {
  if (state_ && state_->owner == this) detail::Access::release(*this);
}

const ObjRef& Object::jsii_ref() const {
  if (!state_) throw Error("use of an empty jsii::Object handle (default-constructed or moved from)");
  if (state_->ref.empty()) detail::Access::realize(Kernel::instance(), state_);
  return state_->ref;
}

HostObject* Object::jsii_host() const { return state_ ? state_->host : nullptr; }

namespace detail {

void Access::release(const Object& owner) noexcept {
  auto state = owner.state_;
  // From now on, callbacks for it fail with a message instead of touching freed memory.
  state->owner = nullptr;
  state->self = nullptr;
  state->facets.clear();
  if (!state->pending) return;
  // Destroyed before any other request (a temporary such as `s3::Bucket(stack, "Logs");`): create it now, as
  // TypeScript would have; no C++ overrides can be called any more. A destructor must not throw, so a
  // failure waits for the next request, which throws it (unless we are already unwinding from another error,
  // which is the one to report).
  try {
    realize(Kernel::instance(), state);
  } catch (...) {
    if (std::uncaught_exceptions() > 0) return;
    try {
      const auto& kernel = Kernel::instance();
      const std::lock_guard lock(shared_of(kernel).mutex);
      auto& bindings = bindings_of(kernel);
      if (!bindings.deferred_failure) bindings.deferred_failure = std::current_exception();
    } catch (...) {  // NOLINT(bugprone-empty-catch): no kernel at all; nothing left to report it to
    }
  }
}

}  // namespace detail
}  // namespace jsii

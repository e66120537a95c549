// jsii::Object: handles, deferred construction, and the lifetime of C++ objects JS calls back into.
#include <exception>
#include <jsii/object.hpp>

#include "kernel_shared.hpp"

namespace jsii {

Object& Object::operator=(const Object& other) {
  if (this == &other) return *this;
  if (state_ && state_->owner == this) detail::Access::release(*this);
  state_ = other.state_;
  return *this;
}

Object::~Object() noexcept(false) {
  if (state_ && state_->owner == this) detail::Access::release(*this);
}

const ObjRef& Object::jsii_ref() const {
  if (!state_) throw Error("use of an empty jsii::Object handle (default-constructed or moved from)");
  if (state_->ref.empty()) detail::Access::realize(Kernel::instance(), state_);
  return state_->ref;
}

HostObject* Object::jsii_host() const { return state_ ? state_->host : nullptr; }

namespace detail {

void Access::release(const Object& owner) {
  auto state = owner.state_;
  state->owner = nullptr;
  state->self =
      nullptr;  // from now on, callbacks for it fail with a message instead of touching freed memory
  if (!state->pending) return;
  // Destroyed before any other request (a temporary such as `s3::Bucket(stack, "Logs");`): create it now, as
  // TypeScript would have; no C++ overrides can be called any more.
  if (std::uncaught_exceptions() > 0) {
    try {
      realize(Kernel::instance(), state);
    } catch (...) {  // NOLINT(bugprone-empty-catch): already unwinding; the first error is the one to report
    }
    return;
  }
  realize(Kernel::instance(), state);
}

}  // namespace detail
}  // namespace jsii

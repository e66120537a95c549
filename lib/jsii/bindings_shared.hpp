// The generated bindings' runtime state per kernel: deferred constructions and C++ implementations waiting
// to be created. It lives above the kernel layer, which only runs its before-request hook
// (kernel_shared.hpp).
#pragma once

#include <deque>
#include <exception>
#include <memory>
#include <vector>

#include "kernel_shared.hpp"

namespace jsii::detail {

struct BindingsShared {
  /// Objects whose construction is deferred, in construction order; created before the next request.
  std::deque<std::shared_ptr<Object::State>> pending;
  bool flushing = false;
  /// C++ implementations of generated interfaces not created in the kernel yet: a class constructed in the
  /// same C++ object absorbs them (one kernel object, see Access::create_now).
  std::vector<std::weak_ptr<Object::State>> implementations;
  /// A deferred construction that failed where nothing could be thrown (a destructor): the next request
  /// throws it.
  std::exception_ptr deferred_failure;
};

/// `kernel`'s bindings state, made (and its hooks installed) on first use. Call with the kernel's mutex held.
BindingsShared& bindings_of(const Kernel& kernel);

}  // namespace jsii::detail

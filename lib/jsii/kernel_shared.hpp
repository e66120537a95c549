// State shared by a Kernel and the objects that refer to it. Host objects hold it weakly, so one that
// outlives its kernel (a static destroyed after the kernel) does not touch freed memory.
#pragma once

#include <jsii/kernel.hpp>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

namespace jsii {

struct Object::State {
  ObjRef ref;
  HostObject* host = nullptr;  ///< the C++ implementation, while it is alive
};

namespace detail {

struct KernelShared {
  /// Held for each whole exchange, callbacks included; recursive so host code may call the kernel.
  std::recursive_mutex mutex;
  /// id -> state; never shrinks except on `del`, like the kernel's own table.
  std::unordered_map<std::string, std::shared_ptr<Object::State>> objects;
};

}  // namespace detail
}  // namespace jsii

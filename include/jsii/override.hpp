// What a C++ object implements for JS: sent with `create`, collected by the generated bindings.
#pragma once

#include <string>

namespace jsii {

/// One member a host object implements in C++, sent with `create` so JS calls back into it.
struct Override {
  enum class Kind { method, property };
  Kind kind = Kind::method;
  std::string name;      ///< jsii name, e.g. `visit`, `allocateLogicalId`
  std::string cookie{};  ///< opaque; handed back with every callback (defaults to `name`)

  static Override method(std::string name, std::string cookie = {});
  static Override property(std::string name, std::string cookie = {});
};

}  // namespace jsii

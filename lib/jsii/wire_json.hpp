// Runtime-internal: the nlohmann::json behind jsii::detail::Wire and WireView (include/jsii/wire_value.hpp).
#pragma once

#include <jsii/wire.hpp>
#include <jsii/wire_value.hpp>
#include <new>
#include <utility>

namespace jsii::detail {

struct WireAccess {
  static Json& json(Wire& value) noexcept { return *std::launder(reinterpret_cast<Json*>(value.storage_)); }
  static const Json& json(const Wire& value) noexcept {
    return *std::launder(reinterpret_cast<const Json*>(value.storage_));
  }
  static const Json& json(WireView value) noexcept { return *static_cast<const Json*>(value.json_); }
  static WireView view(const Json& value) noexcept { return WireView(&value); }
};

/// The JSON a wire value holds, moved out of it (the Wire is left undefined).
inline Json take_json(Wire&& value) {
  Json out = std::move(WireAccess::json(value));
  WireAccess::json(value) = undefined();
  return out;
}
inline Wire make_wire(Json json) {
  Wire out;
  WireAccess::json(out) = std::move(json);
  return out;
}
inline const Json& json_of(WireView value) noexcept { return WireAccess::json(value); }
inline WireView view_of(const Json& value) noexcept { return WireAccess::view(value); }

}  // namespace jsii::detail

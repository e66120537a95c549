// Wire values for generated binding sources, without a JSON library: `Wire` owns a value (what marshalling
// produces and the kernel returns), `WireView` reads one. Every operation is out of line (wire_value.cpp), so
// the hundreds of generated sources neither parse nor instantiate nlohmann/json (see
// docs/decisions/0010-opaque-wire-values.md). Runtime code converts with the helpers in
// lib/jsii/wire_json.hpp.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace jsii::detail {

struct WireAccess;
class WireView;

/// An owned wire value: JSON plus the `$jsii.*` tokens, or `undefined` (the default).
class Wire {
 public:
  Wire() noexcept;  ///< undefined
  Wire(const Wire& other);
  Wire(Wire&& other) noexcept;
  Wire& operator=(const Wire& other);
  Wire& operator=(Wire&& other) noexcept;
  ~Wire();

  static Wire array();
  static Wire object();
  /// Appends to an array.
  void push_back(Wire item);
  /// Sets an object's field.
  void set(std::string_view key, Wire value);

 private:
  friend struct WireAccess;
  // Holds a nlohmann::json in place (wire_value.cpp checks size and alignment): no allocation per value.
  alignas(8) std::byte storage_[16];
};

/// A read-only view of a wire value owned elsewhere (a Wire, an element of one, the kernel's message). Cheap
/// to copy; must not outlive what it views.
class WireView {
 public:
  // Implicit: generated code passes a Wire where a WireView is read.
  // cppcheck-suppress noExplicitConstructor
  WireView(const Wire& value) noexcept;  // NOLINT(google-explicit-constructor)

  [[nodiscard]] bool is_undefined() const noexcept;
  /// undefined or null: an optional value that is not there.
  [[nodiscard]] bool is_absent() const noexcept;
  [[nodiscard]] bool is_array() const noexcept;
  [[nodiscard]] std::size_t size() const noexcept;                      ///< elements of an array, 0 otherwise
  [[nodiscard]] WireView operator[](std::size_t index) const noexcept;  ///< array element (undefined if none)
  /// Compact JSON text for messages (`undefined` for undefined).
  [[nodiscard]] std::string dump() const;

 private:
  friend struct WireAccess;
  explicit WireView(const void* json) noexcept : json_(json) {}
  const void* json_;  // const nlohmann::json*
};

/// The entries of a `map<string,T>` value (`{"$jsii.map":{...}}` or a bare object), viewing `value`.
std::vector<std::pair<std::string_view, WireView>> map_entries(WireView value);
/// Wraps an object whose values are already in wire form as a `$jsii.map`.
Wire map_value(Wire object);
bool map_accepts(WireView value) noexcept;

}  // namespace jsii::detail

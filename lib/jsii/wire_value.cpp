// Wire and WireView: the opaque wire values of the generated bindings, backed by nlohmann::json.
#include <jsii/wire_value.hpp>

#include "wire_json.hpp"

namespace jsii::detail {

static_assert(sizeof(Json) <= 16 && alignof(Json) <= 8, "Wire::storage_ must hold a nlohmann::json");

Wire::Wire() noexcept { new (storage_) Json(Json::value_t::discarded); }
Wire::Wire(const Wire& other) { new (storage_) Json(WireAccess::json(other)); }
Wire::Wire(Wire&& other) noexcept { new (storage_) Json(std::move(WireAccess::json(other))); }
Wire& Wire::operator=(const Wire& other) {
  if (this != &other) WireAccess::json(*this) = WireAccess::json(other);
  return *this;
}
Wire& Wire::operator=(Wire&& other) noexcept {
  WireAccess::json(*this) = std::move(WireAccess::json(other));
  return *this;
}
Wire::~Wire() { WireAccess::json(*this).~Json(); }

Wire Wire::array() { return make_wire(Json::array()); }
Wire Wire::object() { return make_wire(Json::object()); }
void Wire::push_back(Wire item) { WireAccess::json(*this).push_back(take_json(std::move(item))); }
void Wire::set(std::string_view key, Wire value) {
  WireAccess::json(*this)[std::string(key)] = take_json(std::move(value));
}

WireView::WireView(const Wire& value) noexcept : json_(&WireAccess::json(value)) {}

bool WireView::is_undefined() const noexcept { return jsii::is_undefined(json_of(*this)); }
bool WireView::is_absent() const noexcept { return is_undefined() || json_of(*this).is_null(); }
bool WireView::is_array() const noexcept { return json_of(*this).is_array(); }
std::size_t WireView::size() const noexcept { return is_array() ? json_of(*this).size() : 0; }
WireView WireView::operator[](std::size_t index) const noexcept {
  static const Json none = undefined();
  return index < size() ? view_of(json_of(*this)[index]) : view_of(none);
}
std::string WireView::dump() const { return is_undefined() ? "undefined" : json_of(*this).dump(); }

std::vector<std::pair<std::string_view, WireView>> map_entries(WireView value) {
  const Json& plain = wire::map_object(json_of(value));
  std::vector<std::pair<std::string_view, WireView>> out;
  out.reserve(plain.size());
  for (auto it = plain.begin(); it != plain.end(); ++it) out.emplace_back(it.key(), view_of(it.value()));
  return out;
}

Wire map_value(Wire object) { return make_wire(wire::map(take_json(std::move(object)))); }

bool map_accepts(WireView value) noexcept {
  const Json& json = json_of(value);
  return wire::is_map(json) || (json.is_object() && !wire::is_byref(json));
}

}  // namespace jsii::detail

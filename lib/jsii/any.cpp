#include <jsii/any.hpp>
#include <jsii/bindings.hpp>
#include <jsii/errors.hpp>
#include <jsii/kernel.hpp>
#include <jsii/wire.hpp>

#include "kernel_shared.hpp"
#include "wire_json.hpp"

namespace jsii {

struct Any::Value {
  Json json;
};

namespace {

std::unique_ptr<Any::Value> make(Json json) {
  return std::make_unique<Any::Value>(Any::Value{std::move(json)});
}

}  // namespace

Any::Any() : value_(make(nullptr)) {}
Any::Any(std::nullptr_t /*unused*/) : Any() {}
Any::Any(bool value) : value_(make(value)) {}
Any::Any(double value) : value_(make(value)) {}
Any::Any(std::int64_t value) : value_(make(value)) {}
Any::Any(const char* value) : value_(make(value == nullptr ? Json(nullptr) : Json(std::string(value)))) {}
Any::Any(std::string_view value) : value_(make(std::string(value))) {}
Any::Any(const std::string& value) : value_(make(value)) {}
Any::Any(std::vector<Any> items) : value_(make(Json::array())) {
  for (const auto& item : items) value_->json.push_back(item.value_->json);
}
Any::Any(const std::map<std::string, Any>& fields) : value_(make(Json::object())) {
  for (const auto& [key, item] : fields) value_->json[key] = item.value_->json;
}
Any::Any(const Object& object) : value_(make(wire::byref(object.jsii_ref()))) {}
Any::Any(Date value) : value_(make(wire::date(value))) {}

Any Any::array(std::vector<Any> items) { return Any(std::move(items)); }
Any Any::object(const std::map<std::string, Any>& fields) { return Any(fields); }
Any Any::parse(std::string_view json) {
  Json parsed = Json::parse(json, nullptr, /*allow_exceptions=*/false);
  if (parsed.is_discarded())
    throw Error("jsii::Any::parse: not valid JSON: " + std::string(json.substr(0, 200)));
  return detail::any_from_json(std::move(parsed));
}

Any::Any(const Any& other) : value_(make(other.value_->json)) {}
Any::Any(Any&& other) noexcept : value_(std::move(other.value_)) {}
Any& Any::operator=(const Any& other) {
  if (this != &other) value_ = make(other.value_->json);
  return *this;
}
Any& Any::operator=(Any&& other) noexcept {
  value_ = std::move(other.value_);
  return *this;
}
Any::~Any() = default;

bool Any::is_null() const { return !value_ || value_->json.is_null() || is_undefined(value_->json); }
bool Any::is_bool() const { return value_ && value_->json.is_boolean(); }
bool Any::is_number() const { return value_ && value_->json.is_number(); }
bool Any::is_string() const { return value_ && value_->json.is_string(); }
bool Any::is_array() const { return value_ && value_->json.is_array(); }
bool Any::is_ref() const { return value_ && wire::is_byref(value_->json); }
bool Any::is_object() const { return value_ && value_->json.is_object() && !is_ref() && !is_date(); }
bool Any::is_date() const { return value_ && wire::is_date(value_->json); }

namespace {
[[noreturn]] void wrong(const char* expected, const Json& got) {
  throw Error(std::string("jsii::Any holds ") + got.type_name() + " (" + got.dump().substr(0, 120) +
              "), not " + expected);
}
}  // namespace

bool Any::as_bool() const {
  if (!is_bool()) wrong("a boolean", value_->json);
  return value_->json.get<bool>();
}
double Any::as_number() const {
  if (!is_number()) wrong("a number", value_->json);
  return value_->json.get<double>();
}
std::string Any::as_string() const {
  if (!is_string()) wrong("a string", value_->json);
  return value_->json.get<std::string>();
}
Date Any::as_date() const {
  if (!is_date()) wrong("a date", value_->json);
  return wire::as_date(value_->json);
}
Object Any::as_ref() const {
  if (!is_ref()) wrong("an object reference", value_->json);
  return Kernel::instance().object(value_->json);
}
std::size_t Any::size() const { return is_array() || is_object() ? value_->json.size() : 0; }
Any Any::operator[](std::size_t index) const {
  if (!is_array() || index >= value_->json.size()) return Any();
  return detail::any_from_json(value_->json[index]);
}
Any Any::operator[](std::string_view key) const {
  if (!is_object()) return Any();
  const auto it = value_->json.find(key);
  return it == value_->json.end() ? Any() : detail::any_from_json(*it);
}
bool Any::contains(std::string_view key) const { return is_object() && value_->json.contains(key); }
std::vector<std::string> Any::keys() const {
  std::vector<std::string> out;
  if (is_object()) {
    for (const auto& [key, unused] : value_->json.items()) out.push_back(key);
  }
  return out;
}
std::string Any::dump() const { return value_ ? value_->json.dump() : "null"; }
bool operator==(const Any& a, const Any& b) { return a.value_->json == b.value_->json; }

namespace detail {

Any any_from_wire(Wire value) { return any_from_json(take_json(std::move(value))); }
WireView any_view(const Any& value) { return view_of(Access::any_value(value)); }

Any any_from_json(Json json) {
  Any out;
  Access::any_value(out) = std::move(json);
  return out;
}

}  // namespace detail
}  // namespace jsii

namespace jsii::detail {
Json& Access::any_value(Any& any) { return any.value_->json; }
const Json& Access::any_value(const Any& any) { return any.value_->json; }
}  // namespace jsii::detail

// The jsii wire format: JSON values plus the `$jsii.*` tokens, and how to build and read them.
//
// JSON has no `undefined`; jsii does (a missing argument, an absent result). We represent it with
// `jsii::undefined()`, nlohmann's "discarded" value, which the request encoder strips: trailing undefined
// arguments are dropped and object keys holding it are omitted. Results the kernel leaves out come back as
// `undefined()` too, so `is_undefined(v)` and `v.is_null()` keep the two apart in both directions.
#pragma once

#include <chrono>
#include <jsii/object.hpp>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

namespace jsii {

using Json = nlohmann::json;

/// A member of an enum: `{"$jsii.enum":"<enum fqn>/<MEMBER>"}`.
struct EnumRef {
  std::string fqn;
  std::string member;
  friend bool operator==(const EnumRef&, const EnumRef&) = default;
};

/// The value that stands for JavaScript `undefined`.
[[nodiscard]] Json undefined();
[[nodiscard]] bool is_undefined(const Json& value) noexcept;

namespace wire {

// --- building tokens (host -> kernel) ---
[[nodiscard]] Json byref(const ObjRef& ref);
[[nodiscard]] Json enum_value(const EnumRef& member);
[[nodiscard]] Json enum_value(std::string_view enum_fqn, std::string_view member);
[[nodiscard]] Json date(Date when);
/// `map<string,T>`: values must already be in wire form.
[[nodiscard]] Json map(Json object);
/// A struct passed by value. Always wrapped, even when `data` is empty: a bare `{}` means `undefined` to the
/// kernel.
[[nodiscard]] Json struct_value(std::string_view fqn, Json data);

// --- recognising tokens (kernel -> host) ---
[[nodiscard]] bool is_byref(const Json& value) noexcept;
[[nodiscard]] bool is_enum(const Json& value) noexcept;
[[nodiscard]] bool is_date(const Json& value) noexcept;
[[nodiscard]] bool is_map(const Json& value) noexcept;
[[nodiscard]] bool is_struct(const Json& value) noexcept;

// --- reading tokens; each throws jsii::Fault naming what it got when the value has another shape ---
[[nodiscard]] ObjRef as_byref(const Json& value);
[[nodiscard]] EnumRef as_enum(const Json& value);
[[nodiscard]] Date as_date(const Json& value);
/// A `map<string,T>`: accepts `{"$jsii.map":{...}}` and, as the kernel does, a bare object. Values stay in
/// wire form.
[[nodiscard]] Json as_map(const Json& value);
/// Like as_map, without copying: the object inside `value` (or `value` itself), valid while `value` is.
[[nodiscard]] const Json& map_object(const Json& value);
/// A `json`/`any` value as plain JSON: `$jsii.map` wrappers are removed at every depth (they may arrive
/// either way); other tokens (byref, date, enum) are kept as they are.
[[nodiscard]] Json as_plain_json(const Json& value);

/// ISO-8601 in UTC with milliseconds, as JavaScript's `Date.prototype.toISOString()` writes it.
[[nodiscard]] std::string format_iso8601(Date when);
[[nodiscard]] Date parse_iso8601(std::string_view text);

/// Removes `undefined()` from a value before it is written: object keys holding it are omitted, trailing
/// array elements are dropped, and inner array elements become `null` (JSON arrays have no holes).
[[nodiscard]] Json strip_undefined(Json value);

}  // namespace wire
}  // namespace jsii

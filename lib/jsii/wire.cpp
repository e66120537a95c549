#include <array>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <jsii/errors.hpp>
#include <jsii/wire.hpp>

namespace jsii {
namespace {

constexpr const char* kByref = "$jsii.byref";
constexpr const char* kInterfaces = "$jsii.interfaces";
constexpr const char* kEnum = "$jsii.enum";
constexpr const char* kDate = "$jsii.date";
constexpr const char* kMap = "$jsii.map";
constexpr const char* kStruct = "$jsii.struct";

bool has_token(const Json& value, const char* token) noexcept {
  return value.is_object() && value.contains(token);
}

[[noreturn]] void wrong_shape(std::string_view expected, const Json& got) {
  throw Fault("decode value", "expected " + std::string(expected) + ", got " + got.dump().substr(0, 200));
}

const std::string& token_string(const Json& value, const char* token, std::string_view expected) {
  if (!has_token(value, token)) wrong_shape(expected, value);
  const Json& inner = value.at(token);
  if (!inner.is_string()) wrong_shape(expected, value);
  return inner.get_ref<const std::string&>();
}

}  // namespace

std::string_view ObjRef::fqn() const {
  const auto at = id.rfind('@');
  return at == std::string::npos ? std::string_view(id) : std::string_view(id).substr(0, at);
}

Json undefined() { return Json(Json::value_t::discarded); }
bool is_undefined(const Json& value) noexcept { return value.is_discarded(); }

namespace wire {

Json byref(const ObjRef& ref) {
  Json out{{kByref, ref.id}};
  if (!ref.interfaces.empty()) out[kInterfaces] = ref.interfaces;
  return out;
}

Json enum_value(const EnumRef& member) { return enum_value(member.fqn, member.member); }

Json enum_value(std::string_view enum_fqn, std::string_view member) {
  std::string token(enum_fqn);
  token.push_back('/');
  token.append(member);
  return Json{{kEnum, std::move(token)}};
}

Json date(Date when) { return Json{{kDate, format_iso8601(when)}}; }

Json map(Json object) {
  if (!object.is_object()) wrong_shape("an object for $jsii.map", object);
  return Json{{kMap, std::move(object)}};
}

Json struct_value(std::string_view fqn, Json data) {
  if (data.is_null()) data = Json::object();
  return Json{{kStruct, Json{{"fqn", std::string(fqn)}, {"data", std::move(data)}}}};
}

bool is_byref(const Json& value) noexcept { return has_token(value, kByref); }
bool is_enum(const Json& value) noexcept { return has_token(value, kEnum); }
bool is_date(const Json& value) noexcept { return has_token(value, kDate); }
bool is_map(const Json& value) noexcept { return has_token(value, kMap); }
bool is_struct(const Json& value) noexcept { return has_token(value, kStruct); }

ObjRef as_byref(const Json& value) {
  ObjRef ref{token_string(value, kByref, "an object reference ($jsii.byref)"), {}};
  if (const auto it = value.find(kInterfaces); it != value.end() && it->is_array()) {
    for (const auto& iface : *it) {
      if (iface.is_string()) ref.interfaces.push_back(iface.get<std::string>());
    }
  }
  return ref;
}

EnumRef as_enum(const Json& value) {
  const std::string& token = token_string(value, kEnum, "an enum member ($jsii.enum)");
  const auto slash = token.rfind('/');  // the fqn has no '/', but split on the last one as the kernel does
  if (slash == std::string::npos) wrong_shape("<enum fqn>/<MEMBER>", value);
  return EnumRef{token.substr(0, slash), token.substr(slash + 1)};
}

Date as_date(const Json& value) { return parse_iso8601(token_string(value, kDate, "a date ($jsii.date)")); }

Json as_map(const Json& value) { return map_object(value); }

const Json& map_object(const Json& value) {
  if (has_token(value, kMap)) {
    const Json& inner = value.at(kMap);
    if (!inner.is_object()) wrong_shape("an object inside $jsii.map", value);
    return inner;
  }
  if (value.is_object() && !is_byref(value) && !is_enum(value) && !is_date(value) && !is_struct(value))
    return value;
  wrong_shape("a map ($jsii.map or object)", value);
}

Json as_plain_json(const Json& value) {
  if (value.is_array()) {
    Json out = Json::array();
    for (const auto& element : value) out.push_back(as_plain_json(element));
    return out;
  }
  if (!value.is_object()) return value;
  const Json& source = has_token(value, kMap) && value.size() == 1 ? value.at(kMap) : value;
  if (!source.is_object()) return source;
  Json out = Json::object();
  for (const auto& [key, element] : source.items()) out[key] = as_plain_json(element);
  return out;
}

std::string format_iso8601(Date when) {
  const auto ms_total = when.time_since_epoch().count();
  auto seconds = static_cast<std::time_t>(ms_total / 1000);
  auto ms = static_cast<int>(ms_total % 1000);
  if (ms < 0) {
    ms += 1000;
    --seconds;
  }
  std::tm utc{};
  ::gmtime_r(&seconds, &utc);
  std::array<char, 96> text{};  // room for any int fields, so no truncation is possible
  std::snprintf(text.data(), text.size(), "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", utc.tm_year + 1900,
                utc.tm_mon + 1, utc.tm_mday, utc.tm_hour, utc.tm_min, utc.tm_sec, ms);
  return text.data();
}

Date parse_iso8601(std::string_view text) {
  int year = 0, month = 0, day = 0, hour = 0, minute = 0;
  double second = 0;
  const std::string copy(text);
  int consumed = 0;
  if (std::sscanf(copy.c_str(), "%d-%d-%dT%d:%d:%lf%n", &year, &month, &day, &hour, &minute, &second,
                  &consumed) != 6 ||
      copy.substr(static_cast<std::size_t>(consumed)) != "Z") {
    throw Fault("decode value", "not an ISO-8601 UTC date: '" + copy + "'");
  }
  using namespace std::chrono;
  const sys_days days =
      year_month_day{std::chrono::year(year), std::chrono::month(static_cast<unsigned>(month)),
                     std::chrono::day(static_cast<unsigned>(day))};
  const auto whole = static_cast<long long>(second);
  const auto millis = std::llround((second - static_cast<double>(whole)) * 1000.0);
  return time_point_cast<milliseconds>(days) + hours(hour) + minutes(minute) + std::chrono::seconds(whole) +
         milliseconds(millis);
}

Json strip_undefined(Json value) {
  if (value.is_object()) {
    Json out = Json::object();
    for (auto& [key, element] : value.items()) {
      if (!element.is_discarded()) out[key] = strip_undefined(std::move(element));
    }
    return out;
  }
  if (value.is_array()) {
    while (!value.empty() && value.back().is_discarded()) value.erase(value.size() - 1);
    for (auto& element : value)
      element = element.is_discarded() ? Json(nullptr) : strip_undefined(std::move(element));
  }
  return value;
}

}  // namespace wire
}  // namespace jsii

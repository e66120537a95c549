// What generated binding sources (.cpp) use: marshalling between C++ types and wire JSON, the descriptors
// each generated type registers, and the kernel calls behind every generated member. Never included by
// generated headers (they stay free of JSON); users do not need it.
#pragma once

#include <cstddef>
#include <iterator>
#include <jsii/any.hpp>
#include <jsii/box.hpp>
#include <jsii/cast.hpp>
#include <jsii/kernel.hpp>
#include <jsii/object.hpp>
#include <jsii/required.hpp>
#include <jsii/wire.hpp>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace jsii::detail {

/// A callback from JS into a C++ override: a method call, a property read, or (`set`) a property write.
struct Call {
  bool property = false;
  bool set = false;
  const std::string& name;
  const Json& args;  ///< method arguments, or the value written
};

/// What the runtime knows about a generated class or interface. One static instance per type.
struct TypeInfo {
  std::string_view fqn;
  bool is_interface = false;
  void (*load)() = nullptr;  ///< loads the type's assembly (and its dependencies) into the kernel
  /// Appends the members `self` overrides, comparing it with `probe` (both pointers to this generated type).
  void (*collect)(const void* self, const void* probe, std::vector<Override>& out) = nullptr;
  /// Serves a callback on `self` (a pointer to this generated type); chains to base types.
  Json (*dispatch)(void* self, const Call& call) = nullptr;
  /// An instance of this generated type that overrides nothing and never reaches the kernel.
  const void* (*probe)() = nullptr;
  /// Abstract members no generated class in the chain implements: a C++ subclass must override them.
  std::span<const std::string_view> abstract_members;
};

/// The function a virtual member's vtable slot holds in `object` (Itanium C++ ABI: GCC and Clang).
const void* vtable_entry(const void* object, const void* member_pointer, std::size_t size);

/// Whether `self` overrides the virtual member `member` of `C` (compared with `probe`, which does not).
template <class F, class C>
bool overridden(const C* self, const C* probe, F C::*member) {
  return vtable_entry(self, &member, sizeof member) != vtable_entry(probe, &member, sizeof member);
}
void add_override(std::vector<Override>& out, bool property, std::string_view name);

/// A generated constructor: records the creation, which happens before the next kernel request (by then the
/// most-derived C++ constructor has run, so the overrides of a C++ subclass are known).
void construct(Object& object, void* self, const TypeInfo& type, Json args);
/// A generated interface's default constructor: `self` is a C++ implementation, created in the kernel when it
/// is first passed to JS.
void implement(Object& object, void* self, const TypeInfo& type);

Json get(const Object& self, std::string_view name);
void set(const Object& self, std::string_view name, Json value);
Json invoke(const Object& self, std::string_view name, Json args);
Json sget(const TypeInfo& type, std::string_view name);
void sset(const TypeInfo& type, std::string_view name, Json value);
Json sinvoke(const TypeInfo& type, std::string_view name, Json args);

/// Loads an assembly: through the packages manifest when it lists `name`, else from `tarball`. `types_file`
/// lists its classes and interfaces with their bases (for `jsii::cast`).
void load_assembly(std::string_view name, std::string_view version, std::string_view tarball,
                   std::string_view types_file);
[[noreturn]] void unknown_member(const TypeInfo& type, const Call& call);
/// Argument `index` of a callback (undefined when JS passed fewer).
const Json& arg(const Json& args, std::size_t index);
/// An optional struct argument left empty goes to JS as `undefined`, as when TypeScript omits it.
Json omit_if_empty(Json struct_value);
/// Callback arguments from `index` on (a variadic parameter), as an array.
Json rest(const Json& args, std::size_t index);

// --- marshalling
// ---------------------------------------------------------------------------------------------

/// `to` (C++ -> wire), `from` (wire -> C++) and `accepts` (could this wire value be a T? for unions).
template <class T>
struct Marshal;

[[noreturn]] void wrong_value(std::string_view expected, const Json& got);

/// Converts to the T a wire value holds. Initializing a T from it constructs the result in place (no move
/// constructor is called or instantiated), which keeps the code generated for every container, optional
/// and union type small.
template <class T>
struct FromWire {
  const Json& value;
  operator T() const { return Marshal<T>::from(value); }  // NOLINT(google-explicit-constructor)
};

/// Iterates a wire array as FromWire<T> values: `std::vector<T>(begin, end)` builds each element in place.
template <class T>
struct FromWireIterator {
  using iterator_category = std::forward_iterator_tag;
  using value_type = T;
  using difference_type = std::ptrdiff_t;
  using pointer = void;
  using reference = FromWire<T>;
  Json::const_iterator at;
  FromWire<T> operator*() const { return FromWire<T>{*at}; }
  FromWireIterator& operator++() {
    ++at;
    return *this;
  }
  FromWireIterator operator++(int) {
    FromWireIterator before = *this;
    ++at;
    return before;
  }
  friend bool operator==(const FromWireIterator& a, const FromWireIterator& b) { return a.at == b.at; }
};

template <>
struct Marshal<std::string> {
  static Json to(const std::string& value) { return value; }
  static std::string from(const Json& value);
  static bool accepts(const Json& value) { return value.is_string(); }
};
template <>
struct Marshal<double> {
  static Json to(double value) { return value; }
  static double from(const Json& value);
  static bool accepts(const Json& value) { return value.is_number(); }
};
template <>
struct Marshal<bool> {
  static Json to(bool value) { return value; }
  static bool from(const Json& value);
  static bool accepts(const Json& value) { return value.is_boolean(); }
};
template <>
struct Marshal<Date> {
  static Json to(Date value) { return wire::date(value); }
  static Date from(const Json& value) { return wire::as_date(value); }
  static bool accepts(const Json& value) { return wire::is_date(value); }
};
template <>
struct Marshal<Any> {
  static Json to(const Any& value);
  static Any from(const Json& value);
  static bool accepts(const Json& /*value*/) { return true; }
};

bool is_instance_ref(const Json& value, std::string_view fqn);
Object object_from(const Json& value, std::string_view expected);

template <class T>
requires std::is_base_of_v<Object, T>
struct Marshal<T> {
  static Json to(const T& value) { return wire::byref(value.jsii_ref()); }
  static T from(const Json& value) { return T(FromRef{}, object_from(value, T::jsii_fqn)); }
  static bool accepts(const Json& value) { return is_instance_ref(value, T::jsii_fqn); }
};

template <class T>
struct Marshal<std::optional<T>> {
  static Json to(const std::optional<T>& value) { return value ? Marshal<T>::to(*value) : undefined(); }
  static std::optional<T> from(const Json& value) {
    return is_undefined(value) || value.is_null() ? std::optional<T>()
                                                  : std::optional<T>(std::in_place, FromWire<T>{value});
  }
  static bool accepts(const Json& value) {
    return is_undefined(value) || value.is_null() || Marshal<T>::accepts(value);
  }
};

template <class T>
struct Marshal<Required<T>> {
  static Json to(const Required<T>& value) { return Marshal<T>::to(value.get()); }
  static Required<T> from(const Json& value) { return Required<T>(FromWire<T>{value}); }
  static bool accepts(const Json& value) { return Marshal<T>::accepts(value); }
};

template <class T>
struct Marshal<Box<T>> {
  static Json to(const Box<T>& value) { return Marshal<T>::to(value.get()); }
  static Box<T> from(const Json& value) { return Box<T>(FromWire<T>{value}); }
  static bool accepts(const Json& value) { return Marshal<T>::accepts(value); }
};

template <class T>
struct Marshal<std::vector<T>> {
  static Json to(const std::vector<T>& value) {
    Json out = Json::array();
    for (const auto& item : value) out.push_back(Marshal<T>::to(item));
    return out;
  }
  static std::vector<T> from(const Json& value) {
    if (!value.is_array()) wrong_value("an array", value);
    return std::vector<T>(FromWireIterator<T>{value.begin()}, FromWireIterator<T>{value.end()});
  }
  static bool accepts(const Json& value) { return value.is_array(); }
};

template <class T>
struct Marshal<std::map<std::string, T>> {
  static Json to(const std::map<std::string, T>& value) {
    Json out = Json::object();
    for (const auto& [key, item] : value) out[key] = Marshal<T>::to(item);
    return wire::map(std::move(out));
  }
  static std::map<std::string, T> from(const Json& value) {
    const Json plain = wire::as_map(value);
    std::map<std::string, T> out;
    for (const auto& [key, item] : plain.items()) out.emplace(key, FromWire<T>{item});
    return out;
  }
  static bool accepts(const Json& value) {
    return wire::is_map(value) || (value.is_object() && !wire::is_byref(value));
  }
};

/// Unions: on input the alternative held is sent; on output the first alternative that accepts the value
/// wins, then (for objects of classes the bindings do not know) the first object alternative.
template <class... T>
struct Marshal<std::variant<T...>> {
  using Variant = std::variant<T...>;
  static Json to(const Variant& value) { return to_alternative<0>(value); }
  static Variant from(const Json& value) { return from_alternative<0>(value, false); }
  static bool accepts(const Json& value) { return (Marshal<T>::accepts(value) || ...); }

 private:
  // Index walks instead of std::visit or a std::optional<Variant> to fill: the same results for far less
  // generated code (they are instantiated for every union type of an assembly). `from` builds the variant
  // in place from the first alternative that accepts the value; a second walk, for references to objects
  // of classes the bindings do not know, takes the first object alternative.
  template <std::size_t I>
  static Variant from_alternative(const Json& value, bool objects_only) {
    if constexpr (I < sizeof...(T)) {
      using Alternative = std::variant_alternative_t<I, Variant>;
      if (objects_only ? std::is_base_of_v<Object, Alternative> : Marshal<Alternative>::accepts(value))
        return Variant(std::in_place_index<I>, FromWire<Alternative>{value});
      return from_alternative<I + 1>(value, objects_only);
    } else {
      if (!objects_only && wire::is_byref(value)) return from_alternative<0>(value, true);
      wrong_value("a value of one of the union's types", value);
    }
  }
  template <std::size_t I>
  static Json to_alternative(const Variant& value) {
    if constexpr (I < sizeof...(T)) {
      if (value.index() == I)
        return Marshal<std::variant_alternative_t<I, Variant>>::to(*std::get_if<I>(&value));
      return to_alternative<I + 1>(value);
    } else {
      return undefined();
    }
  }
};

template <class T>
Json to_wire(const T& value) {
  return Marshal<T>::to(value);
}
template <class T>
T from_wire(const Json& value) {
  return Marshal<T>::from(value);
}
/// An optional struct parameter whose type has no required fields: undefined becomes `T{}`.
template <class T>
T from_wire_or_empty(const Json& value) {
  if (is_undefined(value) || value.is_null()) return T{};
  return Marshal<T>::from(value);
}

/// Enums: `{"$jsii.enum": "<fqn>/<MEMBER>"}` <-> the member's index in `members` (declaration order).
Json enum_to(std::string_view fqn, std::span<const std::string_view> members, std::size_t index);
std::size_t enum_from(std::string_view fqn, std::span<const std::string_view> members, const Json& value);
bool enum_accepts(std::string_view fqn, const Json& value);

/// Builds a struct's wire value field by field; unset optional fields are left out.
class StructWriter {
 public:
  template <class T>
  void field(const char* name, const T& value) {
    Json wire_value = Marshal<T>::to(value);
    if (!is_undefined(wire_value)) data_[name] = std::move(wire_value);
  }
  Json done(std::string_view fqn) { return wire::struct_value(fqn, std::move(data_)); }

 private:
  Json data_ = Json::object();
};

/// Reads a struct's fields from what the kernel sent: a plain object, `$jsii.struct`, or a reference to a JS
/// object (read property by property).
class StructReader {
 public:
  StructReader(const Json& value, std::string_view fqn);
  template <class T>
  T field(const char* name) const {
    return Marshal<T>::from(raw(name));
  }
  [[nodiscard]] Json raw(const char* name) const;

 private:
  Json data_;
  std::optional<Object> object_;
};
bool struct_accepts(std::string_view fqn, const Json& value);

}  // namespace jsii::detail

// What generated binding sources (.cpp) use: marshalling between C++ types and wire values, the descriptors
// each generated type registers, and the kernel calls behind every generated member. Never included by
// generated headers; users do not need it. It includes no JSON library: wire values are opaque here
// (wire_value.hpp), which keeps every generated source cheap to compile.
#pragma once

#include <cstddef>
#include <iterator>
#include <jsii/any.hpp>
#include <jsii/box.hpp>
#include <jsii/cast.hpp>
#include <jsii/object.hpp>
#include <jsii/override.hpp>
#include <jsii/required.hpp>
#include <jsii/wire_value.hpp>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <variant>
#include <vector>

namespace jsii::detail {

/// A callback from JS into a C++ override: a method call, a property read, or (`set`) a property write.
struct Call {
  bool property = false;
  bool set = false;
  const std::string& name;
  WireView args;  ///< method arguments, or the value written
};

/// What the runtime knows about a generated class or interface. One static instance per type.
struct TypeInfo {
  std::string_view fqn;
  bool is_interface = false;
  void (*load)() = nullptr;  ///< loads the type's assembly (and its dependencies) into the kernel
  /// Appends the members `self` overrides, comparing it with `probe` (both pointers to this generated type).
  void (*collect)(const void* self, const void* probe, std::vector<Override>& out) = nullptr;
  /// Serves a callback on `self` (a pointer to this generated type); chains to base types.
  Wire (*dispatch)(void* self, const Call& call) = nullptr;
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
void construct(Object& object, void* self, const TypeInfo& type, Wire args);
/// A generated interface's default constructor: `self` is a C++ implementation, created in the kernel when it
/// is first passed to JS.
void implement(Object& object, void* self, const TypeInfo& type);

Wire get(const Object& self, std::string_view name);
void set(const Object& self, std::string_view name, Wire value);
Wire invoke(const Object& self, std::string_view name, Wire args);
/// An async method: blocks until its promise settles (see Kernel::invoke_async).
Wire invoke_async(const Object& self, std::string_view name, Wire args);
Wire sget(const TypeInfo& type, std::string_view name);
void sset(const TypeInfo& type, std::string_view name, Wire value);
Wire sinvoke(const TypeInfo& type, std::string_view name, Wire args);

/// Loads an assembly: through the packages manifest when it lists `name`, else from `tarball`. `types_file`
/// lists its classes and interfaces with their bases (for `jsii::cast`).
void load_assembly(std::string_view name, std::string_view version, std::string_view tarball,
                   std::string_view types_file);
[[noreturn]] void unknown_member(const TypeInfo& type, const Call& call);
/// Argument `index` of a callback (undefined when JS passed fewer).
WireView arg(WireView args, std::size_t index);
/// An optional struct argument left empty goes to JS as `undefined`, as when TypeScript omits it.
Wire omit_if_empty(Wire struct_value);
/// Callback arguments from `index` on (a variadic parameter), as an array.
Wire rest(WireView args, std::size_t index);

// --- marshalling
// ---------------------------------------------------------------------------------------------

/// `to` (C++ -> wire), `from` (wire -> C++) and `accepts` (could this wire value be a T? for unions).
template <class T>
struct Marshal;

[[noreturn]] void wrong_value(std::string_view expected, WireView got);

/// Converts to the T a wire value holds. Initializing a T from it constructs the result in place (no move
/// constructor is called or instantiated), which keeps the code generated for every container, optional
/// and union type small.
template <class T>
struct FromWire {
  WireView value;
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
  WireView array;
  std::size_t index = 0;
  FromWire<T> operator*() const { return FromWire<T>{array[index]}; }
  FromWireIterator& operator++() {
    ++index;
    return *this;
  }
  FromWireIterator operator++(int) {
    FromWireIterator before = *this;
    ++index;
    return before;
  }
  friend bool operator==(const FromWireIterator& a, const FromWireIterator& b) { return a.index == b.index; }
};

template <>
struct Marshal<std::string> {
  static Wire to(const std::string& value);
  static std::string from(WireView value);
  static bool accepts(WireView value);
};
template <>
struct Marshal<double> {
  static Wire to(double value);
  static double from(WireView value);
  static bool accepts(WireView value);
};
template <>
struct Marshal<bool> {
  static Wire to(bool value);
  static bool from(WireView value);
  static bool accepts(WireView value);
};
template <>
struct Marshal<Date> {
  static Wire to(Date value);
  static Date from(WireView value);
  static bool accepts(WireView value);
};
template <>
struct Marshal<Any> {
  static Wire to(const Any& value);
  static Any from(WireView value);
  static bool accepts(WireView /*value*/) { return true; }
};

Wire object_to(const Object& value);
/// A jsii `any` holding a wire value (a struct's `jsii_to_any`), and the wire value an `any` holds.
Any any_from_wire(Wire value);
WireView any_view(const Any& value);
bool is_instance_ref(WireView value, std::string_view fqn);
bool is_ref(WireView value);
Object object_from(WireView value, std::string_view expected);

template <class T>
requires std::is_base_of_v<Object, T>
struct Marshal<T> {
  static Wire to(const T& value) { return object_to(value); }
  static T from(WireView value) { return T(FromRef{}, object_from(value, T::jsii_fqn)); }
  static bool accepts(WireView value) { return is_instance_ref(value, T::jsii_fqn); }
};

template <class T>
struct Marshal<std::optional<T>> {
  static Wire to(const std::optional<T>& value) { return value ? Marshal<T>::to(*value) : Wire(); }
  static std::optional<T> from(WireView value) {
    return value.is_absent() ? std::optional<T>() : std::optional<T>(std::in_place, FromWire<T>{value});
  }
  static bool accepts(WireView value) { return value.is_absent() || Marshal<T>::accepts(value); }
};

template <class T>
struct Marshal<Required<T>> {
  static Wire to(const Required<T>& value) { return Marshal<T>::to(value.get()); }
  static Required<T> from(WireView value) { return Required<T>(FromWire<T>{value}); }
  static bool accepts(WireView value) { return Marshal<T>::accepts(value); }
};

template <class T>
struct Marshal<Box<T>> {
  static Wire to(const Box<T>& value) { return Marshal<T>::to(value.get()); }
  static Box<T> from(WireView value) { return Box<T>(FromWire<T>{value}); }
  static bool accepts(WireView value) { return Marshal<T>::accepts(value); }
};

template <class T>
struct Marshal<std::vector<T>> {
  static Wire to(const std::vector<T>& value) {
    Wire out = Wire::array();
    for (const auto& item : value) out.push_back(Marshal<T>::to(item));
    return out;
  }
  static std::vector<T> from(WireView value) {
    if (!value.is_array()) wrong_value("an array", value);
    return std::vector<T>(FromWireIterator<T>{value, 0}, FromWireIterator<T>{value, value.size()});
  }
  static bool accepts(WireView value) { return value.is_array(); }
};

template <class T>
struct Marshal<std::map<std::string, T>> {
  static Wire to(const std::map<std::string, T>& value) {
    Wire out = Wire::object();
    for (const auto& [key, item] : value) out.set(key, Marshal<T>::to(item));
    return map_value(std::move(out));
  }
  static std::map<std::string, T> from(WireView value) {
    std::map<std::string, T> out;
    for (const auto& [key, item] : map_entries(value)) out.emplace(key, FromWire<T>{item});
    return out;
  }
  static bool accepts(WireView value) { return map_accepts(value); }
};

/// Unions: on input the alternative held is sent; on output the first alternative that accepts the value
/// wins, then (for objects of classes the bindings do not know) the first object alternative.
template <class... T>
struct Marshal<std::variant<T...>> {
  using Variant = std::variant<T...>;
  static Wire to(const Variant& value) { return to_alternative<0>(value); }
  static Variant from(WireView value) { return from_alternative<0>(value, false); }
  static bool accepts(WireView value) { return (Marshal<T>::accepts(value) || ...); }

 private:
  // Index walks instead of std::visit or a std::optional<Variant> to fill: the same results for far less
  // generated code (they are instantiated for every union type of an assembly). `from` builds the variant
  // in place from the first alternative that accepts the value; a second walk, for references to objects
  // of classes the bindings do not know, takes the first object alternative.
  template <std::size_t I>
  static Variant from_alternative(WireView value, bool objects_only) {
    if constexpr (I < sizeof...(T)) {
      using Alternative = std::variant_alternative_t<I, Variant>;
      if (objects_only ? std::is_base_of_v<Object, Alternative> : Marshal<Alternative>::accepts(value))
        return Variant(std::in_place_index<I>, FromWire<Alternative>{value});
      return from_alternative<I + 1>(value, objects_only);
    } else {
      if (!objects_only && is_ref(value)) return from_alternative<0>(value, true);
      wrong_value("a value of one of the union's types", value);
    }
  }
  template <std::size_t I>
  static Wire to_alternative(const Variant& value) {
    if constexpr (I < sizeof...(T)) {
      if (value.index() == I)
        return Marshal<std::variant_alternative_t<I, Variant>>::to(*std::get_if<I>(&value));
      return to_alternative<I + 1>(value);
    } else {
      return Wire();
    }
  }
};

template <class T>
Wire to_wire(const T& value) {
  return Marshal<T>::to(value);
}
template <class T>
T from_wire(WireView value) {
  return Marshal<T>::from(value);
}
/// An optional struct parameter whose type has no required fields: undefined becomes `T{}`.
template <class T>
T from_wire_or_empty(WireView value) {
  if (value.is_absent()) return T{};
  return Marshal<T>::from(value);
}

/// Enums: `{"$jsii.enum": "<fqn>/<MEMBER>"}` <-> the member's index in `members` (declaration order).
Wire enum_to(std::string_view fqn, std::span<const std::string_view> members, std::size_t index);
std::size_t enum_from(std::string_view fqn, std::span<const std::string_view> members, WireView value);
bool enum_accepts(std::string_view fqn, WireView value);

/// Builds a struct's wire value field by field; unset optional fields are left out.
class StructWriter {
 public:
  template <class T>
  void field(const char* name, const T& value) {
    put(name, Marshal<T>::to(value));
  }
  Wire done(std::string_view fqn);

 private:
  void put(const char* name, Wire value);
  Wire data_ = Wire::object();
};

template <class T>
struct IsRequired : std::false_type {};
template <class T>
struct IsRequired<Required<T>> : std::true_type {};

/// Reads a struct's fields from what the kernel sent: a plain object, `$jsii.struct`, or a reference to a JS
/// object (read property by property, as the struct type: the kernel labels a returned union of structs with
/// its first alternative). A required field JS did not provide does not fail the read: the field throws
/// when it is used (`Required`'s missing state).
class StructReader {
 public:
  StructReader(WireView value, std::string_view fqn);
  template <class T>
  T field(const char* name) const {
    if constexpr (IsRequired<T>::value) {
      std::string why;
      Wire value = required(name, why);
      if (!why.empty()) return T(MissingField{}, std::move(why));
      return Marshal<T>::from(value);
    } else {
      return Marshal<T>::from(raw(name));
    }
  }
  [[nodiscard]] Wire raw(const char* name) const;
  /// The value of a required field, or (with `why` set) the reason there is none.
  Wire required(const char* name, std::string& why) const;

 private:
  Wire data_;
  std::optional<ObjRef> object_;  ///< a JS object, with the struct's fqn as its interface
  std::string_view fqn_;
};
/// Whether the wire value can be the struct `fqn`: a struct value of that type, or an object that has every
/// one of its `required` fields (which tells the alternatives of a union of structs apart).
bool struct_accepts(std::string_view fqn, std::span<const std::string_view> required, WireView value);

}  // namespace jsii::detail

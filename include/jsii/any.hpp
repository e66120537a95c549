// jsii `any` and `json`: a JSON value (or a kernel object) without exposing a JSON library in headers.
#pragma once

#include <concepts>
#include <cstdint>
#include <jsii/object.hpp>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace nlohmann {
template <typename, typename>
struct adl_serializer;
}

namespace jsii {

/// A value of jsii type `any` or `json`: null, boolean, number, string, array, object, or a kernel object.
/// Build it like a JSON literal: `jsii::Any(3)`, `jsii::Any("x")`, `jsii::Any::object({{"Key", "v"}})`,
/// `jsii::Any::array({1, "two"})`, `jsii::Any::parse(R"({"a":1})")`, or from any generated handle.
class Any {
 public:
  Any();  ///< null
  Any(std::nullptr_t /*unused*/);
  Any(bool value);
  Any(double value);
  Any(std::int64_t value);
  template <class I>
  requires(std::is_integral_v<I> && !std::is_same_v<I, bool> && !std::is_same_v<I, std::int64_t>) Any(I value)
      : Any(static_cast<std::int64_t>(value)) {}
  Any(const char* value);
  Any(std::string_view value);
  Any(const std::string& value);
  Any(std::vector<Any> items);
  Any(const std::map<std::string, Any>& fields);
  /// A kernel object (any generated class or interface handle).
  Any(const Object& object);
  Any(Date value);  ///< a jsii date
  /// A generated struct: `jsii::Any(s3::LifecycleRule{...})`.
  template <class T>
  requires requires(const T& value) {
    { T::jsii_to_any(value) } -> std::same_as<Any>;
  }
  Any(const T& value) : Any(T::jsii_to_any(value)) {}  // NOLINT(google-explicit-constructor)
  template <class T>
  requires(std::is_base_of_v<Object, T> && !std::is_same_v<T, Object>) Any(const T& handle)
      : Any(static_cast<const Object&>(handle)) {}

  static Any array(std::vector<Any> items);
  static Any object(const std::map<std::string, Any>& fields);
  /// Parses JSON text; throws jsii::Error naming the problem.
  static Any parse(std::string_view json);

  Any(const Any& other);
  Any(Any&& other) noexcept;
  Any& operator=(const Any& other);
  Any& operator=(Any&& other) noexcept;
  ~Any();

  [[nodiscard]] bool is_null() const;
  [[nodiscard]] bool is_bool() const;
  [[nodiscard]] bool is_number() const;
  [[nodiscard]] bool is_string() const;
  [[nodiscard]] bool is_array() const;
  [[nodiscard]] bool is_object() const;  ///< a JSON object (not a kernel object)
  [[nodiscard]] bool is_ref() const;     ///< a kernel object
  [[nodiscard]] bool is_date() const;
  /// Whether it holds a `T` (a generated struct: an object with `T`'s required fields).
  template <class T>
  requires requires(const Any& any) { T::jsii_accepts_any(any); }
  [[nodiscard]] bool is() const { return T::jsii_accepts_any(*this); }
  [[nodiscard]] bool as_bool() const;
  [[nodiscard]] double as_number() const;
  [[nodiscard]] std::string as_string() const;
  [[nodiscard]] Object as_ref() const;
  [[nodiscard]] Date as_date() const;
  /// The generated struct `T` it holds (throws jsii::Error naming what is missing when it is not one).
  template <class T>
  requires requires(const Any& any) { T::jsii_from_any(any); }
  [[nodiscard]] T as() const { return T::jsii_from_any(*this); }
  [[nodiscard]] std::size_t size() const;                    ///< array or object size
  [[nodiscard]] Any operator[](std::size_t index) const;     ///< array element
  [[nodiscard]] Any operator[](std::string_view key) const;  ///< object field (null when missing)
  [[nodiscard]] bool contains(std::string_view key) const;
  [[nodiscard]] std::vector<std::string> keys() const;
  /// Compact JSON text (kernel objects appear as `{"$jsii.byref": ...}`).
  [[nodiscard]] std::string dump() const;
  friend bool operator==(const Any& a, const Any& b);

  struct Value;  ///< runtime-internal: the JSON value

 private:
  friend struct detail::Access;
  std::unique_ptr<Value> value_;
};

}  // namespace jsii

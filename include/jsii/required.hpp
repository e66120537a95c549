// Required struct fields: a designated initializer that leaves one out does not compile.
#pragma once

#include <concepts>
#include <jsii/object.hpp>
#include <optional>
#include <string>
#include <type_traits>
#include <utility>

namespace jsii {

namespace detail {
/// Tag: a required field of a struct JS returned without it (see Required's reading functions). Not an
/// aggregate, so no braced value a user writes can become one.
struct MissingField {
  explicit MissingField() = default;
};
[[noreturn]] void throw_missing_field(const std::string& why);
}  // namespace detail

/// A struct field jsii marks as required. It has no default constructor, so
/// `s3::BucketProps{...}`-style initialization must name it. Reads like the value it holds:
/// `*props.vpc`, `props.vpc->vpcId()`, `props.name.get()`, or an implicit conversion.
///
/// A struct returned by JS is read field by field; a required field JS left out (or could not give) does not
/// fail that read: reading the field throws `jsii::Error` saying why, and `has_value()` is false.
template <class T>
class Required {
 public:
  Required() = delete;  // "use of deleted function Required()": a required field was left out
  Required(T value) : value_(std::move(value)) {}  // NOLINT(google-explicit-constructor)
  // Implicit conversions only (`std::convertible_to`, which unlike `std::constructible_from` does not ask for
  // a nothrow destructor): a handle converts to the interface it implements, a derived struct to its base.
  template <class U>
  requires(std::convertible_to<U&&, T> && !std::same_as<std::remove_cvref_t<U>, Required> &&
           !std::same_as<std::remove_cvref_t<U>, T>) Required(U&& value)
      : value_(std::forward<U>(value)) {}  // NOLINT(google-explicit-constructor)
  /// Runtime use: a field JS did not provide.
  Required(detail::MissingField /*tag*/, std::string why) : value_(missing()), missing_(std::move(why)) {}

  [[nodiscard]] const T& get() const {
    if (!has_value()) detail::throw_missing_field(missing_);
    if constexpr (kHandle) {
      return value_;
    } else {
      return *value_;
    }
  }
  [[nodiscard]] T& get() {
    if (!has_value()) detail::throw_missing_field(missing_);
    if constexpr (kHandle) {
      return value_;
    } else {
      return *value_;
    }
  }
  /// False only for a required field a struct returned by JS did not have.
  [[nodiscard]] bool has_value() const noexcept { return static_cast<bool>(value_); }
  operator const T&() const { return get(); }  // NOLINT(google-explicit-constructor)
  const T& operator*() const { return get(); }
  const T* operator->() const { return &get(); }
  friend bool operator==(const Required& a, const Required& b) { return a.value_ == b.value_; }

 private:
  // A handle is kept as itself, an empty handle meaning "missing": `std::optional` of a handle type would
  // evaluate the handle's copy traits where the struct is defined, and that overload resolution can need
  // types its header only declares (aws_bedrockagentcore.ToolSchema's `std::optional<s3::Location>`
  // constructor). Other values are kept in a std::optional.
  static constexpr bool kHandle = std::is_base_of_v<Object, T>;
  static auto missing() {
    if constexpr (kHandle) {
      return T(FromRef{}, Object());
    } else {
      return std::optional<T>();
    }
  }
  std::conditional_t<kHandle, T, std::optional<T>> value_;
  std::string missing_;
};

}  // namespace jsii

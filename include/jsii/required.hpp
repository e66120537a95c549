// Required struct fields: a designated initializer that leaves one out does not compile.
#pragma once

#include <concepts>
#include <utility>

namespace jsii {

/// A struct field jsii marks as required. It has no default constructor, so
/// `s3::BucketProps{...}`-style initialization must name it. Reads like the value it holds:
/// `*props.vpc`, `props.vpc->vpcId()`, `props.name.get()`, or an implicit conversion.
template <class T>
class Required {
 public:
  Required() = delete;  // "use of deleted function Required()": a required field was left out
  Required(T value) : value_(std::move(value)) {}  // NOLINT(google-explicit-constructor)
  template <class U>
  requires(std::constructible_from<T, U&&> && !std::same_as<std::remove_cvref_t<U>, Required> &&
           !std::same_as<std::remove_cvref_t<U>, T>) Required(U&& value)
      : value_(std::forward<U>(value)) {}  // NOLINT(google-explicit-constructor)

  [[nodiscard]] const T& get() const noexcept { return value_; }
  [[nodiscard]] T& get() noexcept { return value_; }
  operator const T&() const noexcept { return value_; }  // NOLINT(google-explicit-constructor)
  const T& operator*() const noexcept { return value_; }
  const T* operator->() const noexcept { return &value_; }
  friend bool operator==(const Required& a, const Required& b) { return a.value_ == b.value_; }

 private:
  T value_;
};

}  // namespace jsii

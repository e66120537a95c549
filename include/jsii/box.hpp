// Structs that contain each other (A has a field of type B, B one of type A) cannot both hold the other by
// value: one field holds it in a Box. Reads like the value: `*field`, `field->member`, `field.get()`.
#pragma once

#include <memory>
#include <utility>

namespace jsii {

template <class T>
class Box {
 public:
  Box(T value) : value_(std::make_unique<T>(std::move(value))) {}  // NOLINT(google-explicit-constructor)
  Box(const Box& other) : value_(std::make_unique<T>(*other.value_)) {}
  Box(Box&& other) noexcept = default;
  Box& operator=(const Box& other) {
    if (this != &other) value_ = std::make_unique<T>(*other.value_);
    return *this;
  }
  Box& operator=(Box&& other) noexcept = default;
  ~Box() = default;

  [[nodiscard]] const T& get() const noexcept { return *value_; }
  friend bool operator==(const Box& a, const Box& b) { return *a.value_ == *b.value_; }
  const T& operator*() const noexcept { return *value_; }
  const T* operator->() const noexcept { return value_.get(); }

 private:
  std::unique_ptr<T> value_;
};

/// The value, boxed or not (generated conversions between structs that box a field differently).
template <class T>
const T& unbox(const T& value) noexcept {
  return value;
}
template <class T>
const T& unbox(const Box<T>& value) noexcept {
  return value.get();
}

}  // namespace jsii

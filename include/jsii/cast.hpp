// Down-casting handles, and keeping C++ implementations alive for as long as JS may call them.
#pragma once

#include <jsii/object.hpp>
#include <memory>
#include <optional>
#include <string_view>
#include <utility>

namespace jsii {
namespace detail {
/// Whether the kernel object is an instance of the jsii type `fqn` (class, subclass or interface).
bool is_instance(const Object& object, std::string_view fqn);
/// Keeps `object` alive until the process ends.
void retain(std::shared_ptr<Object> object);
}  // namespace detail

/// The object as the generated type `T` when it is one (its class is `T`, derives from it, or implements it),
/// else `std::nullopt`. Like TypeScript's `instanceof`, with the class hierarchy of the generated bindings.
template <class T>
std::optional<T> cast(const Object& object) {
  if (!object || !detail::is_instance(object, T::jsii_fqn)) return std::nullopt;
  return T(FromRef{}, object);
}

/// TypeScript's `new` for C++ implementations JS keeps using (aspects, interface implementations): the object
/// lives until the process ends, so callbacks never find it destroyed.
/// `Aspects::of(stack).add(jsii::make<AddTags>("team", "platform"));`
template <class T, class... Args>
T& make(Args&&... args) {
  auto object = std::make_shared<T>(std::forward<Args>(args)...);
  T& ref = *object;
  detail::retain(std::move(object));
  return ref;
}

}  // namespace jsii

// Down-casting handles, and keeping C++ implementations alive for as long as JS may call them.
#pragma once

#include <jsii/object.hpp>
#include <memory>
#include <optional>
#include <string_view>
#include <type_traits>
#include <utility>

namespace jsii {
namespace detail {
/// Whether the kernel object is an instance of the jsii type `fqn` (class, subclass or interface).
bool is_instance(const Object& object, std::string_view fqn);
/// Keeps `object` alive until the process ends.
void retain(std::shared_ptr<Object> object);
/// `object`, from now on known to the kernel as implementing the jsii type `fqn` too.
Object with_interface(const Object& object, std::string_view fqn);
}  // namespace detail

/// The object as the generated type `T` when it is one (its class is `T`, derives from it, or implements it),
/// else `std::nullopt`. Like TypeScript's `instanceof`, with the class hierarchy of the generated bindings.
template <class T>
std::optional<T> cast(const Object& object) {
  if (!object || !detail::is_instance(object, T::jsii_fqn)) return std::nullopt;
  return T(FromRef{}, object);
}

/// The object as the generated type `T`, unchecked: Go's `UnsafeCast`, for objects JS hands over with no type
/// information (an object literal returned as `any` that has an interface's members). Calls through the
/// handle name `T` to the kernel, which then finds the members on the literal; a `T` the object does not fit
/// fails at the first call, with the kernel's error. Prefer `jsii::cast` for objects with a jsii type.
template <class T>
T unsafe_cast(const Object& object) {
  return T(FromRef{}, detail::with_interface(object, T::jsii_fqn));
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

/// A C++ callable as the generated interface `I`, for interfaces whose implementations write one method
/// (producers, validations, aspects): `cdk::Lazy::string(jsii::implement<cdk::IStableStringProducer>(
/// [=] { return name; }))`. Like `jsii::make`, the object lives until the process ends, because JS may call
/// it as late as `synth()`: capture by value what may be gone by then.
template <class I, class F>
I& implement(F&& callable) {
  return make<typename I::template jsii_callable<std::decay_t<F>>>(std::forward<F>(callable));
}

}  // namespace jsii

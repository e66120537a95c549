// Handles on kernel objects, without the JSON machinery: what every generated header includes.
//
// A `jsii::Object` is a cheap, copyable handle. Copies share one identity (`==` compares it). Objects made by
// the generated bindings carry a C++ side too: the C++ object whose constructor made them (the "owner"),
// which JS calls back into when a C++ class overrides members (see docs/bindings.md, "Subclassing").
#pragma once

#include <chrono>
#include <memory>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace jsii {

/// A reference to an object that lives in the kernel: `{"$jsii.byref":"<fqn>@<n>","$jsii.interfaces":[...]}`.
struct ObjRef {
  std::string id;                         ///< e.g. `aws-cdk-lib.aws_s3.Bucket@10003`
  std::vector<std::string> interfaces{};  ///< extra interfaces the object is known to implement

  /// The FQN part of the id (before the last `@`): `aws-cdk-lib.aws_s3.Bucket`, or `Object`.
  [[nodiscard]] std::string_view fqn() const;
  [[nodiscard]] bool empty() const noexcept { return id.empty(); }
  friend bool operator==(const ObjRef& a, const ObjRef& b) noexcept { return a.id == b.id; }
};

/// jsii `Date`: milliseconds since the epoch, UTC.
using Date = std::chrono::time_point<std::chrono::system_clock, std::chrono::milliseconds>;

class HostObject;
class Kernel;

namespace detail {
struct TypeInfo;
struct Access;
/// `T`, spelled as depending on `D`: in a template, checks that need `T` complete wait for instantiation.
template <class D, class T>
struct dependent {
  using type = T;
};
template <class D, class T>
using dependent_t = typename dependent<D, T>::type;
}  // namespace detail

/// Tag: wrap an existing kernel object (results of calls, `jsii::cast`).
struct FromRef {
  explicit FromRef() = default;
};
/// Tag: construct a handle that refers to nothing yet (generated base-class constructors).
struct NoInit {
  explicit NoInit() = default;
};

/// A handle on a kernel object. Copies share one identity; `==` compares identity.
class Object {
 public:
  Object() = default;
  Object(const Object& other) = default;
  Object& operator=(const Object& other) noexcept;
  // A C++ object JS calls back into must stay where it is: "moving" a handle copies it.
  Object(Object&& other) noexcept : state_(other.state_) {}
  Object& operator=(Object&& other) noexcept { return *this = static_cast<const Object&>(other); }
  /// Finishes a deferred construction this object still owns. Never throws: a JS error from that
  /// construction is raised by the next kernel call (docs/bindings.md, "Deferred construction").
  virtual ~Object();

  /// The kernel object, created first if its construction is still deferred (or, for a C++ implementation of
  /// an interface, the first time it is passed to JS).
  [[nodiscard]] const ObjRef& jsii_ref() const;
  [[nodiscard]] explicit operator bool() const noexcept { return static_cast<bool>(state_); }
  [[nodiscard]] HostObject* jsii_host() const;
  friend bool operator==(const Object& a, const Object& b) noexcept { return a.state_ == b.state_; }
  [[nodiscard]] const void* jsii_identity() const noexcept { return state_.get(); }

  struct State;  ///< runtime-internal: the shared identity of a kernel object

 protected:
  explicit Object(NoInit /*unused*/) {}
  Object(FromRef /*unused*/, const Object& other) : state_(other.state_) {}

 private:
  friend class Kernel;
  friend struct detail::Access;
  explicit Object(std::shared_ptr<State> state) : state_(std::move(state)) {}
  std::shared_ptr<State> state_;
};

/// The jsii interfaces a generated class implements (its own and inherited, transitively), so a handle
/// converts to any of them: `using jsii_interfaces = jsii::Interfaces<IBucket, IResource, ...>;`. A generated
/// interface lists the interfaces it extends as `jsii_interface_bases`: a C++ class deriving from a generated
/// class and a generated interface (`class Service : public Construct, public IConnectable`) inherits one
/// list of each, and converts to everything either part implements.
template <class... I>
struct Interfaces {};

namespace detail {
template <class List, class I>
struct lists : std::false_type {};
template <class... T, class I>
struct lists<Interfaces<T...>, I> : std::bool_constant<(std::is_same_v<T, I> || ...)> {};

template <class U, class I>
concept lists_interface = requires {
  typename U::jsii_interfaces;
}
&&lists<typename U::jsii_interfaces, I>::value;
template <class U, class I>
concept lists_interface_base = requires {
  typename U::jsii_interface_bases;
}
&&lists<typename U::jsii_interface_bases, I>::value;
}  // namespace detail

/// `U` (a generated class or interface, or a C++ class derived from them) implements the jsii interface `I`.
template <class U, class I>
concept Implements = detail::lists_interface<U, I> || detail::lists_interface_base<U, I>;

}  // namespace jsii

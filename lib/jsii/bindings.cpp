// The runtime side of the generated bindings: deferred construction, C++ overrides and implementations,
// member calls, assembly loading and the type hierarchy behind jsii::cast.
#include <algorithm>
#include <cstring>
#include <fstream>
#include <iostream>
#include <jsii/bindings.hpp>
#include <map>
#include <mutex>
#include <set>
#include <sstream>
#include <utility>

#include "bindings_shared.hpp"
#include "kernel_shared.hpp"
#include "wire_json.hpp"

namespace jsii {
namespace detail {
namespace {

/// Forwards the kernel's callbacks for a generated object to its C++ owner: to the generated class's
/// dispatch, or, for members of a generated interface the same C++ object also implements, to that one's.
class GeneratedHost final : public HostObject {
 public:
  GeneratedHost(Object::State& state, std::map<std::string, std::size_t, std::less<>> facet_of)
      : state_(state), facet_of_(std::move(facet_of)) {}

  Json jsii_invoke(const std::string& /*cookie*/, const std::string& method, const Json& args) override {
    return take_json(call(Call{false, false, method, view_of(args)}));
  }
  Json jsii_get(const std::string& /*cookie*/, const std::string& property) override {
    static const Json no_args = Json::array();
    return take_json(call(Call{true, false, property, view_of(no_args)}));
  }
  void jsii_set(const std::string& /*cookie*/, const std::string& property, const Json& value) override {
    (void)call(Call{true, true, property, view_of(value)});
  }

 private:
  Wire call(const Call& c) {
    if (state_.self == nullptr) {
      throw Error("JS called " + c.name + " on " + state_.ref.id + ", whose C++ object (" +
                  std::string(state_.type->fqn) +
                  " or a subclass) was already destroyed; keep C++ objects that override members alive while "
                  "JS may call them (for example until app.synth()), or create them with jsii::make");
    }
    const auto it = facet_of_.find(c.name);
    if (it != facet_of_.end() && it->second < state_.facets.size()) {
      const auto& facet = state_.facets[it->second];
      return facet.type->dispatch(facet.self, c);
    }
    return state_.type->dispatch(state_.self, c);
  }
  Object::State& state_;
  std::map<std::string, std::size_t, std::less<>> facet_of_;  ///< member name -> index in state_.facets
};

/// Whether `self` is (part of) an object of a C++ class derived from the generated type `type`: a plain
/// object of that type has the vtable of the type's own instance, the probe.
bool derived_in_cpp(const TypeInfo& type, const void* self) {
  return *static_cast<const void* const*>(self) != *static_cast<const void* const*>(type.probe());
}

bool declares(const std::vector<Override>& overrides, std::string_view name) {
  return std::any_of(overrides.begin(), overrides.end(), [&](const Override& o) { return o.name == name; });
}

/// Appends the members `self` (an instance of the generated type `type`, or of a C++ class derived from it)
/// overrides; a C++ subclass that leaves an abstract member (or a required interface member) out is an error.
void collect_overrides(const TypeInfo& type, const void* self, std::vector<Override>& out) {
  const std::size_t first = out.size();
  if (derived_in_cpp(type, self)) type.collect(self, type.probe(), out);
  std::string missing;
  for (const auto member : type.abstract_members) {
    const bool found = std::any_of(out.begin() + static_cast<std::ptrdiff_t>(first), out.end(),
                                   [&](const Override& o) { return o.name == member; });
    if (!found) missing += (missing.empty() ? "" : ", ") + std::string(member);
  }
  if (!missing.empty()) {
    throw Error("the C++ class derived from " + std::string(type.fqn) + " must override " + missing +
                (type.is_interface ? " (required members of the interface)" : " (abstract in jsii)"));
  }
}

/// The most-derived C++ object `object` is part of (null once its owner is gone).
const void* whole_object(const Object* object) {
  return object == nullptr ? nullptr : dynamic_cast<const void*>(object);
}

/// C++ implementations of generated interfaces, not created yet, that are parts of the same C++ object as
/// `state` (`class Service : public Construct, public IConnectable`): they become facets of its kernel
/// object.
std::vector<std::shared_ptr<Object::State>> sibling_implementations(BindingsShared& shared,
                                                                    const Object::State& state) {
  std::vector<std::shared_ptr<Object::State>> out;
  const void* whole = whole_object(state.owner);
  auto& list = shared.implementations;
  for (auto it = list.begin(); it != list.end();) {
    auto candidate = it->lock();
    if (!candidate || candidate->owner == nullptr || !candidate->ref.empty()) {
      it = list.erase(it);
      continue;
    }
    if (whole != nullptr && whole_object(candidate->owner) == whole) {
      out.push_back(std::move(candidate));
      it = list.erase(it);
      continue;
    }
    ++it;
  }
  return out;
}

}  // namespace

void Access::create_now(Kernel& kernel, const std::shared_ptr<Object::State>& shared_state) {
  Object::State& state = *shared_state;
  const bool implementation = !state.pending;
  if (implementation) state.type->load();  // a C++ implementation may be the first use of its assembly
  state.pending = false;
  CreateOptions options;
  std::map<std::string, std::size_t, std::less<>> facet_of;
  std::vector<std::shared_ptr<Object::State>> siblings;
  try {
    if (state.self != nullptr) collect_overrides(*state.type, state.self, options.overrides);
    if (!implementation && state.self != nullptr && derived_in_cpp(*state.type, state.self))
      siblings = sibling_implementations(bindings_of(kernel), state);
    for (const auto& sibling : siblings) {
      std::vector<Override> more;
      collect_overrides(*sibling->type, sibling->self, more);
      for (auto& o : more) {
        // A member both parts declare has one C++ final overrider: declared once, served by the class part.
        if (declares(options.overrides, o.name)) continue;
        facet_of.emplace(o.name, state.facets.size());
        options.overrides.push_back(std::move(o));
      }
      options.interfaces.emplace_back(sibling->type->fqn);
      state.facets.push_back({sibling->type, sibling->self});
    }
  } catch (const Error& e) {
    state.failure = e.what();
    throw;
  }
  if (!options.overrides.empty()) {
    state.adapter = std::make_unique<GeneratedHost>(state, std::move(facet_of));
    options.host = state.adapter.get();
  }
  std::string fqn(state.type->fqn);
  if (implementation) {
    options.interfaces.push_back(fqn);
    fqn = "Object";
  }
  Json args = std::move(state.args);
  state.args = Json();
  try {
    // The state itself is registered under the new id, so every handle already made sees the object.
    (void)Access::create(kernel, fqn, std::move(args), options, shared_state);
  } catch (const std::exception& e) {
    state.failure = e.what();
    throw;
  }
  // The interface parts now stand for the same kernel object: their handles share its identity.
  for (const auto& sibling : siblings) {
    sibling->ref = state.ref;
    auto& owned = state_of(*const_cast<Object*>(sibling->owner));  // NOLINT: our own object, made non-const
    sibling->owner = nullptr;
    sibling->self = nullptr;
    owned = shared_state;
  }
}

namespace {

// Before every request: a construction that failed in a destructor fails this request, then the deferred
// constructions happen, in order, so JS sees what TypeScript would have done.
void before_request(Kernel& kernel) {
  auto& bindings = bindings_of(kernel);
  if (bindings.flushing) return;
  if (bindings.deferred_failure) std::rethrow_exception(std::exchange(bindings.deferred_failure, nullptr));
  Access::flush(kernel);
}

// A failure nobody asked about (no request followed it) is printed rather than lost.
void at_shutdown(const Kernel& kernel) noexcept {
  const auto& bindings = Access::shared_of(kernel).bindings;
  if (!bindings || !bindings->deferred_failure) return;
  try {
    std::rethrow_exception(bindings->deferred_failure);
  } catch (const std::exception& e) {
    std::cerr << "jsii: a construction failed and no later call reported it: " << e.what() << "\n";
  } catch (...) {
    std::cerr << "jsii: a construction failed and no later call reported it\n";
  }
}

}  // namespace

BindingsShared& bindings_of(const Kernel& kernel) {
  auto& shared = Access::shared_of(kernel);
  if (!shared.bindings) {
    shared.bindings = std::make_shared<BindingsShared>();
    shared.before_request = &before_request;
    shared.at_shutdown = &at_shutdown;
  }
  return *shared.bindings;
}

void Access::realize(Kernel& kernel, const std::shared_ptr<Object::State>& state) {
  const std::lock_guard lock(Access::shared_of(kernel).mutex);
  auto& shared = bindings_of(kernel);
  if (!state->ref.empty()) return;
  if (!state->failure.empty()) {
    throw Error("this " + std::string(state->type != nullptr ? state->type->fqn : "object") +
                " could not be created earlier: " + state->failure);
  }
  if (state->pending) {
    // Everything constructed before it goes first, in order.
    while (state->pending && !shared.pending.empty()) {
      auto next = shared.pending.front();
      shared.pending.pop_front();
      if (next->pending) {
        struct Flag {
          bool& flag;
          bool old;
          ~Flag() { flag = old; }
        } flag{shared.flushing, shared.flushing};
        shared.flushing = true;
        create_now(kernel, next);
      }
    }
    return;
  }
  if (state->self != nullptr && state->type != nullptr && state->type->is_interface) {
    // Deferred constructions first (as before any request): one of them may be the class part of the same
    // C++ object, which takes this implementation in (then it has the class's id).
    kernel.flush_pending();
    if (state->ref.empty()) create_now(kernel, state);
    return;
  }
  throw Error("this jsii::Object handle refers to no kernel object");
}

}  // namespace detail

void Kernel::flush_pending() {
  const std::lock_guard lock(shared_->mutex);
  auto& bindings = detail::bindings_of(*this);
  if (bindings.flushing) return;
  while (!bindings.pending.empty()) {
    const auto next = bindings.pending.front();  // a copy: realize pops it from the queue
    detail::Access::realize(*this, next);
  }
}

namespace detail {

void construct(Object& object, void* self, const TypeInfo& type, Wire args) {
  type.load();
  auto state = std::make_shared<Object::State>();
  state->owner = &object;
  state->self = self;
  state->type = &type;
  state->pending = true;
  state->args = take_json(std::move(args));
  const auto& kernel = Kernel::instance();
  const std::lock_guard lock(Access::shared_of(kernel).mutex);
  bindings_of(kernel).pending.push_back(state);
  Access::state_of(object) = std::move(state);
}

void implement(Object& object, void* self, const TypeInfo& type) {
  auto state = std::make_shared<Object::State>();
  state->owner = &object;
  state->self = self;
  state->type = &type;
  const auto& kernel = Kernel::instance();
  {
    const std::lock_guard lock(Access::shared_of(kernel).mutex);
    bindings_of(kernel).implementations.push_back(state);
  }
  Access::state_of(object) = std::move(state);
}

const void* vtable_entry(const void* object, const void* member_pointer, std::size_t size) {
  // Itanium C++ ABI member function pointer: {ptr, adj}. x86-64: virtual when ptr is odd, vtable offset
  // ptr - 1. ARM (32 and 64 bit): virtual when adj is odd, offset ptr, this-adjustment adj >> 1.
  struct Representation {
    std::uintptr_t ptr;
    std::ptrdiff_t adj;
  } rep{};
  if (size != sizeof rep) return nullptr;
  std::memcpy(&rep, member_pointer, sizeof rep);
#if defined(__arm__) || defined(__aarch64__)
  const bool is_virtual = (rep.adj & 1) != 0;
  const std::uintptr_t offset = rep.ptr;
  const std::ptrdiff_t adjust = rep.adj >> 1;
#else
  const bool is_virtual = (rep.ptr & 1) != 0;
  const std::uintptr_t offset = rep.ptr - 1;
  const std::ptrdiff_t adjust = rep.adj;
#endif
  if (!is_virtual) return reinterpret_cast<const void*>(rep.ptr);  // NOLINT: ABI representation
  const auto* base = static_cast<const char*>(object) + adjust;
  const char* vtable = nullptr;
  std::memcpy(&vtable, base, sizeof vtable);
  const void* entry = nullptr;
  std::memcpy(&entry, vtable + offset, sizeof entry);
  return entry;
}

void add_override(std::vector<Override>& out, bool property, std::string_view name) {
  // The collect functions of a class chain each see a member redeclared along it (Shape.label and
  // Square.label): declare it once, the kernel refuses duplicates.
  if (declares(out, name)) return;
  out.push_back(property ? Override::property(std::string(name)) : Override::method(std::string(name)));
}

namespace {
/// A property value to send: undefined (an unset optional) clears the property.
Json property_value(Wire value) {
  Json json = take_json(std::move(value));
  if (is_undefined(json)) json = nullptr;
  return json;
}
}  // namespace

Wire get(const Object& self, std::string_view name) {
  return make_wire(Kernel::instance().get(self.jsii_ref(), name));
}
void set(const Object& self, std::string_view name, Wire value) {
  Kernel::instance().set(self.jsii_ref(), name, property_value(std::move(value)));
}
Wire invoke(const Object& self, std::string_view name, Wire args) {
  return make_wire(Kernel::instance().invoke(self.jsii_ref(), name, take_json(std::move(args))));
}
Wire invoke_async(const Object& self, std::string_view name, Wire args) {
  return make_wire(Kernel::instance().invoke_async(self.jsii_ref(), name, take_json(std::move(args))));
}
Wire sget(const TypeInfo& type, std::string_view name) {
  type.load();
  return make_wire(Kernel::instance().sget(type.fqn, name));
}
void sset(const TypeInfo& type, std::string_view name, Wire value) {
  type.load();
  Kernel::instance().sset(type.fqn, name, property_value(std::move(value)));
}
Wire sinvoke(const TypeInfo& type, std::string_view name, Wire args) {
  type.load();
  return make_wire(Kernel::instance().sinvoke(type.fqn, name, take_json(std::move(args))));
}

void unknown_member(const TypeInfo& type, const Call& call) {
  throw Error("JS called " + std::string(call.property ? "property " : "method ") + call.name + " of " +
              std::string(type.fqn) + ", which the C++ bindings do not know");
}

WireView arg(WireView args, std::size_t index) { return args[index]; }

Wire rest(WireView args, std::size_t index) {
  Json out = Json::array();
  const Json& all = json_of(args);
  for (std::size_t i = index; all.is_array() && i < all.size(); ++i) out.push_back(all[i]);
  return make_wire(std::move(out));
}

Wire omit_if_empty(Wire struct_value) {
  const Json& json = WireAccess::json(struct_value);
  const auto it = json.find("$jsii.struct");
  if (it != json.end() && it->contains("data") && (*it)["data"].empty()) return Wire();
  return struct_value;
}

// --- the type hierarchy, for jsii::cast
// ------------------------------------------------------------------------

namespace {

struct Hierarchy {
  std::mutex mutex;
  std::map<std::string, std::string, std::less<>> files;  // assembly -> types file, not yet read
  std::map<std::string, std::vector<std::string>, std::less<>> supertypes;  // fqn -> direct base + interfaces
};

Hierarchy& hierarchy() {
  static Hierarchy* instance = new Hierarchy();  // NOLINT: never destroyed; used until exit
  return *instance;
}

void read_pending_files(Hierarchy& h) {
  for (const auto& [assembly, file] : h.files) {
    std::ifstream in(file);
    if (!in)
      throw Error("the jsii type list of " + assembly + " (" + file +
                  ") cannot be read; rebuild the bindings");
    std::string line;
    while (std::getline(in, line)) {
      std::istringstream fields(line);
      std::string fqn;
      std::string super;
      fields >> fqn;
      auto& list = h.supertypes[fqn];
      while (fields >> super) list.push_back(super);
    }
  }
  h.files.clear();
}

}  // namespace

void load_assembly(std::string_view name, std::string_view version, std::string_view tarball,
                   std::string_view types_file) {
  {
    auto& h = hierarchy();
    const std::lock_guard lock(h.mutex);
    static std::set<std::string, std::less<>> registered;
    if (registered.insert(std::string(name)).second)
      h.files.emplace(std::string(name), std::string(types_file));
  }
  auto& kernel = Kernel::instance();
  if (!kernel.try_load_package(name)) (void)kernel.load(name, version, tarball);
}

bool is_instance(const Object& object, std::string_view fqn) {
  const ObjRef& ref = object.jsii_ref();
  std::vector<std::string> todo(ref.interfaces);
  todo.emplace_back(ref.fqn());
  auto& h = hierarchy();
  const std::lock_guard lock(h.mutex);
  if (!h.files.empty()) read_pending_files(h);
  std::set<std::string, std::less<>> seen;
  while (!todo.empty()) {
    std::string type = std::move(todo.back());
    todo.pop_back();
    if (type == fqn) return true;
    if (!seen.insert(type).second) continue;
    const auto it = h.supertypes.find(type);
    if (it != h.supertypes.end()) todo.insert(todo.end(), it->second.begin(), it->second.end());
  }
  return false;
}

Object with_interface(const Object& object, std::string_view fqn) {
  if (!object) throw Error("jsii::unsafe_cast of an empty handle");
  (void)object.jsii_ref();  // exists in the kernel
  const std::lock_guard lock(Access::shared_of(Kernel::instance()).mutex);
  auto& interfaces = Access::state_of(object)->ref.interfaces;
  if (std::ranges::find(interfaces, fqn) == interfaces.end()) interfaces.emplace_back(fqn);
  return object;
}

void retain(std::shared_ptr<Object> object) {
  static std::mutex mutex;
  static auto* kept = new std::vector<std::shared_ptr<Object>>();  // NOLINT: alive until exit, on purpose
  const std::lock_guard lock(mutex);
  kept->push_back(std::move(object));
}

// --- marshalling
// -------------------------------------------------------------------------------------------------

void wrong_value(std::string_view expected, WireView got) {
  std::string text = got.dump();
  if (text.size() > 200) {
    text.resize(200);
    text += "...";
  }
  throw Error("expected " + std::string(expected) + " from JS, got " + text);
}

namespace {
/// A string, number or boolean read from `value`, which `Marshal<T>::accepts` checked (`accepted`).
template <class T>
T primitive_from(WireView value, bool accepted, std::string_view expected) {
  if (!accepted) wrong_value(expected, value);
  return json_of(value).get<T>();
}
}  // namespace

Wire Marshal<std::string>::to(const std::string& value) { return make_wire(value); }
std::string Marshal<std::string>::from(WireView value) {
  return primitive_from<std::string>(value, accepts(value), "a string");
}
bool Marshal<std::string>::accepts(WireView value) { return json_of(value).is_string(); }

Wire Marshal<double>::to(double value) { return make_wire(value); }
double Marshal<double>::from(WireView value) {
  return primitive_from<double>(value, accepts(value), "a number");
}
bool Marshal<double>::accepts(WireView value) { return json_of(value).is_number(); }

Wire Marshal<bool>::to(bool value) { return make_wire(value); }
bool Marshal<bool>::from(WireView value) { return primitive_from<bool>(value, accepts(value), "a boolean"); }
bool Marshal<bool>::accepts(WireView value) { return json_of(value).is_boolean(); }

Wire Marshal<Date>::to(Date value) { return make_wire(wire::date(value)); }
Date Marshal<Date>::from(WireView value) { return wire::as_date(json_of(value)); }
bool Marshal<Date>::accepts(WireView value) { return wire::is_date(json_of(value)); }

Wire Marshal<Any>::to(const Any& value) {
  // Objects inside `any` need no $jsii.map wrapper: the kernel reads plain objects as maps.
  return make_wire(Access::any_value(value));
}
Any Marshal<Any>::from(WireView value) {
  if (value.is_undefined()) return {};
  return any_from_json(wire::as_plain_json(json_of(value)));
}

Wire object_to(const Object& value) { return make_wire(wire::byref(value.jsii_ref())); }

bool is_ref(WireView value) { return wire::is_byref(json_of(value)); }

bool is_instance_ref(WireView value, std::string_view fqn) {
  return is_ref(value) && is_instance(Kernel::instance().object(json_of(value)), fqn);
}

Object object_from(WireView value, std::string_view expected) {
  if (!is_ref(value)) wrong_value("an object of type " + std::string(expected), value);
  return Kernel::instance().object(json_of(value));
}

Wire enum_to(std::string_view fqn, std::span<const std::string_view> members, std::size_t index) {
  if (index >= members.size()) {
    throw Error("invalid value " + std::to_string(index) + " for enum " + std::string(fqn));
  }
  return make_wire(wire::enum_value(fqn, members[index]));
}

std::size_t enum_from(std::string_view fqn, std::span<const std::string_view> members, WireView value) {
  const EnumRef ref = wire::as_enum(json_of(value));
  if (ref.fqn == fqn) {
    for (std::size_t i = 0; i < members.size(); ++i) {
      if (members[i] == ref.member) return i;
    }
  }
  throw Error("JS returned " + ref.fqn + "/" + ref.member + " where the enum " + std::string(fqn) +
              " was expected (are the bindings older than the package?)");
}

bool enum_accepts(std::string_view fqn, WireView value) {
  const Json& json = json_of(value);
  if (!wire::is_enum(json)) return false;
  return wire::as_enum(json).fqn == fqn;
}

void StructWriter::put(const char* name, Wire value) {
  if (!WireView(value).is_undefined()) data_.set(name, std::move(value));
}

Wire StructWriter::done(std::string_view fqn) {
  return make_wire(wire::struct_value(fqn, take_json(std::move(data_))));
}

StructReader::StructReader(WireView value, std::string_view fqn) : fqn_(fqn) {
  const Json& json = json_of(value);
  if (wire::is_byref(json)) {
    // Read as the struct type asked for, whatever interface the kernel labelled the object with.
    object_ = ObjRef{wire::as_byref(json).id, {std::string(fqn)}};
  } else if (wire::is_struct(json)) {
    data_ = make_wire(json["$jsii.struct"].value("data", Json::object()));
  } else if (json.is_object()) {
    data_ = make_wire(wire::as_map(json));
  } else {
    wrong_value("a struct " + std::string(fqn), value);
  }
}

Wire StructReader::raw(const char* name) const {
  if (object_) return make_wire(Kernel::instance().get(*object_, name));
  const Json& data = WireAccess::json(data_);
  const auto it = data.find(name);
  return it == data.end() ? Wire() : make_wire(*it);
}

Wire StructReader::required(const char* name, std::string& why) const {
  const auto unreadable = [&](const Error& e) {
    why = "the required field " + std::string(name) + " of " + std::string(fqn_) +
          " could not be read from the object JS returned: " + e.what();
  };
  Wire value;
  try {
    value = raw(name);
  } catch (const JsError& e) {  // a JS getter that throws
    unreadable(e);
  } catch (const Fault& e) {  // the kernel refuses to read a required property that is undefined
    unreadable(e);
  }  // a dead kernel is not a missing field: KernelDied goes on to the caller
  if (why.empty() && WireView(value).is_absent()) {
    why = "the required field " + std::string(name) + " of " + std::string(fqn_) +
          " is missing from the struct JS returned";
  }
  return value;
}

bool struct_accepts(std::string_view fqn, std::span<const std::string_view> required, WireView value) {
  const Json& json = json_of(value);
  if (wire::is_struct(json)) return json["$jsii.struct"].value("fqn", "") == fqn;
  if (wire::is_enum(json) || wire::is_date(json) || !json.is_object()) return false;
  // A union of structs returned by JS arrives labelled with its first alternative, or as a plain object:
  // the alternative is the one whose required fields are there.
  const StructReader reader(value, fqn);
  std::string why;
  for (const auto field : required) {
    (void)reader.required(std::string(field).c_str(), why);
    if (!why.empty()) return false;
  }
  return true;
}

void throw_missing_field(const std::string& why) { throw Error(why); }

}  // namespace detail
}  // namespace jsii

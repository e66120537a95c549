// jsii::Kernel, part 2 of 3: one request and its answer, serving the kernel's callbacks in between; the
// request kinds (create, get, set, invoke, ...) built on it.
#include <chrono>
#include <cstdio>
#include <iostream>
#include <jsii/host_object.hpp>
#include <jsii/kernel.hpp>

#include "kernel_session.hpp"
#include "kernel_shared.hpp"
#include "protocol.hpp"

namespace jsii {
namespace {

using namespace std::chrono_literals;
using detail::CallbackRequest;
using detail::join_lines;

std::string describe_call(std::string_view verb, std::string_view target, std::string_view member = {}) {
  std::string call(verb);
  call.push_back(' ');
  call.append(target);
  if (!member.empty()) {
    call.push_back('.');
    call.append(member);
  }
  return call;
}

/// `create aws-cdk-lib.aws_s3.Bucket "Logs"`: a construct's id (its second argument) says which one failed.
std::string describe_create(std::string_view fqn, const Json& args) {
  std::string call = describe_call("create", fqn);
  if (args.is_array() && args.size() >= 2 && wire::is_byref(args[0]) && args[1].is_string()) {
    call += " " + args[1].dump();
  }
  return call;
}

/// Runs the C++ side of a callback and returns the `complete` body: `{cbid, result}`, or `{cbid, err, name}`
/// when it threw (the first such exception is kept in `first_failure`, to become the JS error's cause).
Json answer_callback(Kernel& kernel, detail::KernelProfile& profile, const CallbackRequest& callback,
                     std::exception_ptr& first_failure) {
  const auto started = detail::KernelProfile::Clock::now();
  struct Timed {
    detail::KernelProfile& profile;
    detail::KernelProfile::Clock::time_point started;
    ~Timed() { profile.callback_done(started); }
  } timed{profile, started};
  Json complete{{"cbid", callback.cbid}};
  try {
    HostObject* host = kernel.host_of(callback.target);
    if (host == nullptr) {
      throw Error("no live C++ object implements " + callback.target.id +
                  " (it was destroyed, or was never registered)");
    }
    Json result = undefined();
    switch (callback.kind) {
      case CallbackRequest::Kind::invoke:
        result = host->jsii_invoke(callback.cookie, callback.member, callback.args);
        break;
      case CallbackRequest::Kind::get:
        result = host->jsii_get(callback.cookie, callback.member);
        break;
      case CallbackRequest::Kind::set:
        host->jsii_set(callback.cookie, callback.member, callback.args);
        break;
    }
    if (!is_undefined(result)) complete["result"] = std::move(result);
  } catch (const KernelDied&) {
    throw;  // nothing to answer
  } catch (const std::exception& e) {
    complete["err"] = e.what();
    if (dynamic_cast<const Fault*>(&e) != nullptr) complete["name"] = "@jsii/kernel.Fault";
    if (!first_failure) first_failure = std::current_exception();
  } catch (...) {
    complete["err"] = "a C++ callback threw an exception that is not a std::exception";
    if (!first_failure) first_failure = std::current_exception();
  }
  return complete;
}

}  // namespace

Json Kernel::exchange(Json request, std::string_view call) {
  const std::lock_guard lock(shared_->mutex);
  start();
  // The layer above runs first (the bindings create what they deferred), but not for its own requests.
  if (shared_->before_request != nullptr && !shared_->in_before_request) {
    struct Guard {
      bool& flag;
      ~Guard() { flag = false; }
    } guard{shared_->in_before_request};
    shared_->in_before_request = true;
    shared_->before_request(*this);
  }
  auto& s = *session_;
  auto& process = *s.process;

  // The kernel writes JS console output straight to our stdout: flush what C++ printed first, to keep order.
  std::cout.flush();
  std::fflush(stdout);

  auto died = [&](std::string_view when) -> KernelDied {
    const auto exit = process.wait_for(2s);
    const auto tail = process.stderr_tail();
    s.state = detail::KernelSession::State::stopped;
    s.stop_reason = "it ended during `" + std::string(call) + "` (" + exit.describe() + ")";
    if (exit.status < 0) process.kill();
    return KernelDied("the jsii kernel (node, pid " + std::to_string(process.pid()) + ") " +
                          std::string(when) + " `" + std::string(call) + "`: " + exit.describe() +
                          (tail.empty() ? "" : "; its last stderr lines:" + join_lines(tail)),
                      std::string(call), exit.status, tail);
  };

  // Profiling (JSII_CPP_PROFILE): accounted when this request ends, however it ends.
  struct Profiled {
    detail::KernelProfile& profile;
    detail::KernelProfile::Request request;
    ~Profiled() { profile.request_done(request); }
  } profiled{s.profile, s.profile.request_started(request)};

  std::string line;
  try {
    const Json stripped = wire::strip_undefined(std::move(request));
    line = stripped.dump(-1, ' ', false, Json::error_handler_t::strict);
  } catch (const Json::exception& e) {
    throw Error(std::string(call) + ": cannot encode the request (" + e.what() +
                "); strings must be valid UTF-8");
  }
  if (!process.write_line(line)) throw died("ended before it could receive");

  s.host_failures.emplace_back(nullptr);
  struct PopFailure {
    std::vector<std::exception_ptr>& stack;
    ~PopFailure() { stack.pop_back(); }
  } pop{s.host_failures};

  for (;;) {
    const auto reply = process.read_line();
    if (!reply) throw died("ended while serving");
    detail::Response response;
    try {
      response = detail::decode_response(*reply);
    } catch (const Fault& fault) {
      // We no longer know where the stream stands: stop the kernel rather than misread later answers.
      process.kill();
      s.state = detail::KernelSession::State::stopped;
      s.stop_reason = "it sent a malformed message during `" + std::string(call) + "`";
      throw Fault(std::string(call), fault.message());
    }
    if (auto* ok = std::get_if<detail::OkResponse>(&response)) return std::move(ok->value);
    if (auto* error = std::get_if<detail::ErrorResponse>(&response)) {
      if (error->name == "@jsii/kernel.Fault") throw Fault(std::string(call), error->message);
      throw JsError(std::string(call), error->name, error->message, error->stack, s.host_failures.back());
    }
    if (auto* callback = std::get_if<CallbackRequest>(&response)) {
      ++s.sync_callbacks;
      struct Leave {
        int& depth;
        ~Leave() { --depth; }
      } leave{s.sync_callbacks};
      Json complete = answer_callback(*this, s.profile, *callback, s.host_failures.back());
      std::string answer;
      try {
        const Json message{{"complete", wire::strip_undefined(std::move(complete))}};
        answer = message.dump(-1, ' ', false, Json::error_handler_t::replace);
      } catch (const Json::exception& e) {
        answer = Json{{"complete", {{"cbid", callback->cbid}, {"err", e.what()}}}}.dump();
      }
      if (!process.write_line(answer)) throw died("ended before it received the callback result of");
      continue;
    }
    process.kill();
    s.state = detail::KernelSession::State::stopped;
    s.stop_reason = "it repeated its hello";
    throw Fault(std::string(call), "unexpected hello in the middle of a request: " + detail::excerpt(*reply));
  }
}

ObjRef Kernel::create(std::string_view fqn, Json args, const CreateOptions& options) {
  return create_adopting(fqn, std::move(args), options, nullptr);
}

ObjRef Kernel::create_adopting(std::string_view fqn, Json args, const CreateOptions& options,
                               const std::shared_ptr<Object::State>& adopt) {
  Json request{{"api", "create"}, {"fqn", std::string(fqn)}, {"args", std::move(args)}};
  if (!options.interfaces.empty()) request["interfaces"] = options.interfaces;
  if (!options.overrides.empty()) {
    Json overrides = Json::array();
    for (const auto& o : options.overrides) {
      overrides.push_back({{o.kind == Override::Kind::method ? "method" : "property", o.name},
                           {"cookie", o.cookie.empty() ? o.name : o.cookie}});
    }
    request["overrides"] = std::move(overrides);
  }
  const std::lock_guard lock(shared_->mutex);
  const std::string call = describe_create(fqn, request["args"]);
  ObjRef ref = wire::as_byref(exchange(std::move(request), call));
  if (adopt) {
    adopt->ref = ref;
    shared_->objects[ref.id] = adopt;
  }
  if (options.host != nullptr) {
    // Registered before anyone else can see the id: callbacks for it can only come with a later request.
    const Object handle = object(ref);
    handle.state_->host = options.host;
    options.host->ref_ = ref;
    options.host->kernel_ = shared_;
  }
  return ref;
}

void Kernel::del(const ObjRef& object) {
  const std::lock_guard lock(shared_->mutex);
  (void)exchange(Json{{"api", "del"}, {"objref", wire::byref(object)}}, describe_call("del", object.id));
  shared_->objects.erase(object.id);
}

Json Kernel::get(const ObjRef& object, std::string_view property) {
  Json ok =
      exchange(Json{{"api", "get"}, {"objref", wire::byref(object)}, {"property", std::string(property)}},
               describe_call("get", object.id, property));
  return ok.contains("value") ? std::move(ok["value"]) : undefined();
}

void Kernel::set(const ObjRef& object, std::string_view property, Json value) {
  (void)exchange(Json{{"api", "set"},
                      {"objref", wire::byref(object)},
                      {"property", std::string(property)},
                      {"value", std::move(value)}},
                 describe_call("set", object.id, property));
}

Json Kernel::sget(std::string_view fqn, std::string_view property) {
  Json ok = exchange(Json{{"api", "sget"}, {"fqn", std::string(fqn)}, {"property", std::string(property)}},
                     describe_call("sget", fqn, property));
  return ok.contains("value") ? std::move(ok["value"]) : undefined();
}

void Kernel::sset(std::string_view fqn, std::string_view property, Json value) {
  (void)exchange(Json{{"api", "sset"},
                      {"fqn", std::string(fqn)},
                      {"property", std::string(property)},
                      {"value", std::move(value)}},
                 describe_call("sset", fqn, property));
}

Json Kernel::invoke(const ObjRef& object, std::string_view method, Json args) {
  Json ok = exchange(Json{{"api", "invoke"},
                          {"objref", wire::byref(object)},
                          {"method", std::string(method)},
                          {"args", std::move(args)}},
                     describe_call("invoke", object.id, method));
  return ok.contains("result") ? std::move(ok["result"]) : undefined();
}

Json Kernel::sinvoke(std::string_view fqn, std::string_view method, Json args) {
  Json ok = exchange(Json{{"api", "sinvoke"},
                          {"fqn", std::string(fqn)},
                          {"method", std::string(method)},
                          {"args", std::move(args)}},
                     describe_call("sinvoke", fqn, method));
  return ok.contains("result") ? std::move(ok["result"]) : undefined();
}

Json Kernel::invoke_async(const ObjRef& object, std::string_view method, Json args) {
  const std::lock_guard lock(shared_->mutex);
  const std::string call = describe_call("begin", object.id, method);
  if (session_->sync_callbacks > 0) {
    // The kernel would refuse `begin` here; say why in C++ terms instead of quoting its Fault.
    throw NotSupported(
        call +
        ": an async method cannot be called from C++ code that JS is calling synchronously (a "
        "callback or override JS is waiting for): JS cannot run the promise until that callback "
        "returns. Call it before or after the JS call that runs this callback.");
  }
  const Json begun = exchange(Json{{"api", "begin"},
                                   {"objref", wire::byref(object)},
                                   {"method", std::string(method)},
                                   {"args", std::move(args)}},
                              call);
  const auto id = begun.find("promiseid");
  if (id == begun.end() || !id->is_string()) throw Fault(call, "no promiseid in " + begun.dump());
  const std::string promise = id->get<std::string>();

  // Serve the async overrides the promise awaits, until JS has none pending, as jsii's Python runtime does.
  // The kernel lets pending promises run before it answers `begin` and `complete`, so an empty list means the
  // promise no longer waits on us (a JS timer it waits for is served by `end` itself).
  std::exception_ptr first_failure;
  for (;;) {
    const Json pending = exchange(Json{{"api", "callbacks"}}, "callbacks for " + call);
    const auto list = pending.find("callbacks");
    if (list == pending.end() || !list->is_array())
      throw Fault(call, "no callbacks list in " + pending.dump());
    if (list->empty()) break;
    for (const auto& entry : *list) {
      const detail::CallbackRequest callback = detail::decode_callback(entry, entry.dump());
      Json complete = answer_callback(*this, session_->profile, callback, first_failure);
      complete["api"] = "complete";
      (void)exchange(std::move(complete), "complete " + callback.cbid + " for " + call);
    }
  }
  try {
    Json ok = exchange(Json{{"api", "end"}, {"promiseid", promise}}, describe_call("end", object.id, method));
    return ok.contains("result") ? std::move(ok["result"]) : undefined();
  } catch (const JsError& e) {
    // `end` wraps the rejection in a RuntimeError whose message is `String(error)`: "TypeError: text".
    // Unwrap it, so a rejection reads like the same error thrown by a synchronous method.
    std::string name = e.js_name();
    std::string message = e.js_message();
    if (name == "@jsii/kernel.RuntimeError") {
      const auto colon = message.find(": ");
      const bool identifier = colon != std::string::npos && colon > 0 && message.find_first_of(" \n") > colon;
      if (identifier) {
        name = message.substr(0, colon);
        message.erase(0, colon + 2);
      }
    }
    throw JsError(e.call(), std::move(name), std::move(message), e.js_stack(),
                  e.host_exception() ? e.host_exception() : first_failure);
  }
}

Json Kernel::naming(std::string_view assembly) {
  Json ok = exchange(Json{{"api", "naming"}, {"assembly", std::string(assembly)}},
                     describe_call("naming", assembly));
  return ok.contains("naming") ? std::move(ok["naming"]) : Json::object();
}

std::int64_t Kernel::object_count() {
  const Json ok = exchange(Json{{"api", "stats"}}, "stats");
  const auto it = ok.find("objectCount");
  if (it == ok.end() || !it->is_number_integer()) throw Fault("stats", "no objectCount in " + ok.dump());
  return it->get<std::int64_t>();
}

Object Kernel::object(const ObjRef& ref) {
  if (ref.empty()) throw Error("an empty object reference has no object");
  const std::lock_guard lock(shared_->mutex);
  auto& slot = shared_->objects[ref.id];
  if (!slot) {
    slot = std::make_shared<Object::State>();
    slot->ref = ref;
  } else {
    for (const auto& iface : ref.interfaces) {  // the kernel may reveal more interfaces later
      if (std::find(slot->ref.interfaces.begin(), slot->ref.interfaces.end(), iface) ==
          slot->ref.interfaces.end()) {
        slot->ref.interfaces.push_back(iface);
      }
    }
  }
  return Object(slot);
}

Object Kernel::object(const Json& wire_byref) { return object(wire::as_byref(wire_byref)); }

HostObject* Kernel::host_of(const ObjRef& ref) {
  const std::lock_guard lock(shared_->mutex);
  const auto it = shared_->objects.find(ref.id);
  return it == shared_->objects.end() ? nullptr : it->second->host;
}

}  // namespace jsii

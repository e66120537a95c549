#include "protocol.hpp"

#include <jsii/errors.hpp>

namespace jsii::detail {
namespace {

[[noreturn]] void malformed(std::string_view line, std::string_view why) {
  throw Fault("read response",
              "malformed message from the jsii kernel (" + std::string(why) + "): " + excerpt(line));
}

const std::string& string_field(const Json& object, const char* key, std::string_view line) {
  const auto it = object.find(key);
  if (it == object.end() || !it->is_string()) malformed(line, std::string("'") + key + "' is not a string");
  return it->get_ref<const std::string&>();
}

std::string optional_string(const Json& object, const char* key) {
  const auto it = object.find(key);
  return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

Hello decode_hello(const Json& message, std::string_view line) {
  const std::string& text = string_field(message, "hello", line);
  const auto at = text.rfind('@');  // split on the last '@': the package name is scoped
  if (at == std::string::npos || at == 0) malformed(line, "hello is not <package>@<version>");
  return Hello{text.substr(0, at), text.substr(at + 1)};
}

}  // namespace

CallbackRequest decode_callback(const Json& body, std::string_view line) {
  if (!body.is_object()) malformed(line, "callback is not an object");
  CallbackRequest cb;
  cb.cbid = string_field(body, "cbid", line);
  cb.cookie = optional_string(body, "cookie");
  const Json* call = nullptr;
  for (const auto& [key, kind] :
       {std::pair{"invoke", CallbackRequest::Kind::invoke}, std::pair{"get", CallbackRequest::Kind::get},
        std::pair{"set", CallbackRequest::Kind::set}}) {
    const auto it = body.find(key);
    if (it != body.end()) {
      call = &*it;
      cb.kind = kind;
      break;
    }
  }
  if (call == nullptr || !call->is_object()) malformed(line, "callback has no invoke/get/set");
  const auto objref = call->find("objref");
  if (objref == call->end()) malformed(line, "callback has no objref");
  try {
    cb.target = wire::as_byref(*objref);
  } catch (const Fault&) {
    malformed(line, "callback objref is not a $jsii.byref");
  }
  switch (cb.kind) {
    case CallbackRequest::Kind::invoke: {
      cb.member = string_field(*call, "method", line);
      const auto args = call->find("args");
      cb.args = args == call->end() ? Json::array() : *args;
      if (!cb.args.is_array()) malformed(line, "callback args is not an array");
      break;
    }
    case CallbackRequest::Kind::get:
      cb.member = string_field(*call, "property", line);
      break;
    case CallbackRequest::Kind::set: {
      cb.member = string_field(*call, "property", line);
      const auto value = call->find("value");
      cb.args = value == call->end() ? undefined() : *value;
      break;
    }
  }
  return cb;
}

std::string excerpt(std::string_view line, std::size_t limit) {
  if (line.size() <= limit) return std::string(line);
  return std::string(line.substr(0, limit)) + "… (" + std::to_string(line.size()) + " bytes)";
}

Response decode_response(std::string_view line) {
  Json message = Json::parse(line, nullptr, /*allow_exceptions=*/false);
  if (message.is_discarded()) malformed(line, "not JSON");
  if (!message.is_object()) malformed(line, "not a JSON object");
  if (message.contains("hello")) return decode_hello(message, line);
  if (const auto ok = message.find("ok"); ok != message.end()) {
    if (!ok->is_object()) malformed(line, "'ok' is not an object");
    return OkResponse{std::move(*ok)};
  }
  if (const auto cb = message.find("callback"); cb != message.end()) return decode_callback(*cb, line);
  if (message.contains("error")) {
    const auto& error = message["error"];
    ErrorResponse response;
    response.message = error.is_string() ? error.get<std::string>() : error.dump();
    response.name = optional_string(message, "name");
    response.stack = optional_string(message, "stack");
    return response;
  }
  malformed(line, "no hello/ok/error/callback key");
}

}  // namespace jsii::detail

// Decoding of the lines the kernel writes. Pure functions: no I/O, so they can be tested and fuzzed alone.
#pragma once

#include <jsii/wire.hpp>
#include <string>
#include <string_view>
#include <variant>

namespace jsii::detail {

struct Hello {
  std::string package;  ///< `@jsii/runtime`
  std::string version;  ///< `1.140.0`
};
struct OkResponse {
  Json value;  ///< the object inside `ok`
};
struct ErrorResponse {
  std::string message;
  std::string name;   ///< empty when the kernel sent none
  std::string stack;  ///< empty with JSII_NOSTACK
};
struct CallbackRequest {
  enum class Kind { invoke, get, set };
  std::string cbid;
  std::string cookie;
  Kind kind = Kind::invoke;
  ObjRef target;
  std::string member;  ///< method or property name
  Json args;           ///< invoke: the arguments (array); set: the value
};

using Response = std::variant<Hello, OkResponse, ErrorResponse, CallbackRequest>;

/// Decodes one line. Anything that is not one of the four message kinds throws jsii::Fault quoting the line.
Response decode_response(std::string_view line);

/// Decodes one callback: the body of a `{"callback": ...}` message, or an entry of the `callbacks` answer
/// (async overrides). `line` is quoted in the error when it is malformed.
CallbackRequest decode_callback(const Json& body, std::string_view line);

/// A line as it may appear in an error message: at most `limit` bytes, with an ellipsis.
std::string excerpt(std::string_view line, std::size_t limit = 300);

}  // namespace jsii::detail

#include <jsii/errors.hpp>
#include <utility>

namespace jsii {
namespace {

std::string js_error_text(const std::string& call, const std::string& name, const std::string& message,
                          const std::exception_ptr& host) {
  std::string text = call + " failed: ";
  // The kernel's own wrapper names add nothing for a reader; a library's names (ValidationError) do.
  if (!name.empty() && name != "Error" && name != "@jsii/kernel.RuntimeError") text += name + ": ";
  text += message;
  if (host) {
    try {
      std::rethrow_exception(host);
    } catch (const std::exception& e) {
      text += "\n  caused by a C++ exception in a callback: ";
      text += e.what();
    } catch (...) {
      text += "\n  caused by a C++ exception in a callback";
    }
  }
  return text;
}

}  // namespace

JsError::JsError(std::string call, std::string js_name, std::string js_message, std::string js_stack,
                 std::exception_ptr host_exception)
    : Error(js_error_text(call, js_name, js_message, host_exception)),
      call_(std::move(call)),
      js_name_(std::move(js_name)),
      js_message_(std::move(js_message)),
      js_stack_(std::move(js_stack)),
      host_exception_(std::move(host_exception)) {}

Fault::Fault(std::string call, std::string message)
    : Error(call + ": jsii kernel fault: " + message), call_(std::move(call)), message_(std::move(message)) {}

KernelDied::KernelDied(const std::string& what, std::string call, int exit_status,
                       std::vector<std::string> last_stderr)
    : Error(what), call_(std::move(call)), exit_status_(exit_status), last_stderr_(std::move(last_stderr)) {}

}  // namespace jsii

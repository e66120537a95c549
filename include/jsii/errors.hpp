// Exceptions thrown by the jsii runtime.
//
// Three kinds of failure reach C++ callers, and each needs different handling:
//   - JsError:    library code (aws-cdk-lib, constructs, ...) threw; the app is wrong (bad CIDR, duplicate
//   id).
//   - Fault:      the kernel refused a request (@jsii/kernel.Fault) or spoke something that is not the
//   protocol;
//                 the bindings or the runtime are wrong.
//   - KernelDied: the node process ended; nothing more can be asked of it.
#pragma once

#include <exception>
#include <stdexcept>
#include <string>
#include <vector>

namespace jsii {

/// Base of every exception thrown by the jsii runtime.
class Error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// JavaScript code threw while serving a request.
class JsError : public Error {
 public:
  JsError(std::string call, std::string js_name, std::string js_message, std::string js_stack,
          std::exception_ptr host_exception = nullptr);

  /// The request that failed, e.g. `create aws-cdk-lib.aws_ec2.Vpc` or `invoke aws-cdk-lib.App@10000.synth`.
  [[nodiscard]] const std::string& call() const noexcept { return call_; }
  /// The JS error name, e.g. `Error`, `ValidationError`, `@jsii/kernel.RuntimeError`.
  [[nodiscard]] const std::string& js_name() const noexcept { return js_name_; }
  /// The JS error message, exactly as thrown.
  [[nodiscard]] const std::string& js_message() const noexcept { return js_message_; }
  /// The JS stack trace (empty when JSII_NOSTACK is set).
  [[nodiscard]] const std::string& js_stack() const noexcept { return js_stack_; }
  /// When the JS error was caused by an exception thrown in a C++ callback, that exception.
  [[nodiscard]] std::exception_ptr host_exception() const noexcept { return host_exception_; }

 private:
  std::string call_;
  std::string js_name_;
  std::string js_message_;
  std::string js_stack_;
  std::exception_ptr host_exception_;
};

/// The kernel rejected a request as a protocol misuse, or sent something that is not valid protocol.
class Fault : public Error {
 public:
  Fault(std::string call, std::string message);
  [[nodiscard]] const std::string& call() const noexcept { return call_; }
  /// What went wrong, without the call.
  [[nodiscard]] const std::string& message() const noexcept { return message_; }

 private:
  std::string call_;
  std::string message_;
};

/// The kernel process could not be started, or ended while (or before) a request was served.
class KernelDied : public Error {
 public:
  KernelDied(const std::string& what, std::string call, int exit_status,
             std::vector<std::string> last_stderr);
  [[nodiscard]] const std::string& call() const noexcept { return call_; }
  /// Exit code, or 128 + signal number when the process was killed; -1 when unknown.
  [[nodiscard]] int exit_status() const noexcept { return exit_status_; }
  /// The last lines the kernel wrote to stderr (at most 20).
  [[nodiscard]] const std::vector<std::string>& last_stderr() const noexcept { return last_stderr_; }

 private:
  std::string call_;
  int exit_status_;
  std::vector<std::string> last_stderr_;
};

/// A call the runtime cannot make in this situation (an async method from inside a synchronous callback).
class NotSupported : public Error {
 public:
  using Error::Error;
};

}  // namespace jsii

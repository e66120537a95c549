// Helpers shared by the integration tests: a kernel with aws-cdk-lib loaded, scratch dirs, template reading.
#pragma once

#include <jsii/host_object.hpp>
#include <jsii/kernel.hpp>
#include <string>

namespace test_support {

/// The process-wide kernel with aws-cdk-lib (and its dependencies) loaded.
jsii::Kernel& cdk();

/// The version package-lock.json pins for an npm package ("aws-cdk-lib", "constructs", ...).
std::string locked_version(const std::string& package);

/// The @jsii/runtime version package.json pins (jsiiRuntime.version).
std::string jsii_runtime_version();

/// A fresh, empty directory under the system temp dir.
std::string scratch_dir(const std::string& label);

/// `new App({outdir})`.
jsii::ObjRef new_app(jsii::Kernel& kernel, const std::string& outdir);

/// `new Stack(app, name)`.
jsii::ObjRef new_stack(jsii::Kernel& kernel, const jsii::ObjRef& app, const std::string& name,
                       const jsii::CreateOptions& options = {});

/// `Aspects.of(scope).add(aspect)` for a C++ aspect.
void add_aspect(jsii::Kernel& kernel, const jsii::ObjRef& scope, jsii::HostObject& aspect);

/// Reads `<outdir>/<stack>.template.json` after a synth.
jsii::Json read_template(const std::string& outdir, const std::string& stack);

/// All resources of a template with the given CloudFormation type.
std::vector<jsii::Json> resources_of_type(const jsii::Json& tmpl, const std::string& type);

/// Output of a finished child process.
struct ChildResult {
  int status = -1;  ///< exit code, or 128 + signal
  std::string out;
  std::string err;
};

/// Runs `program` with one argument (may be empty), extra `NAME=value` environment entries, and a timeout;
/// sends `signal` after `signal_after_ms` when that is not negative.
ChildResult run_program(const std::string& program, const std::string& argument,
                        const std::vector<std::string>& env = {}, int timeout_seconds = 60,
                        int signal_after_ms = -1, int signal = 0);

/// Runs `argv` (argv[0] looked up on PATH) like run_program.
ChildResult run_command(const std::vector<std::string>& argv, const std::vector<std::string>& env = {},
                        int timeout_seconds = 60, int signal_after_ms = -1, int signal = 0);

/// Runs the jsii_test_child helper with `mode`.
ChildResult run_child(const std::string& mode, const std::vector<std::string>& env = {},
                      int timeout_seconds = 60, int signal_after_ms = -1, int signal = 0);

/// Pids of live processes whose environment contains `marker` (used to look for orphaned node processes).
std::vector<int> processes_with_marker(const std::string& marker);

}  // namespace test_support

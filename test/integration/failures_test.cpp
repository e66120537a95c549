// Failures a user can cause, and what they see: a JS error with its message, a fault, a dead kernel. No
// hangs.
#include <gtest/gtest.h>
#include <signal.h>

#include <atomic>
#include <thread>

#include "test_support.hpp"

namespace {

using jsii::Json;
namespace wire = jsii::wire;
using test_support::cdk;

TEST(Failures, InvalidCidrIsALibraryErrorWithTheJsMessage) {
  auto& kernel = cdk();
  const auto app = test_support::new_app(kernel, test_support::scratch_dir("cidr"));
  const auto stack = test_support::new_stack(kernel, app, "Network");
  try {
    const Json cidr = kernel.sinvoke("aws-cdk-lib.aws_ec2.IpAddresses", "cidr", {"10.0.0.0/33"});
    (void)kernel.create("aws-cdk-lib.aws_ec2.Vpc",
                        {wire::byref(stack), "Vpc",
                         wire::struct_value("aws-cdk-lib.aws_ec2.VpcProps", {{"ipAddresses", cidr}})});
    FAIL() << "an invalid CIDR was accepted";
  } catch (const jsii::JsError& e) {
    EXPECT_EQ(e.js_name(), "InvalidCidrRange") << e.what();
    EXPECT_NE(e.js_message().find("is not a valid VPC CIDR range"), std::string::npos) << e.what();
    EXPECT_FALSE(e.js_stack().empty());
    EXPECT_NE(std::string(e.what()).find("aws-cdk-lib.aws_ec2."), std::string::npos)
        << "names the call: " << e.what();
  }
}

TEST(Failures, DuplicateConstructIdNamesTheConflict) {
  auto& kernel = cdk();
  const auto app = test_support::new_app(kernel, test_support::scratch_dir("dup"));
  (void)test_support::new_stack(kernel, app, "Twice");
  try {
    (void)test_support::new_stack(kernel, app, "Twice");
    FAIL();
  } catch (const jsii::JsError& e) {
    EXPECT_NE(e.js_message().find("There is already a Construct with name 'Twice'"), std::string::npos)
        << e.what();
    EXPECT_EQ(e.call(), "create aws-cdk-lib.Stack \"Twice\"");  // the construct's id says which one
  }
}

TEST(Failures, ProtocolMisuseIsAFault) {
  auto& kernel = cdk();
  const auto duration = wire::as_byref(kernel.sinvoke("aws-cdk-lib.Duration", "days", {1}));
  try {
    (void)kernel.invoke(duration, "noSuchMethod");
    FAIL();
  } catch (const jsii::Fault& fault) {
    EXPECT_NE(std::string(fault.what()).find("noSuchMethod"), std::string::npos) << fault.what();
  }
  EXPECT_THROW((void)kernel.create("aws-cdk-lib.NoSuchClass"), jsii::Error);
}

TEST(Failures, KernelKilledMidCallIsADeadKernelNotAHang) {
  jsii::Kernel kernel;
  kernel.load_package("aws-cdk-lib");
  const auto app = test_support::new_app(kernel, test_support::scratch_dir("killed"));
  const auto stack = test_support::new_stack(kernel, app, "Big");
  for (int i = 0; i < 60; ++i)
    (void)kernel.create("aws-cdk-lib.aws_s3.Bucket", {wire::byref(stack), "B" + std::to_string(i)});
  const int pid = kernel.pid();
  // The killer fires once the first synth is under way (an event, not a delay). Wherever the signal lands,
  // in a synth or between two, the pending call must end as a dead kernel; the test's timeout catches a hang.
  std::atomic<bool> synthesizing = false;
  std::thread killer([pid, &synthesizing] {
    synthesizing.wait(false);
    ::kill(pid, SIGKILL);
  });
  try {
    for (;;) {
      synthesizing = true;
      synthesizing.notify_one();
      (void)kernel.invoke(app, "synth");
    }
  } catch (const jsii::KernelDied& e) {
    EXPECT_EQ(e.exit_status(), 128 + SIGKILL) << e.what();
    EXPECT_NE(std::string(e.what()).find("invoke aws-cdk-lib.App@"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("signal 9"), std::string::npos) << e.what();
  }
  killer.join();
  // Every later request fails at once, saying why.
  try {
    (void)kernel.object_count();
    FAIL();
  } catch (const jsii::KernelDied& e) {
    EXPECT_NE(std::string(e.what()).find("no longer running"), std::string::npos) << e.what();
  }
}

class KillingAspect : public jsii::HostObject {
 public:
  explicit KillingAspect(int pid) : pid_(pid) {}
  Spec jsii_spec() const override {
    return {"Object", {"aws-cdk-lib.IAspect"}, {jsii::Override::method("visit")}};
  }
  Json jsii_invoke(const std::string&, const std::string&, const Json&) override {
    // Whether the kernel is gone before or after this answer is written, the synth must end as a dead kernel.
    ::kill(pid_, SIGKILL);
    return jsii::undefined();
  }

 private:
  int pid_;
};

TEST(Failures, KernelKilledDuringACallbackIsADeadKernel) {
  jsii::Kernel kernel;
  kernel.load_package("aws-cdk-lib");
  const auto app = test_support::new_app(kernel, test_support::scratch_dir("killed-cb"));
  (void)test_support::new_stack(kernel, app, "Victim");
  KillingAspect aspect(kernel.pid());
  test_support::add_aspect(kernel, app, aspect);
  EXPECT_THROW((void)kernel.invoke(app, "synth"), jsii::KernelDied);
}

TEST(Failures, MalformedKernelOutputIsAFaultAndStopsTheKernel) {
  jsii::Kernel::Options options;
  options.environment = {
      {"NODE_OPTIONS", std::string("--require ") + JSII_TEST_FIXTURES_DIR + "/corrupt-response.js"}};
  jsii::Kernel kernel(options);
  kernel.load_package("constructs");
  try {
    (void)kernel.object_count();
    FAIL() << "garbage was accepted";
  } catch (const jsii::Fault& fault) {
    EXPECT_EQ(fault.call(), "stats");
    EXPECT_NE(std::string(fault.what()).find("malformed message"), std::string::npos) << fault.what();
    EXPECT_NE(std::string(fault.what()).find("this is {not json"), std::string::npos) << fault.what();
  }
  EXPECT_THROW((void)kernel.object_count(), jsii::KernelDied);
}

TEST(Failures, MissingNodeSaysHowToFixIt) {
  jsii::Kernel::Options options;
  options.node = "/nonexistent/bin/node";
  jsii::Kernel kernel(options);
  try {
    kernel.start();
    FAIL();
  } catch (const jsii::KernelDied& e) {
    EXPECT_NE(std::string(e.what()).find("/nonexistent/bin/node"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("JSII_NODE"), std::string::npos) << e.what();
  }
}

TEST(Failures, MissingRuntimeSaysHowToFixIt) {
  jsii::Kernel::Options options;
  options.runtime_dir = "/nonexistent/runtime";
  jsii::Kernel kernel(options);
  try {
    kernel.start();
    FAIL();
  } catch (const jsii::KernelDied& e) {
    EXPECT_NE(std::string(e.what()).find("scripts/setup.sh"), std::string::npos) << e.what();
  }
}

TEST(Failures, MissingTarballSaysHowToFixIt) {
  jsii::Kernel kernel;
  try {
    (void)kernel.load("left-pad", "1.0.0", "/nonexistent/left-pad-1.0.0.tgz");
    FAIL();
  } catch (const jsii::Error& e) {
    EXPECT_NE(std::string(e.what()).find("/nonexistent/left-pad-1.0.0.tgz"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("scripts/setup.sh"), std::string::npos) << e.what();
  }
  EXPECT_THROW(kernel.load_package("not-a-jsii-package"), jsii::Error);
}

}  // namespace

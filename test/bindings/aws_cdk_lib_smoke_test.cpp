// aws-cdk-lib through the generated bindings: the same app written in C++ and in JavaScript (run by node
// here) synthesizes byte-identical templates.
#include <gtest/gtest.h>

#include <aws_cdk_lib/App.hpp>
#include <aws_cdk_lib/CfnElement.hpp>
#include <aws_cdk_lib/Stack.hpp>
#include <aws_cdk_lib/aws_ec2/IpAddresses.hpp>
#include <aws_cdk_lib/aws_ec2/Vpc.hpp>
#include <aws_cdk_lib/aws_s3/Bucket.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <jsii/errors.hpp>
#include <sstream>
#include <type_traits>

#include "../support/scratch.hpp"

namespace cdk = aws_cdk_lib;
namespace ec2 = aws_cdk_lib::aws_ec2;
namespace s3 = aws_cdk_lib::aws_s3;
namespace fs = std::filesystem;

namespace {

fs::path scratch(const std::string& label) {
  return test_support::scratch_directory("cdk-cpp-smoke-" + label);
}

std::string read(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// The TypeScript twin, as the JavaScript it compiles to.
constexpr const char* kNodeApp = R"JS(
const cdk = require(process.env.SMOKE_MODULES + '/aws-cdk-lib');
const s3 = require(process.env.SMOKE_MODULES + '/aws-cdk-lib/aws-s3');
const ec2 = require(process.env.SMOKE_MODULES + '/aws-cdk-lib/aws-ec2');
const app = new cdk.App({ outdir: process.env.SMOKE_OUTDIR, analyticsReporting: false });
const stack = new cdk.Stack(app, 'Smoke', { description: 'bindings smoke test' });
new s3.Bucket(stack, 'Data', { versioned: true, encryption: s3.BucketEncryption.KMS, enforceSSL: true });
new ec2.Vpc(stack, 'Network', { maxAzs: 2, natGateways: 1 });
app.synth();
)JS";

TEST(AwsCdkLibSmoke, TemplateIsByteIdenticalToTheSameAppInNode) {
  const fs::path cpp_out = scratch("cpp");
  {
    const cdk::App app({.analyticsReporting = false, .outdir = cpp_out.string()});
    const cdk::Stack stack(app, "Smoke", {.description = "bindings smoke test"});
    s3::Bucket(stack, "Data",
               {.encryption = s3::BucketEncryption::KMS, .enforceSSL = true, .versioned = true});
    ec2::Vpc(stack, "Network", {.maxAzs = 2.0, .natGateways = 1.0});
    (void)app.synth();
  }

  const fs::path node_out = scratch("node");
  const fs::path script = node_out / "app.js";
  std::ofstream(script) << kNodeApp;
  const std::string command = "SMOKE_MODULES='" + std::string(NODE_MODULES_DIR) + "' SMOKE_OUTDIR='" +
                              (node_out / "out").string() + "' '" + NODE_BINARY + "' '" + script.string() +
                              "' > '" + (node_out / "log").string() + "' 2>&1";
  ASSERT_EQ(std::system(command.c_str()), 0) << read(node_out / "log");

  const std::string from_cpp = read(cpp_out / "Smoke.template.json");
  const std::string from_node = read(node_out / "out" / "Smoke.template.json");
  ASSERT_FALSE(from_cpp.empty());
  EXPECT_NE(from_cpp.find("AWS::EC2::VPC"), std::string::npos);
  EXPECT_NE(from_cpp.find("AWS::KMS::Key"), std::string::npos);
  EXPECT_EQ(from_cpp, from_node);
}

// `class NetworkStack : public Stack` with an override JS calls during synthesis.
class PrefixedStack : public cdk::Stack {
 public:
  PrefixedStack(const constructs::Construct& scope, const std::string& id) : Stack(scope, id) {
    s3::Bucket(*this, "Logs");
  }

 protected:
  [[nodiscard]] std::string allocateLogicalId(const cdk::CfnElement& element) const override {
    return "Prod" + Stack::allocateLogicalId(element);  // the JS implementation, then ours
  }
};

TEST(AwsCdkLibSmoke, SubclassOverridesAreCalledByJs) {
  const fs::path outdir = scratch("subclass");
  const cdk::App app({.outdir = outdir.string()});
  const PrefixedStack stack(app, "Prefixed");  // cppcheck-suppress unreadVariable ; it adds itself to the app
  (void)app.synth();
  const std::string tmpl = read(outdir / "Prefixed.template.json");
  EXPECT_NE(tmpl.find("\"ProdLogs"), std::string::npos) << tmpl.substr(0, 400);
}

TEST(AwsCdkLibSmoke, ConstructorErrorsSurfaceAsJsErrorsWithTheCall) {
  const cdk::App app;
  const cdk::Stack stack(app, "Errors");
  // A named construct: created at the next kernel call, which throws its error.
  const ec2::Vpc vpc(stack, "BadVpc", {.ipAddresses = ec2::IpAddresses::cidr("10.0.0.0/33")});
  try {
    (void)vpc.vpcId();
    FAIL() << "expected a JsError";
  } catch (const jsii::JsError& e) {
    EXPECT_EQ(e.call(), "create aws-cdk-lib.aws_ec2.Vpc \"BadVpc\"");
    EXPECT_NE(e.js_message().find("CIDR"), std::string::npos) << e.js_message();
  }
  try {
    (void)vpc.vpcId();  // the handle stays unusable, saying why
    FAIL() << "expected an error";
  } catch (const jsii::Error& e) {
    EXPECT_NE(std::string(e.what()).find("could not be created earlier"), std::string::npos) << e.what();
  }
}

TEST(AwsCdkLibSmoke, ATemporaryThatFailsToConstructFailsTheNextCallNotItsDestructor) {
  static_assert(std::is_nothrow_destructible_v<s3::Bucket>);
  const cdk::App app;
  const cdk::Stack stack(app, "Temporary");
  // A temporary is created as it is destroyed, at the end of the statement; a destructor may not throw.
  s3::Bucket(stack, "Bad", {.bucketName = "Not_A_Valid_Bucket_Name"});
  try {
    (void)stack.stackName();  // the next kernel call reports the failure
    FAIL() << "expected a JsError";
  } catch (const jsii::JsError& e) {
    EXPECT_EQ(e.call(), "create aws-cdk-lib.aws_s3.Bucket \"Bad\"");
    EXPECT_NE(e.js_message().find("Invalid S3 bucket name"), std::string::npos) << e.js_message();
  }
  EXPECT_EQ(stack.stackName(), "Temporary");  // reported once; the kernel goes on
}

}  // namespace

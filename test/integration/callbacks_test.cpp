// JS calling into C++: interface implementations, overrides of class members, nested calls, and exceptions.
#include <gtest/gtest.h>

#include <stdexcept>

#include "test_support.hpp"

namespace {

using jsii::Json;
namespace wire = jsii::wire;
using test_support::cdk;

/// An IAspect in C++: tags every construct it visits that is a CfnResource, through nested kernel calls.
class TaggingAspect : public jsii::HostObject {
 public:
  explicit TaggingAspect(jsii::Kernel& kernel) : kernel_(kernel) {}
  int visits = 0;

  Spec jsii_spec() const override {
    return {"Object", {"aws-cdk-lib.IAspect"}, {jsii::Override::method("visit")}};
  }
  Json jsii_invoke(const std::string& cookie, const std::string& method, const Json& args) override {
    EXPECT_EQ(cookie, "visit");
    EXPECT_EQ(method, "visit");
    ++visits;
    const auto node = wire::as_byref(args.at(0));
    // Nested requests while the kernel waits for our answer:
    const Json is_resource = kernel_.sinvoke("aws-cdk-lib.CfnResource", "isCfnResource", {wire::byref(node)});
    if (is_resource == true) {
      const auto resource_type = kernel_.get(node, "cfnResourceType");
      kernel_.invoke(node, "addPropertyOverride",
                     {"Tags", Json::array({{{"Key", "visited-by"}, {"Value", "c++"}}})});
      EXPECT_TRUE(resource_type.is_string());
    }
    return jsii::undefined();
  }

 private:
  jsii::Kernel& kernel_;
};

TEST(Callbacks, HostAspectIsVisitedDuringSynthAndChangesTheTemplate) {
  auto& kernel = cdk();
  const std::string outdir = test_support::scratch_dir("aspect");
  const auto app = test_support::new_app(kernel, outdir);
  const auto stack = test_support::new_stack(kernel, app, "Aspected");
  (void)kernel.create("aws-cdk-lib.aws_s3.Bucket", {wire::byref(stack), "Data"});

  TaggingAspect aspect(kernel);
  test_support::add_aspect(kernel, app, aspect);
  EXPECT_EQ(aspect.jsii_ref(kernel).fqn(), "Object");
  EXPECT_EQ(kernel.host_of(aspect.jsii_ref(kernel)), &aspect);

  (void)kernel.invoke(app, "synth");
  EXPECT_GE(aspect.visits, 3);  // app, stack, bucket, its CfnBucket, ...
  const auto buckets =
      test_support::resources_of_type(test_support::read_template(outdir, "Aspected"), "AWS::S3::Bucket");
  ASSERT_EQ(buckets.size(), 1U);
  EXPECT_EQ(buckets[0]["Properties"]["Tags"], Json::parse(R"([{"Key":"visited-by","Value":"c++"}])"));
}

/// A Stack subclass overriding the protected `allocateLogicalId`; calls "super" through a nested invoke.
class PrefixingStack : public jsii::HostObject {
 public:
  explicit PrefixingStack(jsii::Kernel& kernel) : kernel_(kernel) {}
  Json jsii_invoke(const std::string& cookie, const std::string& method, const Json& args) override {
    EXPECT_EQ(cookie, "PrefixingStack.allocateLogicalId");
    EXPECT_EQ(method, "allocateLogicalId");
    // super.allocateLogicalId(element): an invoke on our own ref reaches the JS implementation, not us again.
    const Json base = kernel_.invoke(jsii_ref(kernel_), "allocateLogicalId", args);
    return "Cpp" + base.get<std::string>();
  }

 private:
  jsii::Kernel& kernel_;
};

TEST(Callbacks, OverriddenProtectedMethodRenamesLogicalIds) {
  auto& kernel = cdk();
  const std::string outdir = test_support::scratch_dir("override");
  const auto app = test_support::new_app(kernel, outdir);
  PrefixingStack host(kernel);
  const auto stack = test_support::new_stack(
      kernel, app, "Overridden",
      {.overrides = {jsii::Override::method("allocateLogicalId", "PrefixingStack.allocateLogicalId")},
       .host = &host});
  EXPECT_EQ(stack.fqn(), "aws-cdk-lib.Stack");
  (void)kernel.create("aws-cdk-lib.aws_s3.Bucket", {wire::byref(stack), "Data"});
  (void)kernel.invoke(app, "synth");
  const Json tmpl = test_support::read_template(outdir, "Overridden");
  ASSERT_FALSE(tmpl["Resources"].empty());
  for (const auto& [logical_id, resource] : tmpl["Resources"].items()) {
    EXPECT_TRUE(logical_id.starts_with("CppData")) << logical_id;
  }
}

/// An IResolvable in C++: JS calls its `resolve` while rendering the template.
class ResolvableValue : public jsii::HostObject {
 public:
  Spec jsii_spec() const override {
    return {"Object",
            {"aws-cdk-lib.IResolvable"},
            {jsii::Override::method("resolve"), jsii::Override::property("creationStack"),
             jsii::Override::method("toString")}};
  }
  Json jsii_invoke(const std::string& /*cookie*/, const std::string& method, const Json& /*args*/) override {
    if (method == "toString") return "ResolvableValue";
    return Json{{"resolvedBy", "c++"}, {"answer", 42}};
  }
  Json jsii_get(const std::string& /*cookie*/, const std::string& /*property*/) override {
    return Json::array({"created in C++"});
  }
};

/// ITemplateOptions in C++, whose `description` property JS reads (a property-get callback).
class HostTemplateOptions : public jsii::HostObject {
 public:
  int reads = 0;
  Spec jsii_spec() const override {
    return {
        "Object", {"aws-cdk-lib.ITemplateOptions"}, {jsii::Override::property("description", "Description")}};
  }
  Json jsii_get(const std::string& cookie, const std::string& property) override {
    EXPECT_EQ(cookie, "Description");
    EXPECT_EQ(property, "description");
    ++reads;
    return "described by C++";
  }
};

/// A Stack whose `templateOptions` getter is overridden in C++ and returns the object above.
class DescribedStack : public jsii::HostObject {
 public:
  explicit DescribedStack(HostTemplateOptions& options) : options_(options) {}
  Json jsii_get(const std::string& cookie, const std::string& property) override {
    EXPECT_EQ(cookie, "TemplateOptions");
    EXPECT_EQ(property, "templateOptions");
    return jsii::wire::byref(options_.jsii_ref());
  }

 private:
  HostTemplateOptions& options_;
};

TEST(Callbacks, OverriddenPropertiesAreReadThroughGetCallbacks) {
  auto& kernel = jsii::Kernel::instance();
  kernel.load_package("aws-cdk-lib");
  const std::string outdir = test_support::scratch_dir("described");
  const auto app = test_support::new_app(kernel, outdir);
  HostTemplateOptions options;
  DescribedStack stack(options);
  (void)test_support::new_stack(
      kernel, app, "Described",
      {.overrides = {jsii::Override::property("templateOptions", "TemplateOptions")}, .host = &stack});
  (void)kernel.invoke(app, "synth");
  EXPECT_GE(options.reads, 1);
  EXPECT_EQ(test_support::read_template(outdir, "Described")["Description"], "described by C++");
}

TEST(Callbacks, HostResolvableAnswersMethodCallbacks) {
  auto& kernel = cdk();
  const std::string outdir = test_support::scratch_dir("resolvable");
  const auto app = test_support::new_app(kernel, outdir);
  const auto stack = test_support::new_stack(kernel, app, "Resolved");
  ResolvableValue value;
  (void)kernel.create(
      "aws-cdk-lib.CfnResource",
      {wire::byref(stack), "Custom",
       wire::struct_value("aws-cdk-lib.CfnResourceProps",
                          {{"type", "Custom::Thing"},
                           {"properties", wire::map({{"Value", wire::byref(value.jsii_ref(kernel))}})}})});
  (void)kernel.invoke(app, "synth");
  const auto custom =
      test_support::resources_of_type(test_support::read_template(outdir, "Resolved"), "Custom::Thing");
  ASSERT_EQ(custom.size(), 1U);
  EXPECT_EQ(custom[0]["Properties"]["Value"], Json::parse(R"({"answer":42,"resolvedBy":"c++"})"));
}

/// Nested callbacks: while JS waits for our `visit`, we make a call that calls back into another host object.
class OuterAspect : public jsii::HostObject {
 public:
  OuterAspect(jsii::Kernel& kernel, jsii::ObjRef stack, ResolvableValue& inner)
      : kernel_(kernel), stack_(std::move(stack)), inner_(inner) {}
  int depth_reached = 0;
  Spec jsii_spec() const override {
    return {"Object", {"aws-cdk-lib.IAspect"}, {jsii::Override::method("visit")}};
  }
  Json jsii_invoke(const std::string& /*cookie*/, const std::string& /*method*/,
                   const Json& /*args*/) override {
    // Stack.resolve(inner) makes JS call inner.resolve(): a callback inside a callback.
    const Json resolved = kernel_.invoke(stack_, "resolve", {wire::byref(inner_.jsii_ref(kernel_))});
    if (wire::as_plain_json(resolved)["answer"] == 42) depth_reached = 2;
    return jsii::undefined();
  }

 private:
  jsii::Kernel& kernel_;
  jsii::ObjRef stack_;
  ResolvableValue& inner_;
};

TEST(Callbacks, CallbacksNestInsideCallbacks) {
  auto& kernel = cdk();
  const auto app = test_support::new_app(kernel, test_support::scratch_dir("nested"));
  const auto stack = test_support::new_stack(kernel, app, "Nested");
  ResolvableValue inner;
  OuterAspect outer(kernel, stack, inner);
  test_support::add_aspect(kernel, stack, outer);
  (void)kernel.invoke(app, "synth");
  EXPECT_EQ(outer.depth_reached, 2);
}

class ThrowingAspect : public jsii::HostObject {
 public:
  Spec jsii_spec() const override {
    return {"Object", {"aws-cdk-lib.IAspect"}, {jsii::Override::method("visit")}};
  }
  Json jsii_invoke(const std::string&, const std::string&, const Json&) override {
    throw std::invalid_argument("boom from C++: CIDR 10.0.0.0/33 is not valid");
  }
};

TEST(Callbacks, CppExceptionSurfacesToTheCallerWithItsMessage) {
  auto& kernel = cdk();
  const auto app = test_support::new_app(kernel, test_support::scratch_dir("throwing"));
  (void)test_support::new_stack(kernel, app, "Throwing");
  ThrowingAspect aspect;
  test_support::add_aspect(kernel, app, aspect);
  try {
    (void)kernel.invoke(app, "synth");
    FAIL() << "synth succeeded although the aspect threw";
  } catch (const jsii::JsError& e) {
    EXPECT_NE(e.js_message().find("boom from C++: CIDR 10.0.0.0/33 is not valid"), std::string::npos)
        << e.what();
    EXPECT_NE(std::string(e.what()).find("caused by a C++ exception in a callback"), std::string::npos)
        << e.what();
    EXPECT_NE(std::string(e.what()).find("invoke aws-cdk-lib.App@"), std::string::npos) << e.what();
    ASSERT_TRUE(e.host_exception());
    EXPECT_THROW(std::rethrow_exception(e.host_exception()), std::invalid_argument);
  }
  // The kernel is still usable afterwards.
  EXPECT_EQ(kernel.invoke(wire::as_byref(kernel.sinvoke("aws-cdk-lib.Duration", "days", {1})), "toHours"),
            24);
}

TEST(Callbacks, DestroyedHostObjectIsReportedNotCalled) {
  auto& kernel = cdk();
  const auto app = test_support::new_app(kernel, test_support::scratch_dir("destroyed"));
  (void)test_support::new_stack(kernel, app, "Destroyed");
  {
    TaggingAspect aspect(kernel);
    test_support::add_aspect(kernel, app, aspect);
  }
  try {
    (void)kernel.invoke(app, "synth");
    FAIL() << "synth called a destroyed object";
  } catch (const jsii::JsError& e) {
    EXPECT_NE(e.js_message().find("no live C++ object implements Object@"), std::string::npos) << e.what();
  }
}

}  // namespace

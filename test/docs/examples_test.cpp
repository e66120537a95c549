// Every C++ example of README.md and docs/*.md, compiled and run against the real kernel. The examples are
// quoted here verbatim (doc_examples_test.cpp checks that each ```cpp block of the docs appears in this
// file), with the context a reader would have around them before and assertions after. Not reformatted: the
// examples keep the docs' line breaks.
// clang-format off
#include <aws_cdk_lib/App.hpp>
#include <aws_cdk_lib/Aspects.hpp>
#include <aws_cdk_lib/CfnElement.hpp>
#include <aws_cdk_lib/Duration.hpp>
#include <aws_cdk_lib/IAspect.hpp>
#include <aws_cdk_lib/IStableStringProducer.hpp>
#include <aws_cdk_lib/Lazy.hpp>
#include <aws_cdk_lib/Stack.hpp>
#include <aws_cdk_lib/Tags.hpp>
#include <aws_cdk_lib/aws_ec2/Connections.hpp>
#include <aws_cdk_lib/aws_ec2/IConnectable.hpp>
#include <aws_cdk_lib/aws_ec2/Port.hpp>
#include <aws_cdk_lib/aws_ec2/SecurityGroup.hpp>
#include <aws_cdk_lib/aws_ec2/Vpc.hpp>
#include <aws_cdk_lib/assertions/Template.hpp>
#include <aws_cdk_lib/aws_iam/PolicyDocument.hpp>
#include <aws_cdk_lib/aws_iam/Role.hpp>
#include <aws_cdk_lib/aws_iam/ServicePrincipal.hpp>
#include <aws_cdk_lib/aws_kms/Key.hpp>
#include <aws_cdk_lib/aws_s3/BlockPublicAccess.hpp>
#include <aws_cdk_lib/aws_s3/Bucket.hpp>
#include <aws_cdk_lib/aws_s3/CfnBucket.hpp>
#include <gtest/gtest.h>

#include <chrono>
#include <iostream>
#include <jsii/cast.hpp>
#include <jsii/errors.hpp>
#include <jsii/kernel.hpp>
#include <constructs/IValidation.hpp>
#include <jsii/errors.hpp>
#include <jsii_fixture/Account.hpp>
#include <jsii_fixture/IShape.hpp>
#include <jsii_fixture/PointProps.hpp>
#include <jsii_fixture/Inspector.hpp>
#include <jsii_fixture/Keywords.hpp>
#include <jsii_fixture/Money.hpp>
#include <jsii_fixture/Shapes.hpp>
#include <jsii_fixture/Square.hpp>
#include <jsii_fixture/Values.hpp>

namespace cdk = aws_cdk_lib;
namespace ec2 = aws_cdk_lib::aws_ec2;
namespace iam = aws_cdk_lib::aws_iam;
namespace kms = aws_cdk_lib::aws_kms;
namespace s3 = aws_cdk_lib::aws_s3;
namespace fx = jsii_fixture;

namespace {

// --- README.md ---------------------------------------------------------------------------------------------

TEST(DocExamples, ReadmeCppNextToTypeScript) {
  // C++ (generated bindings)
  const cdk::App app;
  const cdk::Stack stack(app, "Storage", {.description = "Assets"});
  const kms::Key key(stack, "Key", {.enableKeyRotation = true});
  const s3::Bucket bucket(stack, "Assets", {
      .encryption = s3::BucketEncryption::KMS, .encryptionKey = key, .enforceSSL = true, .versioned = true});
  const ec2::Vpc vpc(stack, "Network", {.maxAzs = 2.0, .natGateways = 1.0});
  bucket.grantRead(iam::Role(stack, "Reader", {.assumedBy = iam::ServicePrincipal("ec2.amazonaws.com")}));
  app.synth();

  EXPECT_EQ(vpc.publicSubnets().size(), 2U);
  EXPECT_EQ(stack.node().findAll().size() > 10, true);
}

TEST(DocExamples, ReadmeUsingTheRuntimeDirectly) {
  auto& kernel = jsii::Kernel::instance();          // starts node lazily; stops it at exit
  kernel.load_package("aws-cdk-lib");               // dependencies first, each once
  auto app = kernel.create("aws-cdk-lib.App");
  auto stack = kernel.create("aws-cdk-lib.Stack", {jsii::wire::byref(app), "Storage"});
  kernel.create("aws-cdk-lib.aws_s3.Bucket",
                {jsii::wire::byref(stack), "Assets",
                 jsii::wire::struct_value("aws-cdk-lib.aws_s3.BucketProps", {{"versioned", true}})});
  kernel.invoke(app, "synth");

  EXPECT_EQ(stack.fqn(), "aws-cdk-lib.Stack");
}

TEST(DocExamples, ReadmeCallbacksAreLambdas) {
  const cdk::App app;
  const cdk::Stack stack(app, "Lambdas");
  const std::string stage = "prod";
  const s3::Bucket logs(stack, "Logs", {.bucketName = cdk::Lazy::string(
      jsii::implement<cdk::IStableStringProducer>([=] { return "logs-" + stage; }))});
  stack.node().addValidation(jsii::implement<constructs::IValidation>([=] {
    return logs.node().children().empty() ? std::vector<std::string>{"no bucket resource"} : std::vector<std::string>{};
  }));

  // The producer ran during synth (after the lambda's scope would have ended in a real app: captured by value).
  const auto tmpl = cdk::assertions::Template::fromStack(stack);
  tmpl.hasResourceProperties("AWS::S3::Bucket", jsii::Any::object({{"BucketName", "logs-prod"}}));
}

// --- docs/bindings.md --------------------------------------------------------------------------------------

TEST(DocExamples, BindingsClasses) {
  const cdk::Stack stack;
  const fx::Account account("ann");
  const s3::Bucket bucket(stack, "Assets", {.versioned = true});
  bucket.addLifecycleRule({.expiration = cdk::Duration::days(30)});
  const s3::IBucket logs = s3::Bucket::fromBucketName(stack, "Logs", "my-logs");
  const auto block = s3::BlockPublicAccess::BLOCK_ALL();  // a constant: a static function
  account.nickname("annie");                              // a writable property: a setter overload
  const s3::Bucket same = bucket;                         // a copy of the handle: same == bucket

  EXPECT_EQ(logs.bucketName(), "my-logs");
  EXPECT_EQ(block.blockPublicAcls(), true);
  EXPECT_EQ(account.nickname(), "annie");
  EXPECT_TRUE(same == bucket);
}

TEST(DocExamples, BindingsStructs) {
  const cdk::Stack stack;
  const s3::Bucket bucket(stack, "Cors");
  bucket.addCorsRule({.allowedMethods = {{s3::HttpMethods::GET}}, .allowedOrigins = {{"*"}}});
  fx::Inspector::summarize({.id = "min", .origin = fx::PointProps{.x = 1, .y = 1}, .weight = 0});
  const fx::LeafProps leaf = fx::Inspector::sampleLeaf("s1");
  double y = leaf.origin->y;  // or *leaf.origin, leaf.origin.get(), leaf.weight.get()

  EXPECT_EQ(y, 2);
}

TEST(DocExamples, BindingsEnums) {
  const cdk::Stack stack;
  s3::Bucket(stack, "Data", {.encryption = s3::BucketEncryption::KMS, .removalPolicy = cdk::RemovalPolicy::DESTROY});

  EXPECT_TRUE(stack.node().tryFindChild("Data").has_value());
}

TEST(DocExamples, BindingsUnions) {
  const cdk::Stack stack;
  s3::CfnBucket(stack, "Raw",
                {.versioningConfiguration = s3::CfnBucket_VersioningConfigurationProperty{.status = "Enabled"}});
  fx::Money::parse(5.0);                        // std::variant<std::string, double>: write 5.0, not 5
  const auto n = fx::Values::parse("12");       // std::variant<std::string, double>
  double value = std::get<double>(n);

  EXPECT_EQ(value, 12);
}

TEST(DocExamples, BindingsAnyAndJson) {
  iam::PolicyDocument::fromJson(jsii::Any::object({{"Version", "2012-10-17"}, {"Statement", jsii::Any::array({})}}));
  iam::PolicyDocument::fromJson(jsii::Any::parse(R"({"Version":"2012-10-17","Statement":[]})"));
  const jsii::Any nested = fx::Values::nested();
  double value = nested["inner"]["deep"]["value"].as_number();  // 42; nested.dump() is compact JSON

  EXPECT_EQ(value, 42);
}

TEST(DocExamples, BindingsAnyHoldsStructsAndDates) {
  const jsii::Any point = fx::PointProps{.x = 1, .y = 2};  // a struct where jsii says `any`
  if (point.is<fx::PointProps>()) std::cout << point.as<fx::PointProps>().x.get() << "\n";
  const jsii::Any when = fx::Values::millennium();  // a date
  std::cout << fx::Values::typeOf(when) << "\n";     // "date"

  EXPECT_TRUE(point.is<fx::PointProps>());
  EXPECT_EQ(point.as<fx::PointProps>(), (fx::PointProps{.x = 1, .y = 2}));
  EXPECT_EQ(fx::Values::typeOf(when), "date");
  EXPECT_EQ(fx::Values::echo(point).as<fx::PointProps>(), (fx::PointProps{.x = 1, .y = 2}));
  EXPECT_EQ(fx::Values::typeOf(point), "object");
}

TEST(DocExamples, BindingsArraysMapsDatesVariadic) {
  const cdk::App app;
  const cdk::Stack stack(app, "Main");
  const cdk::Stack network(app, "Network");
  const cdk::Stack storage(app, "Storage");
  const s3::Bucket bucket(stack, "Dated");
  fx::Values::sum({1, 2, 3});  // fx::Values::sum() for none
  stack.node().addDependency({network, storage});
  fx::Account("c", std::nullopt, {.tags = {{{"team", "core"}}}});
  bucket.addLifecycleRule({.expirationDate = jsii::Date(std::chrono::sys_days{std::chrono::year{2030} / 1 / 1})});

  EXPECT_EQ(stack.node().dependencies().size(), 2U);
}

TEST(DocExamples, BindingsInterfaces) {
  const cdk::App app;
  const cdk::Stack stack(app, "Tagged");
  const s3::Bucket bucket(stack, "Bucket");
  class AddTags : public cdk::IAspect {
   public:
    AddTags(std::string key, std::string value) : key_(std::move(key)), value_(std::move(value)) {}
    void visit(const constructs::IConstruct& node) const override {
      if (jsii::cast<s3::CfnBucket>(node)) cdk::Tags::of(node).add(key_, value_);
    }
   private:
    std::string key_, value_;
  };
  cdk::Aspects::of(stack).add(jsii::make<AddTags>("team", "platform"));
  const s3::IBucket as_interface = bucket;  // implicit: Bucket implements IBucket

  EXPECT_TRUE(as_interface == bucket);
  EXPECT_FALSE(app.synth().directory().empty());  // the aspect runs during synth
}

class NetworkStack : public cdk::Stack {
 public:
  NetworkStack(const constructs::Construct& scope, const std::string& id, const cdk::StackProps& props = {})
      : Stack(scope, id, props) {
    ec2::Vpc(*this, "Vpc", {.maxAzs = 2});
  }

 protected:
  std::string allocateLogicalId(const cdk::CfnElement& element) const override {
    return "Net" + Stack::allocateLogicalId(element);  // qualified: the JS implementation (`super`)
  }
};

TEST(DocExamples, BindingsSubclassing) {
  const cdk::App app;
  const NetworkStack network(app, "Network");
  const auto vpc = network.node().findChild("Vpc").node().defaultChild();
  ASSERT_TRUE(vpc.has_value());
  const auto element = jsii::cast<cdk::CfnElement>(*vpc);
  ASSERT_TRUE(element.has_value());
  const jsii::Any logical_id = network.resolve(jsii::Any(network.getLogicalId(*element)));
  EXPECT_EQ(logical_id.as_string().rfind("Net", 0), 0U) << logical_id.dump();
}

class Service : public constructs::Construct, public ec2::IConnectable {
 public:
  Service(const constructs::Construct& scope, const std::string& id, const ec2::IVpc& vpc)
      : Construct(scope, id), group_(*this, "Group", {.vpc = vpc}), connections_({.securityGroups = {{group_}}}) {}
  ec2::Connections connections() const override { return connections_; }

 private:
  ec2::SecurityGroup group_;
  ec2::Connections connections_;
};

TEST(DocExamples, BindingsClassImplementingInterfaces) {
  const cdk::App app;
  const cdk::Stack stack(app, "Services");
  const ec2::Vpc vpc(stack, "Vpc", {.natGateways = 0.0});
  const ec2::SecurityGroup database(stack, "Database", {.vpc = vpc});
  const Service api(stack, "Api", vpc);
  database.connections().allowFrom(api, ec2::Port::tcp(5432), "api to database");

  // JS asked the C++ object for its connections: the ingress rule comes from the service's group.
  const auto tmpl = cdk::assertions::Template::fromStack(stack);
  tmpl.hasResourceProperties(
      "AWS::EC2::SecurityGroupIngress",
      jsii::Any::object({{"FromPort", 5432}, {"Description", "api to database"}}));
  EXPECT_EQ(static_cast<const constructs::Construct&>(api).jsii_ref().id,
            static_cast<const ec2::IConnectable&>(api).jsii_ref().id);
}

TEST(DocExamples, BindingsInterfacesAsLambdas) {
  const cdk::App app;
  const cdk::Stack stack(app, "Lambdas");
  const std::string stage = "dev";
  const auto counter = std::make_shared<int>(0);
  const s3::Bucket logs(stack, "Logs", {.bucketName = cdk::Lazy::string(
      jsii::implement<cdk::IStableStringProducer>([=] { return "logs-" + stage; }))});
  stack.node().addValidation(jsii::implement<constructs::IValidation>([=] {
    return stage.empty() ? std::vector<std::string>{"stage is empty"} : std::vector<std::string>{};
  }));
  cdk::Aspects::of(stack).add(jsii::implement<cdk::IAspect>([counter](const constructs::IConstruct& node) {
    if (jsii::cast<s3::CfnBucket>(node)) ++*counter;  // counter: a std::shared_ptr<int>, alive after this scope
  }));

  (void)app.synth();
  EXPECT_EQ(*counter, 1);
  // A validation that fails stops synth with its message.
  const cdk::Stack empty(app, "Empty");
  empty.node().addValidation(jsii::implement<constructs::IValidation>([] {
    return std::vector<std::string>{"the stack is empty"};
  }));
  try {
    (void)app.synth({.force = true});
    FAIL() << "a failing validation let synth succeed";
  } catch (const jsii::JsError& e) {
    EXPECT_NE(std::string(e.what()).find("the stack is empty"), std::string::npos) << e.what();
  }
}

TEST(DocExamples, BindingsUnsafeCast) {
  const jsii::Any literal = fx::Shapes::anonymousTriangle();  // { sides: 3, area: () => 6 } as `any`
  const auto triangle = jsii::unsafe_cast<fx::IShape>(literal.as_ref());
  std::cout << triangle.area() << "\n";  // 6

  EXPECT_EQ(triangle.area(), 6);
  EXPECT_EQ(triangle.sides(), 3);
  // A new literal has no type information to check; the one unsafe_cast took is known as an IShape from then on.
  EXPECT_FALSE(jsii::cast<fx::IShape>(fx::Shapes::anonymousTriangle().as_ref()).has_value());
  EXPECT_TRUE(jsii::cast<fx::IShape>(literal.as_ref()).has_value());
  EXPECT_EQ(fx::Shapes::totalArea({triangle, fx::Shapes::square(2)}), 10);
}

TEST(DocExamples, BindingsDownCasting) {
  const fx::IShape shape = fx::Shapes::square(3);
  if (const auto square = jsii::cast<fx::Square>(shape)) std::cout << square->side() << "\n";  // *square == shape

  EXPECT_TRUE(jsii::cast<fx::Square>(shape).has_value());
}

// A header excerpt (generated declarations with their Doxygen comments).
struct DocsExcerpt {
  /// Whether this bucket should have versioning turned on or not.
  ///
  /// @default false (unless object lock is enabled, then true)
  std::optional<bool> versioned;

  [[deprecated("Use `BLOCK_ACLS_ONLY` instead.")]] static ::aws_cdk_lib::aws_s3::BlockPublicAccess BLOCK_ACLS();
};

TEST(DocExamples, BindingsErrors) {
  const fx::Account account("ann");
  try {
    (void)account.withdraw(1000);
  } catch (const jsii::JsError& e) {
    // e.what(): "invoke jsii-fixture.Account@10003.withdraw failed: insufficient funds …"
    // e.call(), e.js_name(), e.js_message(), e.js_stack(), e.host_exception()
  }

  EXPECT_THROW((void)account.withdraw(1000), jsii::JsError);
  EXPECT_FALSE(DocsExcerpt{}.versioned.has_value());
}

class Audited : public fx::Keywords {
 public:
  using Keywords::delete_;  // keeps delete_(key) callable on Audited
  std::optional<std::string> delete_(const std::string& key,
                                     const std::optional<std::string>& fallback) const override;
};

std::optional<std::string> Audited::delete_(const std::string& key, const std::optional<std::string>& fallback) const {
  return "audited " + Keywords::delete_(key, fallback).value_or("-");
}

TEST(DocExamples, BindingsLimitsOverloadsHide) {
  const Audited audited;
  audited.namespace_("tpl");
  EXPECT_EQ(audited.delete_("a"), "audited 1");
}

}  // namespace
// clang-format on

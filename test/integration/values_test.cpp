// Each wire value through the real kernel and back: enums, dates, maps, structs, any/json, null vs undefined,
// integers and doubles, and Unicode strings.
#include <gtest/gtest.h>

#include "test_support.hpp"

namespace {

using jsii::Json;
namespace wire = jsii::wire;
using test_support::cdk;

jsii::ObjRef scratch_stack(jsii::Kernel& kernel) {
  const auto app = test_support::new_app(kernel, test_support::scratch_dir("values"));
  return test_support::new_stack(kernel, app, "Values");
}

TEST(Values, EnumInAndOut) {
  auto& kernel = cdk();
  const auto statement = kernel.create("aws-cdk-lib.aws_iam.PolicyStatement");
  EXPECT_EQ(wire::as_enum(kernel.get(statement, "effect")).member, "ALLOW");
  kernel.set(statement, "effect", wire::enum_value("aws-cdk-lib.aws_iam.Effect", "DENY"));
  const auto effect = wire::as_enum(kernel.get(statement, "effect"));
  EXPECT_EQ(effect.fqn, "aws-cdk-lib.aws_iam.Effect");
  EXPECT_EQ(effect.member, "DENY");
}

TEST(Values, DateInAndOut) {
  auto& kernel = cdk();
  using namespace std::chrono;
  const jsii::Date when = sys_days{year{2031} / 7 / 14} + hours{9} + minutes{30} + milliseconds{250};
  const auto expiration =
      wire::as_byref(kernel.sinvoke("aws-cdk-lib.Expiration", "atDate", {wire::date(when)}));
  const Json date = kernel.get(expiration, "date");
  EXPECT_EQ(date.dump(), R"({"$jsii.date":"2031-07-14T09:30:00.250Z"})");
  EXPECT_EQ(wire::as_date(date), when);
}

TEST(Values, MapInAndOut) {
  auto& kernel = cdk();
  const auto app = test_support::new_app(kernel, test_support::scratch_dir("map"));
  const auto stack =
      kernel.create("aws-cdk-lib.Stack",
                    {wire::byref(app), "Mapped",
                     wire::struct_value("aws-cdk-lib.StackProps",
                                        {{"tags", wire::map({{"team", "platform"}, {"cost", "42"}})}})});
  const Json values = kernel.invoke(wire::as_byref(kernel.get(stack, "tags")), "tagValues");
  EXPECT_TRUE(wire::is_map(values)) << values;
  EXPECT_EQ(wire::as_map(values), (Json{{"cost", "42"}, {"team", "platform"}}));
}

TEST(Values, StructsGoByValueAndComeBackByReference) {
  auto& kernel = cdk();
  const Json components = kernel.sinvoke("aws-cdk-lib.Arn", "split",
                                         {"arn:aws:s3:us-east-1:123456789012:bucket/foo",
                                          wire::enum_value("aws-cdk-lib.ArnFormat", "SLASH_RESOURCE_NAME")});
  const auto ref = wire::as_byref(components);
  EXPECT_EQ(ref.fqn(), "Object");
  EXPECT_EQ(ref.interfaces, std::vector<std::string>{"aws-cdk-lib.ArnComponents"});
  EXPECT_EQ(kernel.get(ref, "service"), "s3");
  EXPECT_EQ(kernel.get(ref, "resourceName"), "foo");
  // An empty struct is still a struct: CronOptions with no fields makes a valid every-minute schedule.
  const Json schedule =
      kernel.sinvoke("aws-cdk-lib.aws_events.Schedule", "cron",
                     {wire::struct_value("aws-cdk-lib.aws_events.CronOptions", Json::object())});
  EXPECT_EQ(kernel.get(wire::as_byref(schedule), "expressionString"), "cron(* * * * ? *)");
}

TEST(Values, AnyComesBackAsPlainJsonWithTokensInside) {
  auto& kernel = cdk();
  const auto stack = scratch_stack(kernel);
  const Json input = wire::map({{"a", 1},
                                {"nested", wire::map({{"list", Json::array({1, "two", nullptr})}})},
                                {"when", wire::date(jsii::Date{std::chrono::milliseconds{1704164645000}})}});
  const Json resolved = kernel.invoke(stack, "resolve", {input});
  const Json plain = wire::as_plain_json(resolved);
  EXPECT_EQ(plain["a"], 1);
  // CDK's resolve drops nulls from lists (its own rule); the rest survives, tokens included.
  EXPECT_EQ(plain["nested"]["list"], Json::parse(R"([1,"two"])"));
  EXPECT_EQ(wire::as_date(plain["when"]), jsii::Date{std::chrono::milliseconds{1704164645000}});
}

TEST(Values, JsonTypedValuesRoundTrip) {
  auto& kernel = cdk();
  const Json document{
      {"Version", "2012-10-17"},
      {"Statement", Json::array({{{"Effect", "Allow"}, {"Action", "s3:GetObject"}, {"Resource", "*"}}})}};
  const auto policy =
      wire::as_byref(kernel.sinvoke("aws-cdk-lib.aws_iam.PolicyDocument", "fromJson", {document}));
  const Json back = wire::as_plain_json(kernel.invoke(policy, "toJSON"));
  EXPECT_EQ(back["Statement"][0]["Action"], "s3:GetObject");
  EXPECT_EQ(back["Version"], "2012-10-17");
}

TEST(Values, NullAndUndefinedStayDistinct) {
  auto& kernel = cdk();
  const auto stack = scratch_stack(kernel);
  // TagManager.of(app) is `TagManager | undefined`: an App is not taggable, so the result is absent, not
  // null.
  const auto app = test_support::new_app(kernel, test_support::scratch_dir("undefined"));
  EXPECT_TRUE(jsii::is_undefined(kernel.sinvoke("aws-cdk-lib.TagManager", "of", {wire::byref(app)})));
  // A required argument left undefined is refused by the kernel; an explicit null is a value.
  EXPECT_THROW((void)kernel.invoke(stack, "resolve", {jsii::undefined()}), jsii::Fault);
  // An explicit null is a value: accepted where undefined was refused (CDK's resolve then drops it, its own
  // rule).
  EXPECT_TRUE(jsii::is_undefined(kernel.invoke(stack, "resolve", {nullptr})));
  // A void method has no result at all.
  const auto statement = kernel.create("aws-cdk-lib.aws_iam.PolicyStatement");
  EXPECT_TRUE(jsii::is_undefined(kernel.invoke(statement, "addActions", {"s3:GetObject", "s3:PutObject"})));
  EXPECT_EQ(kernel.get(statement, "actions"), Json::parse(R"(["s3:GetObject","s3:PutObject"])"));
}

TEST(Values, IntegersAndDoubles) {
  auto& kernel = cdk();
  const auto ninety = wire::as_byref(kernel.sinvoke("aws-cdk-lib.Duration", "minutes", {1.5}));
  const Json seconds = kernel.invoke(ninety, "toSeconds");
  EXPECT_TRUE(seconds.is_number_integer()) << seconds;
  EXPECT_EQ(seconds, 90);
  const Json minutes = kernel.invoke(
      ninety, "toMinutes", {wire::struct_value("aws-cdk-lib.TimeConversionOptions", {{"integral", false}})});
  EXPECT_DOUBLE_EQ(minutes.get<double>(), 1.5);
  const auto big = wire::as_byref(kernel.sinvoke("aws-cdk-lib.Duration", "seconds", {4294967296.0}));
  EXPECT_EQ(kernel.invoke(big, "toSeconds").get<double>(), 4294967296.0);
}

TEST(Values, UnicodeStringsSurviveIntoTheTemplate) {
  auto& kernel = cdk();
  const std::string text =
      "h\xC3\xA9llo w\xC3\xB6rld \xF0\x9F\x9A\x80 \xE2\x80\xA8 \"quoted\" \\ tab\t \xE4\xB8\xAD\xE6\x96\x87";
  const auto stack = scratch_stack(kernel);
  EXPECT_EQ(kernel.invoke(stack, "resolve", {text}), text);
  const std::string outdir = test_support::scratch_dir("unicode");
  const auto app = test_support::new_app(kernel, outdir);
  (void)kernel.create(
      "aws-cdk-lib.Stack",
      {wire::byref(app), "Unicode", wire::struct_value("aws-cdk-lib.StackProps", {{"description", text}})});
  (void)kernel.invoke(app, "synth");
  EXPECT_EQ(test_support::read_template(outdir, "Unicode")["Description"], text);
}

TEST(Values, InvalidUtf8IsRefusedBeforeItReachesTheKernel) {
  auto& kernel = cdk();
  const auto stack = scratch_stack(kernel);
  try {
    (void)kernel.invoke(stack, "resolve", {std::string("bad \xFF byte")});
    FAIL() << "invalid UTF-8 was sent";
  } catch (const jsii::Error& e) {
    EXPECT_NE(std::string(e.what()).find("UTF-8"), std::string::npos) << e.what();
  }
  EXPECT_EQ(kernel.invoke(stack, "resolve", {"still fine"}), "still fine");
}

}  // namespace

// Wire tokens: each one is built and read back, and malformed shapes are reported as faults.
#include <gtest/gtest.h>

#include <jsii/errors.hpp>
#include <jsii/wire.hpp>

namespace {

using jsii::Json;
namespace wire = jsii::wire;

TEST(Wire, ByrefRoundTripKeepsInterfaces) {
  const jsii::ObjRef ref{"aws-cdk-lib.aws_s3.Bucket@10003", {"aws-cdk-lib.IAspect"}};
  const Json token = wire::byref(ref);
  EXPECT_EQ(
      token.dump(),
      R"({"$jsii.byref":"aws-cdk-lib.aws_s3.Bucket@10003","$jsii.interfaces":["aws-cdk-lib.IAspect"]})");
  const auto back = wire::as_byref(token);
  EXPECT_EQ(back.id, ref.id);
  EXPECT_EQ(back.interfaces, ref.interfaces);
  EXPECT_EQ(back.fqn(), "aws-cdk-lib.aws_s3.Bucket");
  EXPECT_EQ(jsii::ObjRef{"Object@10006"}.fqn(), "Object");
}

TEST(Wire, EnumSplitsOnTheLastSlash) {
  const Json token = wire::enum_value("aws-cdk-lib.RemovalPolicy", "DESTROY");
  EXPECT_EQ(token.dump(), R"({"$jsii.enum":"aws-cdk-lib.RemovalPolicy/DESTROY"})");
  const auto member = wire::as_enum(token);
  EXPECT_EQ(member.fqn, "aws-cdk-lib.RemovalPolicy");
  EXPECT_EQ(member.member, "DESTROY");
}

TEST(Wire, DatesAreIsoUtcWithMilliseconds) {
  using namespace std::chrono;
  const jsii::Date when =
      sys_days{year{2030} / 1 / 2} + hours{3} + minutes{4} + seconds{5} + milliseconds{67};
  const Json token = wire::date(when);
  EXPECT_EQ(token.dump(), R"({"$jsii.date":"2030-01-02T03:04:05.067Z"})");
  EXPECT_EQ(wire::as_date(token), when);
  const jsii::Date before_epoch =
      sys_days{year{1969} / 12 / 31} + hours{23} + minutes{59} + seconds{59} + milliseconds{1};
  EXPECT_EQ(wire::format_iso8601(before_epoch), "1969-12-31T23:59:59.001Z");
  EXPECT_EQ(wire::parse_iso8601("1969-12-31T23:59:59.001Z"), before_epoch);
  EXPECT_THROW((void)wire::parse_iso8601("yesterday"), jsii::Fault);
}

TEST(Wire, StructsAreAlwaysWrappedEvenWhenEmpty) {
  EXPECT_EQ(wire::struct_value("aws-cdk-lib.aws_events.CronOptions", Json::object()).dump(),
            R"({"$jsii.struct":{"data":{},"fqn":"aws-cdk-lib.aws_events.CronOptions"}})");
  EXPECT_TRUE(wire::is_struct(wire::struct_value("x.Y", nullptr)));
}

TEST(Wire, MapsAcceptBothWrappedAndBareObjects) {
  const Json inner{{"a", 1}, {"b", "two"}};
  EXPECT_EQ(wire::as_map(wire::map(inner)), inner);
  EXPECT_EQ(wire::as_map(inner), inner);
  EXPECT_THROW((void)wire::as_map(Json::array()), jsii::Fault);
  EXPECT_THROW((void)wire::map(Json(3)), jsii::Fault);
}

TEST(Wire, PlainJsonUnwrapsMapsAtEveryDepthAndKeepsOtherTokens) {
  const Json mixed = Json::parse(
      R"({"$jsii.map":{"a":1,"nested":{"$jsii.map":{"n":null}},"list":[{"$jsii.map":{"x":true}}],
          "when":{"$jsii.date":"2024-01-02T03:04:05.000Z"}}})");
  const Json plain = wire::as_plain_json(mixed);
  EXPECT_EQ(plain, Json::parse(R"({"a":1,"nested":{"n":null},"list":[{"x":true}],
                                   "when":{"$jsii.date":"2024-01-02T03:04:05.000Z"}})"));
}

TEST(Wire, UndefinedIsStrippedNullIsKept) {
  Json args = Json::array({"id", jsii::undefined(), nullptr, jsii::undefined(), jsii::undefined()});
  EXPECT_EQ(wire::strip_undefined(args).dump(), R"(["id",null,null])");
  Json object{{"kept", nullptr}, {"gone", jsii::undefined()}, {"deep", {{"gone", jsii::undefined()}}}};
  EXPECT_EQ(wire::strip_undefined(object).dump(), R"({"deep":{},"kept":null})");
  EXPECT_TRUE(jsii::is_undefined(jsii::undefined()));
  EXPECT_FALSE(jsii::is_undefined(Json(nullptr)));
}

TEST(Wire, ReadingTheWrongTokenNamesWhatArrived) {
  try {
    (void)wire::as_byref(Json{{"$jsii.enum", "a.B/C"}});
    FAIL() << "expected a fault";
  } catch (const jsii::Fault& fault) {
    EXPECT_NE(std::string(fault.what()).find("$jsii.enum"), std::string::npos) << fault.what();
    EXPECT_NE(std::string(fault.what()).find("object reference"), std::string::npos) << fault.what();
  }
}

}  // namespace

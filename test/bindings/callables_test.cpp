// Callables for one-method interfaces (jsii::implement), struct equality, jsii::Any holding structs and
// dates, and jsii::unsafe_cast, through the generated bindings of the fixture library.
#include <gtest/gtest.h>

#include <jsii/cast.hpp>
#include <jsii/errors.hpp>
#include <jsii_fixture/IListener.hpp>
#include <jsii_fixture/ITransform.hpp>
#include <jsii_fixture/Inspector.hpp>
#include <jsii_fixture/LeafProps.hpp>
#include <jsii_fixture/Pipeline.hpp>
#include <jsii_fixture/PointProps.hpp>
#include <jsii_fixture/Shapes.hpp>
#include <jsii_fixture/Values.hpp>
#include <memory>
#include <stdexcept>

namespace fx = jsii_fixture;

namespace {

fx::Pipeline pipeline_of_double_then_increment() {
  // The lambdas outlive this function: JS calls them in run(), after it returned.
  const double factor = 2;
  return fx::Pipeline()
      .add(jsii::implement<fx::ITransform>([factor](double value) { return value * factor; }))
      .add(jsii::implement<fx::ITransform>([](double value) { return value + 1; }));
}

TEST(Callables, ALambdaImplementsAOneMethodInterfaceAndOutlivesItsScope) {
  const auto pipeline = pipeline_of_double_then_increment();
  EXPECT_EQ(pipeline.run(3), 7);
  EXPECT_EQ(pipeline.run(0), 1);
}

TEST(Callables, AVoidMethodTakesALambdaThatReturnsNothing) {
  const auto events = std::make_shared<std::vector<std::string>>();
  const auto pipeline = fx::Pipeline().listen(
      jsii::implement<fx::IListener>([events](const std::string& event) { events->push_back(event); }));
  (void)pipeline.add(jsii::implement<fx::ITransform>([](double value) { return -value; })).run(4);
  EXPECT_EQ(*events, std::vector<std::string>{"ran 4 -> -4"});
}

TEST(Callables, AThrowingLambdaFailsTheJsCallWithItsMessage) {
  const auto pipeline = fx::Pipeline().add(jsii::implement<fx::ITransform>(
      [](double) -> double { throw std::runtime_error("no negative input"); }));
  try {
    (void)pipeline.run(-1);
    FAIL() << "the exception from the lambda was lost";
  } catch (const jsii::JsError& e) {
    EXPECT_NE(std::string(e.what()).find("no negative input"), std::string::npos) << e.what();
  }
  EXPECT_EQ(fx::Pipeline().run(5), 5);  // the kernel is fine afterwards
}

TEST(StructEquality, ComparesFieldByField) {
  EXPECT_EQ((fx::PointProps{.x = 1, .y = 2}), (fx::PointProps{.x = 1, .y = 2}));
  EXPECT_NE((fx::PointProps{.x = 1, .y = 2}), (fx::PointProps{.x = 2, .y = 1}));
  const fx::LeafProps leaf = fx::Inspector::sampleLeaf("s1");
  // Every call makes a new Money object for `price`: handles compare by identity, so the samples differ...
  fx::LeafProps other = fx::Inspector::sampleLeaf("s1");
  EXPECT_NE(leaf, other);
  // ...until they hold the same object; then nested structs, vectors, maps, unions, dates and `any` all
  // match.
  other.price = leaf.price;
  EXPECT_EQ(leaf, other);
  fx::LeafProps changed = leaf;
  changed.labels = std::vector<std::string>{"other"};
  EXPECT_NE(leaf, changed);
}

TEST(AnyValues, HoldStructsAndDatesBothWays) {
  const jsii::Any point = fx::PointProps{.x = 3, .y = 4};
  EXPECT_TRUE(point.is<fx::PointProps>());
  EXPECT_EQ(fx::Values::typeOf(point), "object");
  // Through JS and back: the kernel hands back a plain object, read as the struct asked for.
  const jsii::Any echoed = fx::Values::echo(point);
  EXPECT_EQ(echoed.as<fx::PointProps>(), (fx::PointProps{.x = 3, .y = 4}));
  EXPECT_FALSE(fx::Values::echo(jsii::Any::object({{"x", 1}})).is<fx::PointProps>());  // y is required
  EXPECT_THROW((void)jsii::Any("text").as<fx::PointProps>(), jsii::Error);

  const jsii::Date date{std::chrono::milliseconds{951782400000}};
  const jsii::Any when = date;
  EXPECT_TRUE(when.is_date());
  EXPECT_FALSE(when.is_object());
  EXPECT_EQ(fx::Values::typeOf(when), "date");
  EXPECT_EQ(fx::Values::echo(when).as_date(), date);
  EXPECT_THROW((void)jsii::Any(1).as_date(), jsii::Error);
}

TEST(UnsafeCast, CallsReachAnUntypedObjectLiteral) {
  const jsii::Any literal = fx::Shapes::anonymousTriangle();
  ASSERT_TRUE(literal.is_ref());
  EXPECT_FALSE(jsii::cast<fx::IShape>(literal.as_ref()).has_value());
  const auto triangle = jsii::unsafe_cast<fx::IShape>(literal.as_ref());
  EXPECT_EQ(triangle.area(), 6);
  EXPECT_EQ(triangle.sides(), 3);
  EXPECT_EQ(fx::Shapes::totalArea({triangle}), 6);
}

TEST(UnsafeCast, AnEmptyHandleIsRefused) {
  EXPECT_THROW((void)jsii::unsafe_cast<fx::IShape>(jsii::Object()), jsii::Error);
}

}  // namespace

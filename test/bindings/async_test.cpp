// Async jsii methods through the generated bindings of the fixture library: calls that block until the
// promise settles, C++ overrides JS awaits (including one calling the JS implementation and one that throws),
// and the clear refusal of an async call from inside a synchronous callback.
#include <gtest/gtest.h>

#include <jsii/cast.hpp>
#include <jsii/errors.hpp>
#include <jsii_fixture/Countdown.hpp>
#include <jsii_fixture/ITransform.hpp>
#include <jsii_fixture/Pipeline.hpp>
#include <jsii_fixture/Values.hpp>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

namespace fx = jsii_fixture;

namespace {

/// Counts down two at a time, and remembers what JS asked.
class ByTwo : public fx::Countdown {
 public:
  double step(double value) const override {
    asked->push_back(value);
    return value - 2;
  }
  std::shared_ptr<std::vector<double>> asked = std::make_shared<std::vector<double>>();
};

/// Takes JS's step (an async call made while JS awaits this override), then one more.
class JsStepPlusOne : public fx::Countdown {
 public:
  double step(double value) const override { return fx::Countdown::step(value) - 1; }
};

/// Refuses to step from 2.
class RefusesTwo : public fx::Countdown {
 public:
  double step(double value) const override {
    if (value == 2) throw std::invalid_argument("step refused at 2");
    return value - 1;
  }
};

TEST(Async, ACallBlocksUntilThePromiseResolvesAndReturnsItsValue) {
  EXPECT_EQ(fx::Values().doubleLater(7), 14);
  EXPECT_EQ(fx::Countdown().step(10), 9);
  EXPECT_EQ(fx::Countdown().count(4), "4 steps");  // JS awaits its own step() four times
}

TEST(Async, ARejectedPromiseThrowsItsError) {
  try {
    (void)fx::Countdown().fail("the disk is full");
    FAIL() << "the rejection was lost";
  } catch (const jsii::JsError& e) {
    EXPECT_EQ(e.js_message(), "the disk is full");  // as a synchronous throw reads
    EXPECT_EQ(e.js_name(), "Error");
    EXPECT_NE(e.call().find("fail"), std::string::npos) << e.call();
  }
  EXPECT_EQ(fx::Countdown().step(1), 0);  // the kernel serves the next call
}

TEST(Async, JsAwaitsACppOverride) {
  const ByTwo countdown;
  EXPECT_EQ(countdown.count(5), "3 steps");
  EXPECT_EQ(*countdown.asked, (std::vector<double>{5, 3, 1}));
}

TEST(Async, AnOverrideMayCallTheJsImplementation) {
  EXPECT_EQ(JsStepPlusOne().count(6), "3 steps");  // 6 -> 4 -> 2 -> 0
}

TEST(Async, AThrowingOverrideRejectsThePromiseWithItsMessage) {
  try {
    (void)RefusesTwo().count(4);
    FAIL() << "the exception from the override was lost";
  } catch (const jsii::JsError& e) {
    EXPECT_NE(e.js_message().find("step refused at 2"), std::string::npos) << e.js_message();
    ASSERT_TRUE(e.host_exception());
    EXPECT_THROW(std::rethrow_exception(e.host_exception()), std::invalid_argument);
  }
  EXPECT_EQ(RefusesTwo().count(1), "1 steps");
}

TEST(Async, AnAsyncCallFromASynchronousCallbackIsRefusedClearly) {
  const fx::Countdown countdown;
  const auto pipeline = fx::Pipeline().add(
      jsii::implement<fx::ITransform>([countdown](double value) { return countdown.step(value); }));
  try {
    (void)pipeline.run(3);
    FAIL() << "the async call inside run() did not fail";
  } catch (const jsii::JsError& e) {
    ASSERT_TRUE(e.host_exception()) << e.what();
    try {
      std::rethrow_exception(e.host_exception());
    } catch (const jsii::NotSupported& refused) {
      const std::string what = refused.what();
      EXPECT_NE(what.find("step"), std::string::npos) << what;
      EXPECT_NE(what.find("JS is calling synchronously"), std::string::npos) << what;
    }
  }
  EXPECT_EQ(countdown.step(3), 2);  // outside the callback the same call works
}

}  // namespace

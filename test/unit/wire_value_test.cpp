// The opaque wire values of the generated bindings: ownership, views, maps, and the marshalling templates
// over them (no kernel: only values that need none).
#include <gtest/gtest.h>

#include <jsii/bindings.hpp>
#include <jsii/errors.hpp>
#include <map>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "wire_json.hpp"

namespace {

namespace detail = jsii::detail;
using detail::Wire;
using detail::WireView;
using jsii::Json;
using StringMap = std::map<std::string, std::string>;

TEST(WireValue, DefaultIsUndefinedAndSurvivesCopiesAndMoves) {
  Wire none;
  EXPECT_TRUE(WireView(none).is_undefined());
  EXPECT_TRUE(WireView(none).is_absent());
  EXPECT_EQ(WireView(none).dump(), "undefined");

  Wire list = Wire::array();
  list.push_back(detail::to_wire(std::string("a")));
  list.push_back(detail::to_wire(2.5));
  const Wire copy = list;  // NOLINT(performance-unnecessary-copy-initialization): the copy is under test
  Wire moved = std::move(list);
  EXPECT_EQ(WireView(copy).dump(), R"(["a",2.5])");
  EXPECT_EQ(WireView(moved).dump(), R"(["a",2.5])");
  EXPECT_EQ(WireView(moved).size(), 2U);
  EXPECT_TRUE(WireView(moved)[7].is_undefined());  // past the end: undefined, as a missing argument
  EXPECT_EQ(detail::take_json(std::move(moved)), Json::parse(R"(["a",2.5])"));
}

TEST(WireValue, NullIsAbsentButNotUndefined) {
  const Wire null = detail::make_wire(nullptr);
  EXPECT_FALSE(WireView(null).is_undefined());
  EXPECT_TRUE(WireView(null).is_absent());
  EXPECT_EQ(detail::from_wire<std::optional<std::string>>(null), std::nullopt);
}

TEST(WireValue, ContainersRoundTrip) {
  const std::vector<std::map<std::string, double>> value{{{"a", 1}, {"b", 2}}, {}};
  const Wire wire = detail::to_wire(value);
  EXPECT_EQ(WireView(wire).dump(), R"([{"$jsii.map":{"a":1.0,"b":2.0}},{"$jsii.map":{}}])");
  using Maps = std::vector<std::map<std::string, double>>;
  EXPECT_EQ(detail::from_wire<Maps>(wire), value);
}

TEST(WireValue, MapsAreReadWrappedOrBareAndOtherShapesAreFaults) {
  const Wire wrapped = detail::make_wire(Json::parse(R"({"$jsii.map":{"k":"v"}})"));
  const Wire bare = detail::make_wire(Json::parse(R"({"k":"v"})"));
  const StringMap expected{{"k", "v"}};
  EXPECT_EQ(detail::from_wire<StringMap>(wrapped), expected);
  EXPECT_EQ(detail::from_wire<StringMap>(bare), expected);
  const Wire number = detail::make_wire(3);
  EXPECT_THROW((void)detail::from_wire<StringMap>(number), jsii::Fault);
  const Wire date = jsii::detail::make_wire(Json::parse(R"({"$jsii.date":"2026-01-01T00:00:00.000Z"})"));
  EXPECT_THROW((void)detail::map_entries(date), jsii::Fault);
}

TEST(WireValue, UnionsPickTheFirstAlternativeThatAccepts) {
  using Union = std::variant<double, std::string, std::vector<std::string>>;
  EXPECT_EQ(detail::from_wire<Union>(detail::make_wire("x")), Union(std::string("x")));
  EXPECT_EQ(detail::from_wire<Union>(detail::make_wire(Json::parse(R"(["p","q"])"))),
            Union(std::vector<std::string>{"p", "q"}));
  EXPECT_EQ(WireView(detail::to_wire(Union(4.0))).dump(), "4.0");
  const Wire boolean = detail::make_wire(true);
  try {
    (void)detail::from_wire<Union>(boolean);
    FAIL() << "a boolean is none of the union's types";
  } catch (const jsii::Error& e) {
    EXPECT_STREQ(e.what(), "expected a value of one of the union's types from JS, got true");
  }
}

TEST(WireValue, WrongPrimitivesNameWhatArrived) {
  const Wire text = detail::make_wire("seven");
  try {
    (void)detail::from_wire<double>(text);
    FAIL() << "a string is not a number";
  } catch (const jsii::Error& e) {
    EXPECT_STREQ(e.what(), R"(expected a number from JS, got "seven")");
  }
}

}  // namespace

// One test per mapping row of docs/bindings.md, through generated code only, against the real kernel and the
// jsii test library in test/fixtures/jsii-fixture.
#include <gtest/gtest.h>

#include <fstream>
#include <jsii/cast.hpp>
#include <jsii/errors.hpp>
#include <jsii/wire.hpp>
#include <jsii_fixture.hpp>
#include <jsii_fixture/sub.hpp>
#include <jsii_fixture/sub/deep.hpp>
#include <sstream>
#include <stdexcept>
#include <type_traits>

namespace fx = jsii_fixture;

namespace {

std::string read_file(const std::string& path) {
  std::ifstream in(path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// --- namespaces, names, keywords
// --------------------------------------------------------------------------------

TEST(Bindings, SubmodulesAreNestedNamespacesAndNestedTypesAreJoined) {
  EXPECT_EQ(fx::sub::deep::Probe().level(), fx::sub::deep::Level::BOTTOM);
  EXPECT_EQ(fx::Outer::render(fx::Outer_InnerProps{.depth = 3, .label = "x", .mode = fx::Outer_Mode::FANCY}),
            "fancy:x@3");
  EXPECT_EQ(fx::Outer::defaults().label.get(), "outer");
}

TEST(Bindings, CppKeywordsGetATrailingUnderscore) {
  fx::Keywords keywords("tpl");
  EXPECT_EQ(keywords.namespace_(), "tpl");
  keywords.namespace_("changed");
  EXPECT_EQ(keywords.namespace_(), "changed");
  EXPECT_EQ(keywords.delete_("a"), "1");
  EXPECT_EQ(keywords.delete_("a", std::string("gone")), "gone");
  EXPECT_EQ(
      keywords.describe({.class_ = "c", .default_ = 2, .namespace_ = "ns", .sentinel = fx::Sentinel::EOF_}),
      "class=c;default=2;namespace=ns;sentinel=EOF");
  EXPECT_EQ(keywords.sentinel(), fx::Sentinel::NULL_);
  EXPECT_EQ(keywords.apply(fx::Operator::MINUS, 5, 3), 2);
}

// --- classes
// ------------------------------------------------------------------------------------------------------

TEST(Bindings, ConstructorsMethodsAndProperties) {
  const fx::Money money(5, std::string("USD"));
  EXPECT_EQ(money.amount(), 5);
  EXPECT_EQ(money.currency(), "USD");
  EXPECT_EQ(money.format(), "5.00 USD");
  EXPECT_EQ(fx::Money(1).currency(), "EUR");  // optional constructor parameter left out
}

TEST(Bindings, StaticMethodsConstantsAndMutableStatics) {
  EXPECT_EQ(fx::Money::DEFAULT_CURRENCY(), "EUR");
  EXPECT_EQ(fx::Money::PRECISION(), 2);
  EXPECT_EQ(fx::Money::ZERO().amount(), 0);
  EXPECT_EQ(fx::Account::BANK(), "Fixture Bank");
  EXPECT_EQ(fx::Account::open("ann").owner(), "ann");
  fx::Money::separator("_");
  EXPECT_EQ(fx::Money(1).format(), "1.00_EUR");
  fx::Money::separator(" ");
  EXPECT_EQ(fx::Money::separator(), " ");
}

TEST(Bindings, OptionalParametersAndPropsStructs) {
  const fx::Account plain("ann");
  EXPECT_EQ(plain.balance().amount(), 0);
  EXPECT_EQ(plain.kind(), fx::AccountKind::CHECKING);
  const fx::Account savings("bob", fx::Money(10), {.kind = fx::AccountKind::SAVINGS, .overdraftLimit = 100});
  EXPECT_EQ(savings.kind(), fx::AccountKind::SAVINGS);
  EXPECT_EQ(savings.withdraw(50).balance().amount(), -40);
  EXPECT_EQ(fx::Account("c", std::nullopt, {.tags = {{{"team", "core"}}}}).tag("team"), "core");
  EXPECT_EQ(plain.tag("missing"), std::nullopt);
}

TEST(Bindings, ReadWritePropertiesAndOptionalValues) {
  const fx::Account account("ann");
  EXPECT_EQ(account.nickname(), std::nullopt);
  account.nickname("annie");
  EXPECT_EQ(account.nickname(), "annie");
  account.nickname(std::nullopt);
  EXPECT_EQ(account.nickname(), std::nullopt);
}

TEST(Bindings, IdentityOfReturnedObjects) {
  const fx::Account account("ann");
  EXPECT_EQ(account.deposit("5 EUR"), account);  // `this` comes back as the same object
  EXPECT_FALSE(account.duplicate() == account);
  EXPECT_EQ(account.balance().amount(), 5);
}

TEST(Bindings, JsErrorsBecomeJsErrorExceptions) {
  const fx::Account account("ann");
  try {
    (void)account.withdraw(1000);
    FAIL() << "expected a JsError";
  } catch (const jsii::JsError& e) {
    EXPECT_NE(e.js_message().find("insufficient funds"), std::string::npos) << e.what();
    EXPECT_NE(e.call().find("withdraw"), std::string::npos) << e.call();
  }
}

// --- structs
// ------------------------------------------------------------------------------------------------------

template <class T>
concept BuildsWithOnlyX = requires {
  T{.x = 1.0};
};

TEST(Bindings, StructsFlattenInheritedFieldsAlphabeticallyAndRequireRequiredOnes) {
  static_assert(!std::is_default_constructible_v<fx::PointProps>, "required fields have no default");
  static_assert(!BuildsWithOnlyX<fx::PointProps>, "leaving out a required field does not compile");
  const fx::LeafProps leaf{
      .createdAt = jsii::Date(std::chrono::milliseconds(951782400000)),
      .enabled = false,
      .extra = jsii::Any::object({{"k", jsii::Any::array({1, "two"})}}),
      .id = "leaf",  // from BaseOptions
      .kind = fx::AccountKind::SAVINGS,
      .labels = {{"a"}},
      .landmarks = {{{"home", fx::PointProps{.x = 1, .y = 2}}}},
      .origin = fx::PointProps{.x = 0, .y = 0},
      .path = {{fx::PointProps{.x = 3, .y = 4}}},
      .price = fx::Money(2),
      .scores = {{{"alice", 1}}},
      .size = 42.0,
      .weight = 1.5,  // from MiddleOptions
  };
  EXPECT_EQ(fx::Inspector::summarize(leaf),
            R"({"createdAt":"2000-02-29T00:00:00.000Z","enabled":false,"extra":{"k":[1,"two"]},"id":"leaf",)"
            R"("kind":"SAVINGS","labels":["a"],"landmarks":{"home":{"x":1,"y":2}},"origin":{"x":0,"y":0},)"
            R"("path":[{"x":3,"y":4}],"price":"2 EUR","scores":{"alice":1},"size":42,"weight":1.5})");
  EXPECT_EQ(fx::Inspector::summarize({.id = "min", .origin = fx::PointProps{.x = 1, .y = 1}, .weight = 0}),
            R"({"id":"min","origin":{"x":1,"y":1},"weight":0})");
}

TEST(Bindings, StructsReturnedFromJsAreReadFieldByField) {
  const fx::LeafProps leaf = fx::Inspector::sampleLeaf("s1");
  EXPECT_EQ(leaf.id.get(), "s1");
  EXPECT_EQ(leaf.labels, (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(leaf.weight.get(), 2.5);
  EXPECT_EQ(leaf.origin->y.get(), 2);
  ASSERT_TRUE(leaf.path.has_value());
  EXPECT_EQ(leaf.path->at(1).x.get(), 3);
  EXPECT_EQ(leaf.landmarks->at("home").y.get(), 6);
  EXPECT_EQ(leaf.scores->at("bob"), 2);
  EXPECT_EQ(leaf.kind, fx::AccountKind::SAVINGS);
  EXPECT_EQ(std::get<std::string>(*leaf.size), "XL");
  EXPECT_EQ(leaf.price->currency(), "USD");
  EXPECT_EQ(jsii::wire::format_iso8601(*leaf.createdAt), "2024-02-29T12:00:00.000Z");
  EXPECT_EQ(leaf.extra->dump(), R"({"nested":[1,"two",null]})");
  const fx::AccountStatement statement = fx::Account("ann").deposit("3 EUR").statement();
  EXPECT_EQ(statement.owner.get(), "ann");
  EXPECT_EQ(statement.movements.get(), std::vector<double>{3});
}

// --- enums, unions, any, dates, variadic
// -------------------------------------------------------------------------

TEST(Bindings, EnumsAsEnumClass) {
  static_assert(std::is_enum_v<fx::AccountKind>);
  EXPECT_EQ(fx::Account("a", std::nullopt, {.kind = fx::AccountKind::SAVINGS}).kind(),
            fx::AccountKind::SAVINGS);
}

TEST(Bindings, UnionsOfPrimitivesAndClassesAsVariants) {
  EXPECT_EQ(fx::Money::parse(5.0).amount(), 5);  // numbers in unions are double: 5.0, not 5
  EXPECT_EQ(fx::Money::parse("7 USD").currency(), "USD");
  const fx::Money one(1);
  EXPECT_EQ(one.plus(fx::Money(2)).amount(), 3);
  EXPECT_EQ(one.plus("2.5 EUR").amount(), 3.5);
  EXPECT_EQ(std::get<double>(fx::Values::parse("12")), 12);
  EXPECT_EQ(std::get<std::string>(fx::Values::parse("twelve")), "twelve");
  EXPECT_EQ(fx::Values::repeat(2, "x"), "2 x \"x\"");
  EXPECT_EQ(fx::Inspector::summarizeAny(std::string("s")), "string:s");
  EXPECT_EQ(fx::Inspector::summarizeAny(fx::BaseOptions{.id = "b"}), R"({"id":"b"})");
}

TEST(Bindings, AnyAndJsonAsJsonValues) {
  const jsii::Any sent = jsii::Any::object({{"a", 1}, {"b", jsii::Any::array({true, nullptr, "x"})}});
  EXPECT_EQ(fx::Values::echo(sent), sent);
  const jsii::Any nested = fx::Values::nested();
  EXPECT_EQ(nested["inner"]["deep"]["value"].as_number(), 42);
  EXPECT_EQ(nested["list"].size(), 4U);
  EXPECT_EQ(fx::Values::typeOf(), "undefined");
  EXPECT_EQ(fx::Values::typeOf(jsii::Any("s")), "string");
  EXPECT_EQ(fx::Values::jsonKeys(jsii::Any::parse(R"({"z":1,"a":2})")), (std::vector<std::string>{"a", "z"}));
  EXPECT_EQ(fx::Values::jsonOf("k", 3).dump(), R"({"k":3})");
  EXPECT_EQ(fx::Values::echo(fx::Money(4)).as_ref().jsii_ref().fqn(),
            "jsii-fixture.Money");  // objects in any
}

TEST(Bindings, DatesAsChronoTimePoints) {
  EXPECT_EQ(fx::Values::isoDate(jsii::wire::parse_iso8601("2001-02-03T04:05:06.789Z")),
            "2001-02-03T04:05:06.789Z");
  EXPECT_EQ(jsii::wire::format_iso8601(fx::Values::millennium(1)), "2000-01-02T00:00:00.000Z");
  EXPECT_EQ(jsii::wire::format_iso8601(fx::Values::millennium()), "2000-01-01T00:00:00.000Z");
}

TEST(Bindings, ArraysMapsAndVariadicParameters) {
  EXPECT_EQ(fx::Values::sum({1, 2, 3.5}), 6.5);
  EXPECT_EQ(fx::Values::sum(), 0);
  EXPECT_EQ(fx::Values::join(std::string("-"), {"a", "b"}), "a-b");
  EXPECT_EQ(fx::Values::join(), "");
  EXPECT_EQ(fx::Values::count({"x", "y"}, std::map<std::string, bool>{{"f", true}}), 3);
  EXPECT_EQ(fx::Money::total({fx::Money(1), fx::Money(2)}).amount(), 3);
}

// --- interfaces
// ---------------------------------------------------------------------------------------------------

class French : public fx::IGreeter {
 public:
  [[nodiscard]] std::string language() const override { return "fr"; }
  [[nodiscard]] std::string greet(const std::string& name) const override { return "Bonjour " + name; }
};

TEST(Bindings, InterfacesImplementedInCppAreCalledFromJs) {
  const French french;
  EXPECT_EQ(fx::Greeting::render(french, "Ann"), "[fr] Bonjour Ann");
  EXPECT_EQ(fx::Greeting::render(french, "Bob"), "[fr] Bonjour Bob");  // the same kernel object again
}

TEST(Bindings, InterfaceHandlesForJsObjects) {
  const fx::IGreeter english = fx::Greeting::english();
  EXPECT_EQ(english.language(), "en");
  EXPECT_EQ(english.greet("x"), "Hello, x!");
  EXPECT_EQ(fx::Greeting::render(english, "y"), "[en] Hello, y!");
  const fx::IGreeter from_class = fx::Greeter();  // a class converts to the interfaces it implements
  EXPECT_EQ(from_class.greet("z"), "Hello, z!");
}

class Polyglot : public fx::IPolyglot {
 public:
  [[nodiscard]] std::string language() const override { return "de"; }
  [[nodiscard]] std::string greet(const std::string& name) const override { return "Hallo " + name; }
  [[nodiscard]] std::string name() const override { return name_; }
  void name(const std::string& value) const override { name_ = value; }
  [[nodiscard]] std::vector<std::string> otherLanguages() const override { return {"en", "fr"}; }

 private:
  mutable std::string name_ = "Heidi";
};

TEST(Bindings, InterfacesExtendingSeveralInterfacesAndPropertySetCallbacks) {
  const Polyglot polyglot;
  EXPECT_EQ(fx::Greeting::introduce(polyglot), "Heidi speaks de, en, fr");
  EXPECT_EQ(fx::Greeting::rename(polyglot, "Klara"),
            "- Klara");                 // optional `title` not implemented: undefined
  EXPECT_EQ(polyglot.name(), "Klara");  // JS set the property on the C++ object
}

class Failing : public fx::IGreeter {
 public:
  [[nodiscard]] std::string language() const override { return "xx"; }
  [[nodiscard]] std::string greet(const std::string& /*name*/) const override {
    throw std::runtime_error("boom from host");
  }
};

TEST(Bindings, ExceptionsInCppCallbacksReachJsAndTheCaller) {
  const Failing failing;
  EXPECT_EQ(fx::Greeting::renderSafely(failing, "a"), "error: boom from host");
  try {
    (void)fx::Greeting::render(failing, "a");
    FAIL() << "expected a JsError";
  } catch (const jsii::JsError& e) {
    EXPECT_NE(std::string(e.what()).find("boom from host"), std::string::npos) << e.what();
    ASSERT_TRUE(e.host_exception());
    EXPECT_THROW(std::rethrow_exception(e.host_exception()), std::runtime_error);
  }
}

// --- subclassing
// --------------------------------------------------------------------------------------------------

class Hexagon : public fx::Shape {
 public:
  Hexagon() : Shape(std::string("m")) {}
  [[nodiscard]] double area() const override { return 7; }
  [[nodiscard]] double sides() const override { return 6; }

 protected:
  [[nodiscard]] std::string label() const override { return "hexagon in " + unit(); }  // protected, both ways
};

TEST(Bindings, SubclassesOverrideAbstractAndProtectedMembers) {
  const Hexagon hexagon;
  EXPECT_EQ(fx::Shapes::describe(hexagon), "hexagon in m with 6 sides and area 7 m^2");
  EXPECT_EQ(hexagon.describe(), "hexagon in m with 6 sides and area 7 m^2");
  EXPECT_EQ(fx::Shapes::totalArea({hexagon, fx::Shapes::square(2)}), 11);
}

class Incomplete : public fx::Shape {
 public:
  Incomplete() = default;
};

TEST(Bindings, SubclassesMissingAnAbstractOverrideFailWithTheirNames) {
  try {
    const Incomplete incomplete;
    (void)incomplete.describe();
    FAIL() << "expected an error";
  } catch (const jsii::Error& e) {
    EXPECT_NE(std::string(e.what()).find("must override area, sides"), std::string::npos) << e.what();
  }
}

class Servus : public fx::Greeter {
 public:
  [[nodiscard]] std::string salutation() const override { return "Servus"; }
};

TEST(Bindings, OverridingAPublicMethodChangesWhatJsCallsOnThis) {
  const Servus servus;
  EXPECT_EQ(servus.greet("c"), "Servus, c!");
  EXPECT_EQ(fx::Greeting::render(servus, "c"), "[en] Servus, c!");
  EXPECT_EQ(fx::sub::Greeter().greetAll({"a", "b"}), (std::vector<std::string>{"Hi, a!", "Hi, b!"}));
}

// --- identity and down-casting
// ------------------------------------------------------------------------------------

TEST(Bindings, DownCastingReturnedObjects) {
  const fx::IShape square = fx::Shapes::square(3);
  const auto as_square = jsii::cast<fx::Square>(square);
  ASSERT_TRUE(as_square.has_value());
  EXPECT_EQ(as_square->side(), 3);
  EXPECT_TRUE(jsii::cast<fx::Shape>(square).has_value());  // a base class
  EXPECT_FALSE(jsii::cast<fx::Greeter>(square).has_value());
  EXPECT_EQ(*as_square, square);  // same identity
}

TEST(Bindings, ObjectsOfUnknownClassesFallBackToTheDeclaredType) {
  const fx::Shape circle = fx::Shapes::circle(1);  // a class the assembly does not export
  EXPECT_EQ(circle.describe(), "circle with 0 sides and area 3.14 cm^2");
  EXPECT_FALSE(jsii::cast<fx::Square>(circle).has_value());
  EXPECT_TRUE(jsii::cast<fx::IShape>(circle).has_value());
}

TEST(Bindings, StructsFromOtherSubmodules) {
  EXPECT_EQ(fx::sub::Tags::format({.item = "tea", .price = fx::Money(3)}), "tea: 3.00 EUR");
  EXPECT_EQ(fx::sub::deep::Probe::tag("cup", 2).price->amount(), 2);
}

// --- docs
// ---------------------------------------------------------------------------------------------------------

TEST(Bindings, DocsBecomeDoxygenAndDeprecatedMembersAreMarked) {
  const std::string header =
      read_file(std::string(JSII_FIXTURE_INCLUDE_DIR) + "/jsii_fixture/detail/Account.hpp");
  EXPECT_NE(header.find("[[deprecated(\""), std::string::npos);
  EXPECT_NE(header.find("virtual std::string balanceText() const;"), std::string::npos);
  const std::string props =
      read_file(std::string(JSII_FIXTURE_INCLUDE_DIR) + "/jsii_fixture/detail/AccountProps.hpp");
  EXPECT_NE(props.find("/// @default"), std::string::npos);
}

}  // namespace

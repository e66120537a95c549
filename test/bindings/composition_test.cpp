// A C++ class deriving from a generated class and generated interfaces is one kernel object; overriding one
// accessor of a property. Through generated code, against the real kernel and the jsii test library.
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <jsii_fixture/Composition.hpp>
#include <jsii_fixture/Greeting.hpp>
#include <jsii_fixture/IGreeter.hpp>
#include <jsii_fixture/Profile.hpp>
#include <jsii_fixture/Shapes.hpp>
#include <jsii_fixture/Square.hpp>

namespace fx = jsii_fixture;

namespace {

// `class Service : public constructs::Construct, public ec2::IConnectable` in CDK terms.
class GreetingSquare : public fx::Square, public fx::IGreeter {
 public:
  explicit GreetingSquare(double side) : Square(side) {}
  [[nodiscard]] std::string language() const override { return "sq"; }
  [[nodiscard]] std::string greet(const std::string& name) const override { return "Square hello, " + name; }

 protected:
  [[nodiscard]] std::string label() const override { return "greeting square"; }
};

TEST(Composition, AClassAndTheInterfacesItImplementsInCppAreOneKernelObject) {
  const GreetingSquare both(2);
  const fx::IGreeter& as_greeter = both;
  const fx::Shape& as_shape = both;
  // JS receives the same object whichever part of the C++ object is passed.
  EXPECT_TRUE(fx::Composition::same(as_shape, as_greeter));
  EXPECT_EQ(as_shape.jsii_ref().id, as_greeter.jsii_ref().id);
  EXPECT_EQ(as_shape.jsii_ref().fqn(), "jsii-fixture.Square");
  // JS calls the class's overrides and the interface's implementation on it.
  EXPECT_EQ(fx::Composition::both(as_greeter, "Ada"),
            "greeting square with 4 sides and area 4 cm^2 / Square hello, Ada");
  EXPECT_EQ(fx::Greeting::render(as_greeter, "Bo"), "[sq] Square hello, Bo");
  // Identity holds whichever handle JS gives back.
  const fx::Shape returned = fx::Composition::asShape(as_greeter);
  EXPECT_TRUE(returned == as_shape);
  EXPECT_TRUE(returned == static_cast<const jsii::Object&>(as_greeter));
}

TEST(Composition, TheInterfacePartPassedFirstIsStillTheSameObject) {
  const GreetingSquare both(3);
  // Nothing was sent to the kernel yet: passing the interface part first creates the class's object.
  EXPECT_EQ(fx::Greeting::render(static_cast<const fx::IGreeter&>(both), "Cy"), "[sq] Square hello, Cy");
  EXPECT_EQ(fx::Shapes::describe(both), "greeting square with 4 sides and area 9 cm^2");
  EXPECT_TRUE(fx::Composition::same(both, both));
}

std::string upper(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  return text;
}

// Overrides only the setter: JS's writes come to C++, its reads still reach JS's own getter.
class ShoutingProfile : public fx::Profile {
 public:
  using Profile::displayName;  // the getter, which the setter's declaration would hide (see docs/bindings.md)
  void displayName(const std::string& value) const override { Profile::displayName(upper(value)); }
};

// Overrides only the getter: JS's reads come to C++, its writes still reach JS's own setter.
class BracketedProfile : public fx::Profile {
 public:
  using Profile::displayName;
  [[nodiscard]] std::string displayName() const override { return "[" + Profile::displayName() + "]"; }
};

TEST(Composition, OverridingOnlyTheSetterOfAPropertyIsSeenByJs) {
  const ShoutingProfile profile;
  EXPECT_EQ(profile.rename("ada"), "ADA");
  EXPECT_EQ(profile.displayName(), "ADA");
}

TEST(Composition, OverridingOnlyTheGetterOfAPropertyIsSeenByJs) {
  const BracketedProfile profile;
  EXPECT_EQ(profile.rename("bo"), "[bo]");
  EXPECT_EQ(static_cast<const fx::Profile&>(profile).displayName(), "[bo]");
  const fx::Profile plain;
  EXPECT_EQ(plain.rename("cy"), "cy");
}

}  // namespace

// Structs across the boundary: a derived struct where its base is expected, unions of structs returned by
// JS, required fields JS left out, names that collide with generated identifiers.
#include <gtest/gtest.h>

#include <jsii/errors.hpp>
#include <jsii_fixture/Artifacts.hpp>
#include <jsii_fixture/Collisions.hpp>
#include <jsii_fixture/Inspector.hpp>
#include <type_traits>

namespace fx = jsii_fixture;

namespace {

TEST(Structs, ADerivedStructConvertsToEveryStructItExtends) {
  static_assert(std::is_convertible_v<fx::LeafProps, fx::MiddleOptions>);
  static_assert(std::is_convertible_v<fx::LeafProps, fx::BaseOptions>);
  static_assert(std::is_convertible_v<fx::MiddleOptions, fx::BaseOptions>);
  static_assert(!std::is_convertible_v<fx::BaseOptions, fx::MiddleOptions>);
  const fx::LeafProps leaf{
      .id = "leaf", .labels = {{"x"}}, .origin = fx::PointProps{.x = 1, .y = 2}, .weight = 3};
  const fx::BaseOptions base = leaf;
  EXPECT_EQ(base.id.get(), "leaf");
  EXPECT_EQ(base.labels, (std::vector<std::string>{"x"}));
  const fx::MiddleOptions middle = leaf;
  EXPECT_EQ(middle.weight.get(), 3);
  // Passed where the base is expected. The kernel keeps the fields of the declared type (as for every
  // language but TypeScript): `origin` and `weight` do not reach JS.
  EXPECT_EQ(fx::Inspector::summarizeBase(leaf), R"({"id":"leaf","labels":["x"]})");
  EXPECT_EQ(fx::Inspector::summarizeAny(middle), R"({"id":"leaf","labels":["x"]})");
}

TEST(Structs, AUnionOfStructsResolvesToTheAlternativeWhoseRequiredFieldsArePresent) {
  const fx::ArtifactEntry asset = fx::Artifacts::asset("assets.json");
  ASSERT_TRUE(asset.properties.has_value());
  ASSERT_TRUE(std::holds_alternative<fx::AssetProperties>(*asset.properties))
      << "index " << asset.properties->index();
  const auto& properties = std::get<fx::AssetProperties>(*asset.properties);
  EXPECT_EQ(properties.file.get(), "assets.json");
  EXPECT_EQ(properties.size, 42);

  const fx::ArtifactEntry stack = fx::Artifacts::template_("main.template.json");
  ASSERT_TRUE(std::holds_alternative<fx::TemplateProperties>(*stack.properties));
  EXPECT_EQ(std::get<fx::TemplateProperties>(*stack.properties).templateFile.get(), "main.template.json");
}

TEST(Structs, ARequiredFieldJsLeftOutFailsOnlyWhenRead) {
  const fx::TemplateProperties incomplete = fx::Artifacts::incomplete();  // reading the struct succeeds
  EXPECT_EQ(incomplete.stackName, "NoFile");
  EXPECT_FALSE(incomplete.templateFile.has_value());
  try {
    (void)incomplete.templateFile.get();
    FAIL() << "expected a jsii::Error";
  } catch (const jsii::Error& e) {
    EXPECT_NE(std::string(e.what()).find("templateFile of jsii-fixture.TemplateProperties"),
              std::string::npos)
        << e.what();
  }
}

class Renamed : public fx::Collisions {
 public:
  using Collisions::consume;  // keeps consume() with no arguments callable (C++ name hiding)
  [[nodiscard]] std::string consume(const std::vector<std::string>& args) const override {
    return "cpp(" + Collisions::consume(args) + ")";
  }
  [[nodiscard]] std::string call(const std::string& self, const std::string& call, const std::string& probe,
                                 const std::string& out, const std::string& s, const std::string& p,
                                 const std::string& instance, const std::string& info, const std::string& tag,
                                 const std::string& other, const std::string& writer,
                                 const std::string& reader, const std::string& object) const override {
    return "<" + self + call + probe + out + s + p + instance + info + tag + other + writer + reader +
           object + ">";
  }
};

TEST(Structs, JsiiNamesLikeTheGeneratorsOwnIdentifiersCompileAndWork) {
  const fx::Collisions plain;
  EXPECT_EQ(plain.consume({"a", "b"}), "a+b");
  EXPECT_EQ(plain.collect("a", {"b", "c"}), "a,b,c");
  EXPECT_EQ(plain.args(), "a");
  plain.value("changed");
  EXPECT_EQ(plain.value(), "changed");
  EXPECT_EQ(plain.item(), "i");
  EXPECT_EQ(plain.describe({.args = "A",
                            .item = "I",
                            .reader = "R",
                            .self = "S",
                            .special = fx::Special::NAN_,
                            .value = "V",
                            .writer = "W"}),
            "S:A:V:W:R:I:NAN");
  const Renamed renamed;
  EXPECT_EQ(renamed.run(), "cpp(x+y)|<12345678910111213>");
  EXPECT_EQ(static_cast<int>(fx::Special::EINVAL_) + static_cast<int>(fx::Special::INFINITY_) +
                static_cast<int>(fx::Special::SIGTERM_) + static_cast<int>(fx::Special::BIG_ENDIAN_),
            2 + 1 + 3 + 4);
}

}  // namespace

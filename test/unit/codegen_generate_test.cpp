// The generator over real assemblies: the analysis rules (field order, members, boxing) and incremental
// output.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "analysis.hpp"
#include "generator.hpp"
#include "model.hpp"

namespace {

namespace cg = jsii_codegen;
namespace fs = std::filesystem;

const cg::TypeSystem& fixture() {
  static const auto types = cg::TypeSystem::load(JSII_FIXTURE_PACKAGE_DIR);
  return types;
}

TEST(CodegenAnalysis, StructFieldsAreFlattenedInAlphabeticalOrder) {
  const cg::Analysis analysis(fixture());
  std::vector<std::string> names;
  for (const auto* field : analysis.struct_fields("jsii-fixture.LeafProps")) names.push_back(field->name);
  // id and labels come from BaseOptions, enabled and weight from MiddleOptions: order ignores inheritance.
  EXPECT_EQ(names,
            (std::vector<std::string>{"createdAt", "enabled", "extra", "id", "kind", "labels", "landmarks",
                                      "origin", "path", "price", "scores", "size", "weight"}));
}

TEST(CodegenAnalysis, TypesSpellAsCpp) {
  const cg::Analysis analysis(fixture());
  const auto& parse = fixture().type("jsii-fixture.Values").methods;
  const auto it = std::find_if(parse.begin(), parse.end(), [](const auto& m) { return m.name == "parse"; });
  ASSERT_NE(it, parse.end());
  EXPECT_EQ(analysis.cpp(*it->returns),
            "std::variant<std::string, double>");  // jsii lists union members sorted
  EXPECT_TRUE(
      analysis.all_optional_struct(cg::TypeRef{cg::TypeRef::Kind::named, "jsii-fixture.AccountProps", {}}));
  EXPECT_FALSE(
      analysis.all_optional_struct(cg::TypeRef{cg::TypeRef::Kind::named, "jsii-fixture.PointProps", {}}));
}

TEST(CodegenAnalysis, InterfacesFlattenTheMembersOfTheirBases) {
  const cg::Analysis analysis(fixture());
  std::vector<std::string> names;
  for (const auto& m : analysis.members("jsii-fixture.IPolyglot")) names.push_back(m.name());
  EXPECT_EQ(names, (std::vector<std::string>{"otherLanguages", "language", "greet", "title", "name"}));
  EXPECT_EQ(analysis.must_override("jsii-fixture.IPolyglot"),
            (std::vector<std::string>{"otherLanguages", "language", "greet", "name"}));
  EXPECT_EQ(analysis.must_override("jsii-fixture.Shape"), (std::vector<std::string>{"area", "sides"}));
}

TEST(CodegenGenerate, UnchangedInputRewritesNothingAndStaleFilesGo) {
  const fs::path out = fs::temp_directory_path() / ("jsii-codegen-incremental-" + std::to_string(::getpid()));
  fs::remove_all(out);
  const cg::Analysis analysis(fixture());
  const cg::GenerateOptions options{out, "fixture.tgz", 300, {}};
  const auto first = cg::generate(analysis, options);
  EXPECT_EQ(first.types, 32U);
  EXPECT_GT(first.written, 32U);
  EXPECT_EQ(first.unchanged, 0U);
  std::ofstream(out / "include" / "jsii_fixture" / "Removed.hpp") << "// from an older version\n";
  const auto second = cg::generate(analysis, options);
  EXPECT_EQ(second.written, 0U);
  EXPECT_EQ(second.unchanged, first.written);
  EXPECT_EQ(second.removed, 1U);
  EXPECT_FALSE(fs::exists(out / "include" / "jsii_fixture" / "Removed.hpp"));
  fs::remove_all(out);
}

TEST(CodegenGenerate, AwsCdkLibStructsThatContainEachOtherAreBoxed) {
  static const auto types = cg::TypeSystem::load(fs::path(NODE_MODULES_DIR) / "aws-cdk-lib");
  const cg::Analysis analysis(types);
  const auto& t =
      types.type("aws-cdk-lib.aws_amplifyuibuilder.CfnComponent.ComponentConditionPropertyProperty");
  bool boxed = false;
  for (const auto* field : analysis.struct_fields(t.fqn)) {
    if (analysis.field_cpp(t.fqn, *field).find("::jsii::Box<") != std::string::npos) boxed = true;
  }
  EXPECT_TRUE(boxed);
  // A struct that holds itself inside a union: `items?: JsonSchema | JsonSchema[]`.
  const auto& schema = types.type("aws-cdk-lib.aws_apigateway.JsonSchema");
  for (const auto* field : analysis.struct_fields(schema.fqn)) {
    if (field->name == "items") {
      EXPECT_EQ(analysis.field_cpp(schema.fqn, *field),
                "std::variant<::jsii::Box<::aws_cdk_lib::aws_apigateway::JsonSchema>, "
                "std::vector<::aws_cdk_lib::aws_apigateway::JsonSchema>>");
    }
  }
}

}  // namespace

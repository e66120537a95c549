// The generator over real assemblies: the analysis rules (field order, members, boxing) and incremental
// output.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "analysis.hpp"
#include "emit.hpp"
#include "generator.hpp"
#include "model.hpp"
#include "partition.hpp"

namespace {

namespace cg = jsii_codegen;
namespace fs = std::filesystem;

const cg::TypeSystem& fixture() {
  static const auto types = cg::TypeSystem::load(JSII_FIXTURE_PACKAGE_DIR);
  return types;
}

const cg::TypeSystem& aws_cdk_lib() {
  static const auto types = cg::TypeSystem::load(fs::path(NODE_MODULES_DIR) / "aws-cdk-lib");
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
  EXPECT_EQ(first.types, 45U);
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
  const auto& types = aws_cdk_lib();
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

TEST(CodegenPartition, AFamilySharesAPartAndL1ResourcesStayApartFromTheApi) {
  const cg::Analysis analysis(aws_cdk_lib());
  const cg::Partition partition(analysis, cg::GenerateOptions{}.batch_weight);
  const cg::Part& cfn = partition.part_of("aws-cdk-lib.aws_s3.CfnBucket");
  EXPECT_EQ(&partition.part_of("aws-cdk-lib.aws_s3.CfnBucket.CorsRuleProperty"), &cfn);
  EXPECT_EQ(&partition.part_of("aws-cdk-lib.aws_s3.CfnBucketProps"), &cfn);
  EXPECT_EQ(cfn.target.rfind("aws_cdk_lib__aws_s3__p", 0), 0U);
  const cg::Part& bucket = partition.part_of("aws-cdk-lib.aws_s3.Bucket");
  EXPECT_NE(&bucket, &cfn);
  EXPECT_EQ(&partition.part_of("aws-cdk-lib.aws_s3.BucketProps"), &bucket);
  // Every type of a module is in exactly one of its parts, in the part's module.
  std::size_t types_in_parts = 0;
  for (const auto& part : partition.parts("aws-cdk-lib.aws_s3")) {
    types_in_parts += part.types.size();
    for (const auto* t : part.types) EXPECT_EQ(t->module, "aws-cdk-lib.aws_s3");
  }
  EXPECT_EQ(types_in_parts, aws_cdk_lib().root().modules.at("aws-cdk-lib.aws_s3").types.size());
}

TEST(CodegenPartition, LinkingAModuleReachesOnlyThePartsItsCodeUses) {
  const cg::Analysis analysis(aws_cdk_lib());
  const cg::Partition partition(analysis, cg::GenerateOptions{}.batch_weight);
  // The parts a CMake build of aws_s3 compiles: its own, then every part they link, transitively.
  std::map<std::string, const cg::Part*> by_target;
  for (const auto& [fqn, module] : aws_cdk_lib().root().modules) {
    for (const auto& part : partition.parts(fqn)) by_target[part.target] = &part;
  }
  std::set<std::string> reached;
  std::vector<std::string> todo;
  for (const auto& part : partition.parts("aws-cdk-lib.aws_s3")) todo.push_back(part.target);
  std::set<std::string> other_assemblies;
  while (!todo.empty()) {
    const std::string target = todo.back();
    todo.pop_back();
    if (!reached.insert(target).second) continue;
    const auto it = by_target.find(target);
    if (it == by_target.end()) {
      other_assemblies.insert(target);
      continue;
    }
    for (const auto& link : partition.links(*it->second, cg::referenced_types(analysis, it->second->types)))
      todo.push_back(link);
  }
  EXPECT_TRUE(reached.contains(partition.part_of("aws-cdk-lib.aws_kms.IKey").target));
  EXPECT_TRUE(reached.contains(partition.part_of("aws-cdk-lib.Stack").target));
  EXPECT_TRUE(other_assemblies.contains("constructs__core"));
  // aws_s3 uses the KMS key interface, not the L1 alias resource; nothing it reaches uses SageMaker.
  EXPECT_FALSE(reached.contains(partition.part_of("aws-cdk-lib.aws_kms.CfnAlias").target));
  for (const auto& target : reached) EXPECT_EQ(target.find("aws_sagemaker"), std::string::npos) << target;
}

}  // namespace

// Generator stage 1 over the real npm packages: assemblies load (plain and gzip-redirected) and names map.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "assembly.hpp"
#include "naming.hpp"

namespace {

namespace cg = jsii_codegen;

TEST(CodegenAssembly, ReadsAPlainAssembly) {
  const auto assembly = cg::load_assembly(std::filesystem::path(NODE_MODULES_DIR) / "constructs");
  EXPECT_EQ(assembly["name"], "constructs");
  std::ifstream lock(std::filesystem::path(NODE_MODULES_DIR) / "../package-lock.json");
  const auto locked = nlohmann::json::parse(lock).at("packages").at("node_modules/constructs").at("version");
  EXPECT_EQ(assembly["version"], locked);
  EXPECT_EQ(assembly["types"].size(), 12U);
  EXPECT_EQ(assembly["types"]["constructs.Construct"]["kind"], "class");
}

TEST(CodegenAssembly, FollowsTheGzipRedirectOfAwsCdkLib) {
  const auto assembly = cg::load_assembly(std::filesystem::path(NODE_MODULES_DIR) / "aws-cdk-lib");
  EXPECT_EQ(assembly["name"], "aws-cdk-lib");
  EXPECT_EQ(assembly["types"].size(), 23145U);
  EXPECT_EQ(assembly["submodules"].size(), 673U);
  EXPECT_TRUE(assembly["types"]["aws-cdk-lib.aws_s3.BucketProps"].value("datatype", false));
}

TEST(CodegenAssembly, ReportsBrokenInputWithTheFileName) {
  const auto dir = std::filesystem::temp_directory_path() / "jsii-codegen-broken";
  std::filesystem::create_directories(dir);
  std::ofstream(dir / ".jsii")
      << R"({"schema":"jsii/file-redirect","compression":"gzip","filename":".jsii.gz"})";
  std::ofstream(dir / ".jsii.gz") << "not gzip at all";
  try {
    (void)cg::load_assembly(dir);
    FAIL();
  } catch (const cg::AssemblyError& e) {
    EXPECT_NE(std::string(e.what()).find(".jsii.gz is not valid gzip"), std::string::npos) << e.what();
  }
  EXPECT_THROW((void)cg::load_assembly(dir / "missing"), cg::AssemblyError);
  std::filesystem::remove_all(dir);
}

TEST(CodegenNaming, SubmodulesBecomeNamespacesAndNestedTypesAreJoined) {
  const std::set<std::string, std::less<>> submodules{"aws-cdk-lib.aws_s3", "aws-cdk-lib.aws_s3.mixins"};
  EXPECT_EQ(cg::cpp_qualified_name("aws-cdk-lib", "aws-cdk-lib.aws_s3.Bucket", submodules),
            "aws_cdk_lib::aws_s3::Bucket");
  EXPECT_EQ(
      cg::cpp_qualified_name("aws-cdk-lib", "aws-cdk-lib.aws_s3.CfnBucket.CorsRuleProperty", submodules),
      "aws_cdk_lib::aws_s3::CfnBucket_CorsRuleProperty");
  EXPECT_EQ(cg::cpp_qualified_name("aws-cdk-lib", "aws-cdk-lib.aws_s3.mixins.Thing", submodules),
            "aws_cdk_lib::aws_s3::mixins::Thing");
  EXPECT_EQ(cg::cpp_qualified_name("aws-cdk-lib", "aws-cdk-lib.Stack", submodules), "aws_cdk_lib::Stack");
  EXPECT_EQ(cg::namespace_for_assembly("@aws-cdk/cloud-assembly-schema"), "aws_cdk_cloud_assembly_schema");
}

TEST(CodegenNaming, CppKeywordsGetATrailingUnderscore) {
  EXPECT_EQ(cg::cpp_identifier("namespace"), "namespace_");
  EXPECT_EQ(cg::cpp_identifier("default"), "default_");
  EXPECT_EQ(cg::cpp_identifier("bucketName"), "bucketName");
}

}  // namespace

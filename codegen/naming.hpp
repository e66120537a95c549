// How jsii names become C++ names. The rules are the generator's contract with users (docs/bindings.md).
#pragma once

#include <functional>
#include <set>
#include <string>
#include <string_view>

namespace jsii_codegen {

/// `aws-cdk-lib` -> `aws_cdk_lib`, `@aws-cdk/cloud-assembly-schema` -> `aws_cdk_cloud_assembly_schema`.
std::string namespace_for_assembly(std::string_view assembly);

/// `aws-cdk-lib.aws_s3.Bucket` -> `aws_cdk_lib::aws_s3::Bucket`; submodules (the assembly's `submodules`
/// keys, e.g. `aws-cdk-lib.aws_s3`) become namespaces and nested types are joined with `_`:
/// `aws-cdk-lib.aws_s3.CfnBucket.CorsRuleProperty` -> `aws_cdk_lib::aws_s3::CfnBucket_CorsRuleProperty`.
std::string cpp_qualified_name(std::string_view assembly, std::string_view fqn,
                               const std::set<std::string, std::less<>>& submodules);

/// A jsii member or parameter name as a C++ identifier: unchanged unless it is a C++ keyword, a macro of the
/// standard headers or starts with the generator's own prefix `jsii_` (or `JSII_`),
/// which gets a trailing `_` (`namespace` -> `namespace_`, `default` -> `default_`).
std::string cpp_identifier(std::string_view jsii_name);

}  // namespace jsii_codegen

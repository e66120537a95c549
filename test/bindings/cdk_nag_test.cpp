// A third-party jsii library (cdk-nag 3) bound with the same one CMake call: its rule pack runs on a C++ app.
#include <gtest/gtest.h>

#include <aws_cdk_lib/App.hpp>
#include <aws_cdk_lib/Stack.hpp>
#include <aws_cdk_lib/Validations.hpp>
#include <aws_cdk_lib/aws_s3/Bucket.hpp>
#include <cdk_nag/AwsSolutionsChecks.hpp>
#include <filesystem>
#include <fstream>
#include <jsii/errors.hpp>
#include <sstream>

#include "../support/scratch.hpp"

namespace cdk = aws_cdk_lib;
namespace s3 = aws_cdk_lib::aws_s3;
namespace fs = std::filesystem;

namespace {

std::string synth_and_report(bool compliant) {
  const fs::path outdir = test_support::scratch_directory(compliant ? "cdk-cpp-nag-ok" : "cdk-cpp-nag-open");
  const cdk::App app({.outdir = outdir.string()});
  cdk::Validations::of(app).addPlugins({cdk_nag::AwsSolutionsChecks(app)});
  const cdk::Stack stack(app, "Nagged");
  const s3::Bucket bucket(stack, "Data", {.enforceSSL = compliant});
  if (compliant) {
    cdk::Validations::of(bucket).acknowledge(
        {{.id = "AwsSolutions-S1", .reason = "access logs go elsewhere"}});
  }
  std::string result;
  try {
    (void)app.synth();
    result = "synthesized";
  } catch (const jsii::JsError& e) {
    result = e.js_message();
  }
  std::ifstream report(outdir / "validation-report.json");
  std::ostringstream text;
  text << report.rdbuf();
  return result + "\n" + text.str();
}

TEST(CdkNag, AwsSolutionsChecksReportABucketWithoutSsl) {
  const std::string report = synth_and_report(false);
  EXPECT_NE(report.find("AwsSolutions-S10"), std::string::npos) << report;  // requests must use SSL
}

TEST(CdkNag, AcknowledgedAndFixedFindingsAreNotReported) {
  const std::string report = synth_and_report(true);
  EXPECT_EQ(report.find("AwsSolutions-S10"), std::string::npos) << report;
}

}  // namespace

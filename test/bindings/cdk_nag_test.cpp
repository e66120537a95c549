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

struct NagRun {
  bool synthesized = false;
  std::string error;   // the JS error when synth failed
  std::string report;  // validation-report.json ("" when none was written)
};

NagRun synth_with_nag(bool compliant) {
  const fs::path outdir = test_support::scratch_directory(compliant ? "cdk-cpp-nag-ok" : "cdk-cpp-nag-open");
  const cdk::App app({.outdir = outdir.string()});
  cdk::Validations::of(app).addPlugins({cdk_nag::AwsSolutionsChecks(app)});
  const cdk::Stack stack(app, "Nagged");
  const s3::Bucket bucket(stack, "Data", {.enforceSSL = compliant});
  if (compliant) {
    cdk::Validations::of(bucket).acknowledge(
        {{.id = "AwsSolutions-S1", .reason = "access logs go elsewhere"}});
  }
  NagRun run;
  try {
    (void)app.synth();
    run.synthesized = true;
  } catch (const jsii::JsError& e) {
    run.error = e.js_message();
  }
  std::ifstream report(outdir / "validation-report.json");
  std::ostringstream text;
  text << report.rdbuf();
  run.report = text.str();
  return run;
}

TEST(CdkNag, AwsSolutionsChecksFailSynthForABucketWithoutSsl) {
  const auto run = synth_with_nag(false);
  EXPECT_FALSE(run.synthesized) << "the validation plugin let a non-compliant app synthesize";
  EXPECT_NE(run.report.find("AwsSolutions-S10"), std::string::npos) << run.report;  // requests must use SSL
}

TEST(CdkNag, AcknowledgedAndFixedFindingsLetSynthSucceed) {
  const auto run = synth_with_nag(true);
  EXPECT_TRUE(run.synthesized) << run.error << "\n" << run.report;
  EXPECT_EQ(run.report.find("AwsSolutions-S10"), std::string::npos) << run.report;
}

}  // namespace

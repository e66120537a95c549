// Includes only <aws_cdk_lib/App.hpp> and calls members App inherits (from Stage and constructs.Construct).
#include <gtest/gtest.h>

#include <aws_cdk_lib/App.hpp>

namespace cdk = aws_cdk_lib;

TEST(Headers, AppHeaderAloneMakesInheritedMembersUsable) {
  const cdk::App app({.context = {{{"environment", jsii::Any("staging")}}}});
  EXPECT_EQ(app.node().tryGetContext("environment").as_string(), "staging");  // Construct.node -> Node
  EXPECT_EQ(app.node().id(), "");
  EXPECT_TRUE(app.node().children().empty());
  EXPECT_FALSE(app.outdir().empty());             // Stage.outdir
  EXPECT_FALSE(app.synth().directory().empty());  // Stage.synth -> CloudAssembly (cx_api)
}

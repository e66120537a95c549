// Includes <aws_cdk_lib/aws_ec2/Vpc.hpp> (and the headers of the types the test names) and calls members
// across aws_ec2 and core it inherits or returns: selectSubnets, addGatewayEndpoint, node().
#include <gtest/gtest.h>

#include <aws_cdk_lib/Stack.hpp>
#include <aws_cdk_lib/aws_ec2/GatewayVpcEndpointAwsService.hpp>
#include <aws_cdk_lib/aws_ec2/Vpc.hpp>

namespace cdk = aws_cdk_lib;
namespace ec2 = aws_cdk_lib::aws_ec2;

TEST(Headers, VpcHeaderAloneMakesMembersUsable) {
  const cdk::Stack stack;
  const ec2::Vpc vpc(stack, "Net", {.maxAzs = 2.0, .natGateways = 0.0});
  const auto isolated = vpc.selectSubnets({.subnetType = ec2::SubnetType::PUBLIC});
  EXPECT_EQ(isolated.subnets.get().size(), 2U);
  vpc.addGatewayEndpoint("S3", {.service = ec2::GatewayVpcEndpointAwsService::S3()});
  EXPECT_EQ(vpc.node().id(), "Net");
  EXPECT_EQ(vpc.publicSubnets().size(), 2U);
  vpc.node().addDependency({stack});
}

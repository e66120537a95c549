// NetworkStack: subnet layout and NAT gateways per environment, flow logs, endpoints.
#include <gtest/gtest.h>

#include <aws_cdk_lib/assertions/Match.hpp>
#include <set>

#include "synthesized_app.hpp"

namespace {

namespace assertions = aws_cdk_lib::assertions;
using app_test::resources;
using app_test::template_of;
using jsii::Any;

class NetworkStack : public ::testing::TestWithParam<std::string> {};

TEST_P(NetworkStack, SpreadsThreeTiersOfSlash24SubnetsOverTheConfiguredZones) {
  const auto& config = app_test::synthesized(GetParam()).config;
  const auto& tmpl = template_of(GetParam(), "NetworkStack");
  tmpl.assertions.hasResourceProperties("AWS::EC2::VPC",
                                        Any::object({{"CidrBlock", config.network.vpc_cidr}}));

  const auto subnets = resources(tmpl.json, "AWS::EC2::Subnet");
  ASSERT_EQ(subnets.size(), 3 * config.network.availability_zones.size());
  std::set<std::string> zones;
  std::map<std::string, int> tiers;  // aws-cdk:subnet-name tag -> subnets
  for (const auto& [id, subnet] : subnets) {
    const auto& properties = subnet.at("Properties");
    EXPECT_TRUE(properties.at("CidrBlock").get<std::string>().ends_with("/24")) << id;
    zones.insert(properties.at("AvailabilityZone").get<std::string>());
    std::string tier;
    for (const auto& tag : properties.at("Tags")) {
      if (tag.at("Key") == "aws-cdk:subnet-name") tier = tag.at("Value").get<std::string>();
    }
    ++tiers[tier];
    // Only public subnets give instances public addresses.
    EXPECT_EQ(properties.at("MapPublicIpOnLaunch").get<bool>(), tier == "Public") << id;
  }
  EXPECT_EQ(zones, std::set<std::string>(config.network.availability_zones.begin(),
                                         config.network.availability_zones.end()));
  const int per_tier = static_cast<int>(config.network.availability_zones.size());
  EXPECT_EQ(tiers, (std::map<std::string, int>{
                       {"Database", per_tier}, {"Private", per_tier}, {"Public", per_tier}}));
}

TEST_P(NetworkStack, HasTheConfiguredNatGatewaysInPublicSubnets) {
  const auto& config = app_test::synthesized(GetParam()).config;
  const auto& tmpl = template_of(GetParam(), "NetworkStack");
  tmpl.assertions.resourceCountIs("AWS::EC2::NatGateway", config.network.nat_gateways);
  for (const auto& [id, nat] : resources(tmpl.json, "AWS::EC2::NatGateway")) {
    EXPECT_EQ(id.rfind("VpcPublicSubnet", 0), 0U) << id << " is not in a public subnet";
  }
}

TEST_P(NetworkStack, LogsAllTrafficToAKmsEncryptedLogGroup) {
  const auto& config = app_test::synthesized(GetParam()).config;
  const auto& tmpl = template_of(GetParam(), "NetworkStack");
  tmpl.assertions.hasResourceProperties(
      "AWS::EC2::FlowLog",
      Any::object(
          {{"ResourceType", "VPC"}, {"TrafficType", "ALL"}, {"LogDestinationType", "cloud-watch-logs"}}));
  const auto keys = resources(tmpl.json, "AWS::KMS::Key");
  ASSERT_EQ(keys.size(), 1U);
  tmpl.assertions.hasResourceProperties(
      "AWS::Logs::LogGroup",
      Any::object({{"KmsKeyId", Any::object({{"Fn::GetAtt", Any::array({keys.front().first, "Arn"})}})},
                   {"RetentionInDays", config.network.flow_log_retention_days}}));
  tmpl.assertions.hasResourceProperties("AWS::KMS::Key", Any::object({{"EnableKeyRotation", true}}));
}

TEST_P(NetworkStack, RoutesS3AndDynamoDbThroughGatewayEndpoints) {
  const auto& tmpl = template_of(GetParam(), "NetworkStack");
  std::set<std::string> gateway_services;
  for (const auto& [id, endpoint] : resources(tmpl.json, "AWS::EC2::VPCEndpoint")) {
    if (endpoint.at("Properties").value("VpcEndpointType", "") != "Gateway") continue;
    const std::string service = endpoint.at("Properties").at("ServiceName").dump();
    gateway_services.insert(service.find(".s3") != std::string::npos ? "s3" : service);
  }
  EXPECT_EQ(gateway_services.size(), 2U);
  EXPECT_TRUE(gateway_services.contains("s3")) << ::testing::PrintToString(gateway_services);
}

TEST_P(NetworkStack, HasInterfaceEndpointsOnlyWhereTheConfigTurnsThemOn) {
  const auto& config = app_test::synthesized(GetParam()).config;
  const auto& tmpl = template_of(GetParam(), "NetworkStack");
  std::set<std::string> interface_services;
  for (const auto& [id, endpoint] : resources(tmpl.json, "AWS::EC2::VPCEndpoint")) {
    const auto& properties = endpoint.at("Properties");
    if (properties.value("VpcEndpointType", "") != "Interface") continue;
    EXPECT_TRUE(properties.at("PrivateDnsEnabled").get<bool>()) << id;
    interface_services.insert(properties.at("ServiceName").get<std::string>());
  }
  if (!config.network.interface_endpoints) {
    EXPECT_TRUE(interface_services.empty()) << ::testing::PrintToString(interface_services);
    return;
  }
  const std::string prefix = "com.amazonaws." + config.region + ".";
  EXPECT_EQ(interface_services,
            (std::set<std::string>{prefix + "ecr.api", prefix + "ecr.dkr", prefix + "logs",
                                   prefix + "secretsmanager", prefix + "ssm"}));
}

INSTANTIATE_TEST_SUITE_P(Environments, NetworkStack, ::testing::Values("dev", "staging", "production"));

}  // namespace

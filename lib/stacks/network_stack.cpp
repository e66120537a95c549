#include "network_stack.hpp"

#include <aws_cdk_lib/aws_ec2/FlowLogDestination.hpp>
#include <aws_cdk_lib/aws_ec2/FlowLogTrafficType.hpp>
#include <aws_cdk_lib/aws_ec2/GatewayVpcEndpointAwsService.hpp>
#include <aws_cdk_lib/aws_ec2/InterfaceVpcEndpointAwsService.hpp>
#include <aws_cdk_lib/aws_ec2/IpAddresses.hpp>
#include <aws_cdk_lib/aws_ec2/SubnetType.hpp>
#include <aws_cdk_lib/aws_iam/ServicePrincipal.hpp>

#include "constructs/config_values.hpp"

namespace infra {

namespace cdk = aws_cdk_lib;
namespace ec2 = aws_cdk_lib::aws_ec2;
namespace iam = aws_cdk_lib::aws_iam;
namespace kms = aws_cdk_lib::aws_kms;
namespace logs = aws_cdk_lib::aws_logs;

NetworkStack::NetworkStack(const constructs::Construct& scope, const std::string& id,
                           const NetworkStackProps& props)
    : Stack(scope, id, props.stack),
      flow_log_key_(*this, "FlowLogKey",
                    {.description = "VPC flow logs (" + props.config.name + ")",
                     .enableKeyRotation = true,
                     .removalPolicy = removal_policy(props.config.removal_policy)}),
      flow_log_group_(*this, "FlowLogGroup",
                      {.encryptionKey = flow_log_key_,
                       .removalPolicy = removal_policy(props.config.removal_policy),
                       .retention = retention_days(props.config.network.flow_log_retention_days)}),
      vpc_(*this, "Vpc",
           {
               .availabilityZones = props.config.network.availability_zones,
               .flowLogs = {{{"CloudWatch",
                              {.destination = ec2::FlowLogDestination::toCloudWatchLogs(flow_log_group_),
                               .trafficType = ec2::FlowLogTrafficType::ALL}}}},
               // A std::map: written in the order its keys travel (alphabetical), as a TypeScript twin lists
               // them (docs/bindings.md, "Two orders C++ imposes").
               .gatewayEndpoints = {{{"DynamoDB", {.service = ec2::GatewayVpcEndpointAwsService::DYNAMODB()}},
                                     {"S3", {.service = ec2::GatewayVpcEndpointAwsService::S3()}}}},
               .ipAddresses = ec2::IpAddresses::cidr(props.config.network.vpc_cidr),
               .natGateways = props.config.network.nat_gateways,
               .subnetConfiguration = {{
                   {.cidrMask = props.config.network.subnet_cidr_mask,
                    .name = "Public",
                    .subnetType = ec2::SubnetType::PUBLIC},
                   {.cidrMask = props.config.network.subnet_cidr_mask,
                    .name = "Private",
                    .subnetType = ec2::SubnetType::PRIVATE_WITH_EGRESS},
                   {.cidrMask = props.config.network.subnet_cidr_mask,
                    .name = "Database",
                    .subnetType = ec2::SubnetType::PRIVATE_ISOLATED},
               }},
           }) {
  // CloudWatch Logs encrypts the flow-log group with the key, so the service must be allowed to use it.
  flow_log_key_.grantEncryptDecrypt(iam::ServicePrincipal(logs_service_principal(props.config.region)));

  if (props.config.network.interface_endpoints) {
    // Private DNS makes the SDKs in private subnets reach these services without the NAT gateways.
    vpc_.addInterfaceEndpoint("EcrApi", {.service = ec2::InterfaceVpcEndpointAwsService::ECR()});
    vpc_.addInterfaceEndpoint("EcrDocker", {.service = ec2::InterfaceVpcEndpointAwsService::ECR_DOCKER()});
    vpc_.addInterfaceEndpoint("SecretsManager",
                              {.service = ec2::InterfaceVpcEndpointAwsService::SECRETS_MANAGER()});
    vpc_.addInterfaceEndpoint("CloudWatchLogs",
                              {.service = ec2::InterfaceVpcEndpointAwsService::CLOUDWATCH_LOGS()});
    vpc_.addInterfaceEndpoint("Ssm", {.service = ec2::InterfaceVpcEndpointAwsService::SSM()});
  }
}

}  // namespace infra

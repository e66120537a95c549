'use strict';
// lib/stacks/network_stack.cpp
const cdk = require('aws-cdk-lib');
const ec2 = require('aws-cdk-lib/aws-ec2');
const iam = require('aws-cdk-lib/aws-iam');
const kms = require('aws-cdk-lib/aws-kms');
const logs = require('aws-cdk-lib/aws-logs');
const { removalPolicy, retentionDays, logsServicePrincipal } = require('../constructs/config_values');

class NetworkStack extends cdk.Stack {
  constructor(scope, id, props) {
    super(scope, id, props.stack);
    const config = props.config;
    this.flowLogKey = new kms.Key(this, 'FlowLogKey', {
      description: `VPC flow logs (${config.name})`,
      enableKeyRotation: true,
      removalPolicy: removalPolicy(config.removalPolicy),
    });
    this.flowLogGroup = new logs.LogGroup(this, 'FlowLogGroup', {
      encryptionKey: this.flowLogKey,
      removalPolicy: removalPolicy(config.removalPolicy),
      retention: retentionDays(config.network.flowLogRetentionDays),
    });
    const mask = config.network.subnetCidrMask;
    this.vpc = new ec2.Vpc(this, 'Vpc', {
      availabilityZones: config.network.availabilityZones,
      flowLogs: {
        CloudWatch: {
          destination: ec2.FlowLogDestination.toCloudWatchLogs(this.flowLogGroup),
          trafficType: ec2.FlowLogTrafficType.ALL,
        },
      },
      gatewayEndpoints: {
        DynamoDB: { service: ec2.GatewayVpcEndpointAwsService.DYNAMODB },
        S3: { service: ec2.GatewayVpcEndpointAwsService.S3 },
      },
      ipAddresses: ec2.IpAddresses.cidr(config.network.vpcCidr),
      natGateways: config.network.natGateways,
      subnetConfiguration: [
        { cidrMask: mask, name: 'Public', subnetType: ec2.SubnetType.PUBLIC },
        { cidrMask: mask, name: 'Private', subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
        { cidrMask: mask, name: 'Database', subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
      ],
    });
    this.flowLogKey.grantEncryptDecrypt(new iam.ServicePrincipal(logsServicePrincipal(config.region)));

    if (config.network.interfaceEndpoints) {
      this.vpc.addInterfaceEndpoint('EcrApi', { service: ec2.InterfaceVpcEndpointAwsService.ECR });
      this.vpc.addInterfaceEndpoint('EcrDocker', { service: ec2.InterfaceVpcEndpointAwsService.ECR_DOCKER });
      this.vpc.addInterfaceEndpoint('SecretsManager', {
        service: ec2.InterfaceVpcEndpointAwsService.SECRETS_MANAGER,
      });
      this.vpc.addInterfaceEndpoint('CloudWatchLogs', {
        service: ec2.InterfaceVpcEndpointAwsService.CLOUDWATCH_LOGS,
      });
      this.vpc.addInterfaceEndpoint('Ssm', { service: ec2.InterfaceVpcEndpointAwsService.SSM });
    }
  }
}

module.exports = { NetworkStack };

'use strict';
// lib/stacks/infrastructure.cpp: one function composes the stacks for a config.
const cdk = require('aws-cdk-lib');
const { NetworkStack } = require('./stacks/network');
const { SecurityStack } = require('./stacks/security');
const { EdgeSecurityStack, CLOUDFRONT_REGION } = require('./stacks/edge_security');
const { StorageStack, StorageReplicaStack } = require('./stacks/storage');

function deploymentEnvironment(config) {
  const environment = { region: config.region };
  if (config.account) {
    environment.account = config.account;
  } else if (process.env.CDK_DEFAULT_ACCOUNT) {
    environment.account = process.env.CDK_DEFAULT_ACCOUNT;
  }
  return environment;
}

function addInfrastructure(scope, config) {
  const tags = cdk.Tags.of(scope);
  tags.add('Environment', config.name);
  tags.add('Project', config.tags.project);
  tags.add('Owner', config.tags.owner);
  tags.add('CostCenter', config.tags.costCenter);

  const prefix = `${config.tags.project}-${config.name}-`;
  const env = deploymentEnvironment(config);
  const stackProps = (name, description, stateful) => ({
    description: `${description} (${config.name})`,
    env,
    stackName: prefix + name,
    terminationProtection: stateful && config.terminationProtection,
  });

  const stacks = {};
  stacks.network = new NetworkStack(scope, 'NetworkStack', {
    stack: stackProps('network', 'VPC, subnets, NAT gateways, flow logs, endpoints', false),
    config,
  });
  stacks.security = new SecurityStack(scope, 'SecurityStack', {
    stack: stackProps('security', 'KMS keys, security groups, WAF, task roles, CloudTrail', true),
    config,
    vpc: stacks.network.vpc,
  });

  const edgeProps = stackProps('edge-security', 'CloudFront web ACL (us-east-1)', false);
  edgeProps.env = { account: env.account, region: CLOUDFRONT_REGION };
  stacks.edgeSecurity = new EdgeSecurityStack(scope, 'EdgeSecurityStack', { stack: edgeProps, config });

  let replication;
  const storageProps = stackProps('storage', 'S3 buckets, EFS, ECR repositories', true);
  if (config.storage.replicationRegion) {
    const replicaProps = stackProps('storage-replica', 'Replicated backups', true);
    replicaProps.env = { account: env.account, region: config.storage.replicationRegion };
    stacks.storageReplica = new StorageReplicaStack(scope, 'StorageReplicaStack', { stack: replicaProps, config });
    replication = stacks.storageReplica.target();
    storageProps.crossRegionReferences = true;
  }
  stacks.storage = new StorageStack(scope, 'StorageStack', {
    stack: storageProps,
    config,
    vpc: stacks.network.vpc,
    storageKey: stacks.security.keys.storage,
    fileSystemSecurityGroup: stacks.security.securityGroups.fileSystem,
    replication,
  });
  return stacks;
}

module.exports = { addInfrastructure };

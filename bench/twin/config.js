'use strict';
// The three environments of lib/config/{dev,staging,production}.cpp, field for field (camelCase). The
// benchmark's template comparison fails when these drift from the C++ configs.

const dev = {
  name: 'dev',
  account: '', // the deploying developer's account (CDK_DEFAULT_ACCOUNT)
  region: 'us-east-1',
  tags: { project: 'infra-codebase', owner: 'platform-team', costCenter: 'engineering-dev' },
  removalPolicy: 'destroy',
  terminationProtection: false,
  network: {
    vpcCidr: '10.0.0.0/16',
    availabilityZones: ['us-east-1a', 'us-east-1b'],
    natGateways: 1,
    subnetCidrMask: 24,
    flowLogRetentionDays: 7,
    interfaceEndpoints: false,
  },
  security: { wafRateLimitPerIp: 2000, guardduty: false, awsConfig: false, auditLogRetentionDays: 90 },
  storage: {
    accessLogRetentionDays: 30,
    noncurrentVersionRetentionDays: 7,
    backupArchiveAfterDays: 30,
    backupRetentionDays: 90,
    replicationRegion: undefined,
    ecrImagesKept: 10,
    ecrImmutableTags: false,
    efsTransitionToIaDays: 7,
  },
};

const staging = {
  name: 'staging',
  account: '222222222222',
  region: 'us-east-1',
  tags: { project: 'infra-codebase', owner: 'platform-team', costCenter: 'engineering-staging' },
  removalPolicy: 'retain',
  terminationProtection: false,
  network: {
    vpcCidr: '10.1.0.0/16',
    availabilityZones: ['us-east-1a', 'us-east-1b'],
    natGateways: 2,
    subnetCidrMask: 24,
    flowLogRetentionDays: 30,
    interfaceEndpoints: true,
  },
  security: { wafRateLimitPerIp: 2000, guardduty: true, awsConfig: false, auditLogRetentionDays: 365 },
  storage: {
    accessLogRetentionDays: 90,
    noncurrentVersionRetentionDays: 30,
    backupArchiveAfterDays: 30,
    backupRetentionDays: 365,
    replicationRegion: undefined,
    ecrImagesKept: 20,
    ecrImmutableTags: true,
    efsTransitionToIaDays: 30,
  },
};

const production = {
  name: 'production',
  account: '333333333333',
  region: 'eu-west-1',
  tags: { project: 'infra-codebase', owner: 'platform-team', costCenter: 'operations-production' },
  removalPolicy: 'retain',
  terminationProtection: true,
  network: {
    vpcCidr: '10.2.0.0/16',
    availabilityZones: ['eu-west-1a', 'eu-west-1b', 'eu-west-1c'],
    natGateways: 3,
    subnetCidrMask: 24,
    flowLogRetentionDays: 365,
    interfaceEndpoints: true,
  },
  security: { wafRateLimitPerIp: 2000, guardduty: true, awsConfig: true, auditLogRetentionDays: 2557 },
  storage: {
    accessLogRetentionDays: 365,
    noncurrentVersionRetentionDays: 90,
    backupArchiveAfterDays: 30,
    backupRetentionDays: 2557,
    replicationRegion: 'eu-central-1',
    ecrImagesKept: 50,
    ecrImmutableTags: true,
    efsTransitionToIaDays: 30,
  },
};

const environments = { dev, staging, production, prod: production };

/** The config named `name` ("prod" is production), or undefined. */
function findEnvironment(name) {
  return Object.prototype.hasOwnProperty.call(environments, name) ? environments[name] : undefined;
}

module.exports = { findEnvironment };

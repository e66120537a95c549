'use strict';
// lib/stacks/security_stack.cpp
const cdk = require('aws-cdk-lib');
const awsConfig = require('aws-cdk-lib/aws-config');
const cloudtrail = require('aws-cdk-lib/aws-cloudtrail');
const ec2 = require('aws-cdk-lib/aws-ec2');
const guardduty = require('aws-cdk-lib/aws-guardduty');
const iam = require('aws-cdk-lib/aws-iam');
const kms = require('aws-cdk-lib/aws-kms');
const { removalPolicy, logsServicePrincipal } = require('../constructs/config_values');
const { ManagedWebAcl } = require('../constructs/managed_web_acl');
const { SecureBucket } = require('../constructs/secure_bucket');

const SERVICE_PORT = 8080;
const POSTGRES_PORT = 5432;
const REDIS_PORT = 6379;
const NFS_PORT = 2049;

function dataKey(scope, id, domain, config) {
  return new kms.Key(scope, id, {
    description: `${domain} (${config.name})`,
    enableKeyRotation: true,
    removalPolicy: removalPolicy(config.removalPolicy),
  });
}

function closedGroup(scope, id, description, vpc) {
  return new ec2.SecurityGroup(scope, id, { allowAllOutbound: false, description, vpc });
}

class SecurityStack extends cdk.Stack {
  constructor(scope, id, props) {
    super(scope, id, props.stack);
    const config = props.config;
    this.keys = {
      database: dataKey(this, 'DatabaseKey', 'Aurora storage and snapshots', config),
      cache: dataKey(this, 'CacheKey', 'ElastiCache at rest', config),
      storage: dataKey(this, 'StorageKey', 'S3 data buckets and EFS', config),
      secrets: dataKey(this, 'SecretsKey', 'Secrets Manager secrets', config),
      logs: dataKey(this, 'LogsKey', 'CloudTrail and application logs', config),
    };
    const groups = {
      alb: closedGroup(this, 'AlbSecurityGroup', 'Application Load Balancer', props.vpc),
      services: closedGroup(this, 'ServicesSecurityGroup', 'ECS services', props.vpc),
      database: closedGroup(this, 'DatabaseSecurityGroup', 'Aurora PostgreSQL', props.vpc),
      cache: closedGroup(this, 'CacheSecurityGroup', 'ElastiCache Redis', props.vpc),
      fileSystem: closedGroup(this, 'FileSystemSecurityGroup', 'EFS mount targets', props.vpc),
    };
    this.securityGroups = groups;
    this.webAcl = new ManagedWebAcl(this, 'RegionalWebAcl', {
      scope: 'regional',
      rateLimitPerIp: config.security.wafRateLimitPerIp,
      metricPrefix: 'Regional',
    });
    this.taskExecutionRole = new iam.Role(this, 'TaskExecutionRole', {
      assumedBy: new iam.ServicePrincipal('ecs-tasks.amazonaws.com'),
      description: 'ECS agent: pull images, write logs, read task secrets',
      managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('service-role/AmazonECSTaskExecutionRolePolicy')],
    });
    this.taskRole = new iam.Role(this, 'TaskRole', {
      assumedBy: new iam.ServicePrincipal('ecs-tasks.amazonaws.com'),
      description: 'The application containers: grants are added by the stacks that own the data',
    });
    const auditRetention = cdk.Duration.days(config.security.auditLogRetentionDays);
    this.auditBucket = new SecureBucket(this, 'AuditLogs', {
      removalPolicy: config.removalPolicy,
      lifecycleRules: [{ expiration: auditRetention, noncurrentVersionExpiration: auditRetention }],
    });
    this.trail = new cloudtrail.Trail(this, 'Trail', {
      bucket: this.auditBucket.bucket,
      enableFileValidation: true,
      encryptionKey: this.keys.logs,
      includeGlobalServiceEvents: true,
      isMultiRegionTrail: true,
    });

    groups.alb.addIngressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(443), 'HTTPS from the internet');
    groups.alb.addIngressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(80), 'HTTP, redirected to HTTPS');
    groups.alb.addEgressRule(groups.services, ec2.Port.tcp(SERVICE_PORT), 'to the services');

    groups.services.addIngressRule(groups.alb, ec2.Port.tcp(SERVICE_PORT), 'from the ALB');
    groups.services.addEgressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(443), 'AWS APIs and image pulls');
    groups.services.addEgressRule(groups.database, ec2.Port.tcp(POSTGRES_PORT), 'to Aurora');
    groups.services.addEgressRule(groups.cache, ec2.Port.tcp(REDIS_PORT), 'to Redis');
    groups.services.addEgressRule(groups.fileSystem, ec2.Port.tcp(NFS_PORT), 'to EFS');

    groups.database.addIngressRule(groups.services, ec2.Port.tcp(POSTGRES_PORT), 'from the services');
    groups.cache.addIngressRule(groups.services, ec2.Port.tcp(REDIS_PORT), 'from the services');
    groups.fileSystem.addIngressRule(groups.services, ec2.Port.tcp(NFS_PORT), 'from the services');

    this.taskRole.addToPolicy(new iam.PolicyStatement({
      actions: ['s3:DeleteBucket', 's3:DeleteObject'],
      effect: iam.Effect.DENY,
      resources: ['*'],
    }));

    this.keys.logs.grantEncryptDecrypt(new iam.ServicePrincipal(logsServicePrincipal(config.region)));

    this.addComplianceServices(config);
  }

  addComplianceServices(config) {
    if (config.security.guardduty) {
      new guardduty.CfnDetector(this, 'GuardDuty', { enable: true, findingPublishingFrequency: 'FIFTEEN_MINUTES' });
    }
    if (!config.security.awsConfig) return;

    const recorderRole = new iam.Role(this, 'ConfigRecorderRole', {
      assumedBy: new iam.ServicePrincipal('config.amazonaws.com'),
      managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('service-role/AWS_ConfigRole')],
    });
    const recorder = new awsConfig.CfnConfigurationRecorder(this, 'ConfigRecorder', {
      recordingGroup: { allSupported: true, includeGlobalResourceTypes: true },
      roleArn: recorderRole.roleArn,
    });
    const bucket = this.auditBucket.bucket;
    bucket.addToResourcePolicy(new iam.PolicyStatement({
      actions: ['s3:GetBucketAcl', 's3:ListBucket'],
      principals: [new iam.ServicePrincipal('config.amazonaws.com')],
      resources: [bucket.bucketArn],
    }));
    bucket.addToResourcePolicy(new iam.PolicyStatement({
      actions: ['s3:PutObject'],
      conditions: { StringEquals: { 's3:x-amz-acl': 'bucket-owner-full-control' } },
      principals: [new iam.ServicePrincipal('config.amazonaws.com')],
      resources: [bucket.arnForObjects(`AWSLogs/${this.account}/Config/*`)],
    }));
    const channel = new awsConfig.CfnDeliveryChannel(this, 'ConfigDeliveryChannel', {
      s3BucketName: bucket.bucketName,
    });
    channel.node.addDependency(recorder);

    const rules = [
      ['S3BucketSslRequestsOnly', awsConfig.ManagedRuleIdentifiers.S3_BUCKET_SSL_REQUESTS_ONLY],
      ['CloudTrailEnabled', awsConfig.ManagedRuleIdentifiers.CLOUD_TRAIL_ENABLED],
      ['EfsEncrypted', awsConfig.ManagedRuleIdentifiers.EFS_ENCRYPTED_CHECK],
      ['LogGroupsEncrypted', awsConfig.ManagedRuleIdentifiers.CLOUDWATCH_LOG_GROUP_ENCRYPTED],
      ['VpcFlowLogsEnabled', awsConfig.ManagedRuleIdentifiers.VPC_FLOW_LOGS_ENABLED],
    ];
    for (const [ruleId, identifier] of rules) {
      const rule = new awsConfig.ManagedRule(this, ruleId, { identifier });
      rule.node.addDependency(recorder);
    }
  }
}

module.exports = { SecurityStack };

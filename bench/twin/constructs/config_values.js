'use strict';
// lib/constructs/config_values.cpp: config values as CDK values.
const cdk = require('aws-cdk-lib');
const efs = require('aws-cdk-lib/aws-efs');
const logs = require('aws-cdk-lib/aws-logs');

function removalPolicy(policy) {
  return policy === 'retain' ? cdk.RemovalPolicy.RETAIN : cdk.RemovalPolicy.DESTROY;
}

function logsServicePrincipal(region) {
  return `logs.${region}.amazonaws.com`;
}

function retentionDays(days) {
  if (!Object.values(logs.RetentionDays).includes(days)) {
    throw new Error(`${days} days is not a CloudWatch Logs retention`);
  }
  return days;
}

function efsLifecycleAfter(days) {
  const policy = efs.LifecyclePolicy[`AFTER_${days}_${days === 1 ? 'DAY' : 'DAYS'}`];
  if (policy === undefined) throw new Error(`${days} days is not an EFS lifecycle`);
  return policy;
}

module.exports = { removalPolicy, logsServicePrincipal, retentionDays, efsLifecycleAfter };

'use strict';
// lib/constructs/managed_web_acl.cpp
const wafv2 = require('aws-cdk-lib/aws-wafv2');
const { Construct } = require('constructs');

function visibility(metricName) {
  return { cloudWatchMetricsEnabled: true, metricName, sampledRequestsEnabled: true };
}

function managedRule(group, priority, metricName) {
  return {
    name: group,
    overrideAction: { none: {} },
    priority,
    statement: { managedRuleGroupStatement: { name: group, vendorName: 'AWS' } },
    visibilityConfig: visibility(metricName),
  };
}

function rateLimitRule(limit, priority, metricName) {
  return {
    action: { block: {} },
    name: 'RateLimitPerIp',
    priority,
    statement: { rateBasedStatement: { aggregateKeyType: 'IP', limit } },
    visibilityConfig: visibility(metricName),
  };
}

class ManagedWebAcl extends Construct {
  /** props: { scope: 'cloudfront' | 'regional', rateLimitPerIp, metricPrefix } */
  constructor(scope, id, props) {
    super(scope, id);
    const prefix = props.metricPrefix;
    this.acl = new wafv2.CfnWebACL(this, 'WebAcl', {
      defaultAction: { allow: {} },
      rules: [
        managedRule('AWSManagedRulesCommonRuleSet', 1, `${prefix}CommonRuleSet`),
        managedRule('AWSManagedRulesSQLiRuleSet', 2, `${prefix}SQLiRuleSet`),
        managedRule('AWSManagedRulesKnownBadInputsRuleSet', 3, `${prefix}KnownBadInputsRuleSet`),
        rateLimitRule(props.rateLimitPerIp, 4, `${prefix}RateLimit`),
      ],
      scope: props.scope === 'cloudfront' ? 'CLOUDFRONT' : 'REGIONAL',
      visibilityConfig: visibility(`${prefix}WebAcl`),
    });
  }
}

module.exports = { ManagedWebAcl };

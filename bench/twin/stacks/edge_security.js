'use strict';
// lib/stacks/edge_security_stack.cpp
const cdk = require('aws-cdk-lib');
const { ManagedWebAcl } = require('../constructs/managed_web_acl');

const CLOUDFRONT_REGION = 'us-east-1';

class EdgeSecurityStack extends cdk.Stack {
  constructor(scope, id, props) {
    super(scope, id, props.stack);
    this.webAcl = new ManagedWebAcl(this, 'CloudFrontWebAcl', {
      scope: 'cloudfront',
      rateLimitPerIp: props.config.security.wafRateLimitPerIp,
      metricPrefix: 'CloudFront',
    });
  }
}

module.exports = { EdgeSecurityStack, CLOUDFRONT_REGION };

'use strict';
// lib/constructs/secure_bucket.cpp
const cdk = require('aws-cdk-lib');
const s3 = require('aws-cdk-lib/aws-s3');
const { Construct } = require('constructs');
const { removalPolicy } = require('./config_values');

class SecureBucket extends Construct {
  constructor(scope, id, props) {
    super(scope, id);
    const destroy = props.removalPolicy === 'destroy';
    const bucket = {
      autoDeleteObjects: destroy,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      encryption: props.encryptionKey ? s3.BucketEncryption.KMS : s3.BucketEncryption.S3_MANAGED,
      encryptionKey: props.encryptionKey,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      removalPolicy: removalPolicy(props.removalPolicy),
      versioned: true,
    };
    if (props.encryptionKey) bucket.bucketKeyEnabled = true;
    if (props.accessLogs) {
      bucket.serverAccessLogsBucket = props.accessLogs;
      bucket.serverAccessLogsPrefix = props.accessLogsPrefix ?? '';
    }
    if (props.lifecycleRules && props.lifecycleRules.length > 0) bucket.lifecycleRules = props.lifecycleRules;
    if (props.replicationRules && props.replicationRules.length > 0) {
      bucket.replicationRules = props.replicationRules;
    }
    if (props.crossRegionName) bucket.bucketName = cdk.PhysicalName.GENERATE_IF_NEEDED;
    this.bucket = new s3.Bucket(this, 'Bucket', bucket);
  }
}

module.exports = { SecureBucket };

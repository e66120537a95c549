'use strict';
// lib/stacks/storage_stack.cpp: StorageStack and StorageReplicaStack.
const cdk = require('aws-cdk-lib');
const ecr = require('aws-cdk-lib/aws-ecr');
const efs = require('aws-cdk-lib/aws-efs');
const kms = require('aws-cdk-lib/aws-kms');
const s3 = require('aws-cdk-lib/aws-s3');
const { removalPolicy, efsLifecycleAfter } = require('../constructs/config_values');
const { SecureBucket } = require('../constructs/secure_bucket');

function expireAfter(days, noncurrentDays) {
  return { expiration: cdk.Duration.days(days), noncurrentVersionExpiration: cdk.Duration.days(noncurrentDays) };
}

function replicationRules(props) {
  if (!props.replication) return [];
  return [{
    destination: props.replication.bucket,
    kmsKey: props.replication.key,
    priority: 1,
    sseKmsEncryptedObjects: true,
  }];
}

function repository(scope, id, config) {
  const destroy = config.removalPolicy === 'destroy';
  return new ecr.Repository(scope, id, {
    emptyOnDelete: destroy,
    imageScanOnPush: true,
    imageTagMutability: config.storage.ecrImmutableTags ? ecr.TagMutability.IMMUTABLE : ecr.TagMutability.MUTABLE,
    lifecycleRules: [{
      description: `keep the last ${config.storage.ecrImagesKept}`,
      maxImageCount: config.storage.ecrImagesKept,
    }],
    removalPolicy: removalPolicy(config.removalPolicy),
  });
}

class StorageStack extends cdk.Stack {
  constructor(scope, id, props) {
    super(scope, id, props.stack);
    const config = props.config;
    const storage = config.storage;
    this.accessLogs = new SecureBucket(this, 'AccessLogs', {
      removalPolicy: config.removalPolicy,
      lifecycleRules: [expireAfter(storage.accessLogRetentionDays, storage.accessLogRetentionDays)],
    });
    this.site = new SecureBucket(this, 'StaticSite', {
      removalPolicy: config.removalPolicy,
      accessLogs: this.accessLogs.bucket,
      accessLogsPrefix: 'static-site/',
      lifecycleRules: [expireAfter(3650, storage.noncurrentVersionRetentionDays)],
    });
    this.backups = new SecureBucket(this, 'Backups', {
      removalPolicy: config.removalPolicy,
      encryptionKey: props.storageKey,
      accessLogs: this.accessLogs.bucket,
      accessLogsPrefix: 'backups/',
      lifecycleRules: [{
        expiration: cdk.Duration.days(storage.backupRetentionDays),
        noncurrentVersionExpiration: cdk.Duration.days(storage.noncurrentVersionRetentionDays),
        transitions: [{
          storageClass: s3.StorageClass.GLACIER,
          transitionAfter: cdk.Duration.days(storage.backupArchiveAfterDays),
        }],
      }],
      replicationRules: replicationRules(props),
    });
    this.fileSystem = new efs.FileSystem(this, 'FileSystem', {
      enableAutomaticBackups: true,
      encrypted: true,
      kmsKey: props.storageKey,
      lifecyclePolicy: efsLifecycleAfter(storage.efsTransitionToIaDays),
      outOfInfrequentAccessPolicy: efs.OutOfInfrequentAccessPolicy.AFTER_1_ACCESS,
      removalPolicy: removalPolicy(config.removalPolicy),
      securityGroup: props.fileSystemSecurityGroup,
      vpc: props.vpc,
    });
    this.accessPoint = this.fileSystem.addAccessPoint('AppData', {
      createAcl: { ownerGid: '1000', ownerUid: '1000', permissions: '750' },
      path: '/app-data',
      posixUser: { gid: '1000', uid: '1000' },
    });
    this.repositories = {
      api: repository(this, 'ApiRepository', config),
      frontend: repository(this, 'FrontendRepository', config),
      worker: repository(this, 'WorkerRepository', config),
    };
  }
}

class StorageReplicaStack extends cdk.Stack {
  constructor(scope, id, props) {
    super(scope, id, props.stack);
    const config = props.config;
    this.key = new kms.Key(this, 'ReplicaKey', {
      description: `Replicated backups (${config.name})`,
      enableKeyRotation: true,
      removalPolicy: removalPolicy(config.removalPolicy),
    });
    this.replica = new SecureBucket(this, 'BackupsReplica', {
      removalPolicy: config.removalPolicy,
      encryptionKey: this.key,
      lifecycleRules: [expireAfter(config.storage.backupRetentionDays, config.storage.noncurrentVersionRetentionDays)],
      crossRegionName: true,
    });
  }

  target() {
    return { bucket: this.replica.bucket, key: this.key };
  }
}

module.exports = { StorageStack, StorageReplicaStack };

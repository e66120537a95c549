#include "secure_bucket.hpp"

#include <aws_cdk_lib/PhysicalName.hpp>
#include <aws_cdk_lib/aws_s3/BlockPublicAccess.hpp>

#include "config_values.hpp"

namespace infra {

namespace s3 = aws_cdk_lib::aws_s3;

namespace {

s3::BucketProps bucket_props(const SecureBucketProps& props) {
  const bool destroy = props.removal_policy == config::RemovalPolicy::destroy;
  s3::BucketProps bucket{
      .autoDeleteObjects = destroy,
      .blockPublicAccess = s3::BlockPublicAccess::BLOCK_ALL(),
      .encryption = props.encryption_key ? s3::BucketEncryption::KMS : s3::BucketEncryption::S3_MANAGED,
      .encryptionKey = props.encryption_key,
      .enforceSSL = true,
      .minimumTLSVersion = 1.2,
      .removalPolicy = removal_policy(props.removal_policy),
      .versioned = true,
  };
  if (props.encryption_key) bucket.bucketKeyEnabled = true;  // one KMS call per bucket key, not per object
  if (props.access_logs) {
    bucket.serverAccessLogsBucket = props.access_logs;
    bucket.serverAccessLogsPrefix = props.access_logs_prefix;
  }
  if (!props.lifecycle_rules.empty()) bucket.lifecycleRules = props.lifecycle_rules;
  if (!props.replication_rules.empty()) bucket.replicationRules = props.replication_rules;
  if (props.cross_region_name) bucket.bucketName = aws_cdk_lib::PhysicalName::GENERATE_IF_NEEDED();
  return bucket;
}

}  // namespace

SecureBucket::SecureBucket(const constructs::Construct& scope, const std::string& id,
                           const SecureBucketProps& props)
    : Construct(scope, id), bucket_(*this, "Bucket", bucket_props(props)) {}

}  // namespace infra

// An S3 bucket with the settings every bucket of this app must have: encrypted (KMS, or S3-managed where the
// service writing to it requires that), TLS only, versioned, no public access, server access logs, and a
// removal policy from the config (DESTROY empties the bucket first).
#pragma once

#include <aws_cdk_lib/aws_kms/IKey.hpp>
#include <aws_cdk_lib/aws_s3/Bucket.hpp>
#include <aws_cdk_lib/aws_s3/LifecycleRule.hpp>
#include <aws_cdk_lib/aws_s3/ReplicationRule.hpp>
#include <constructs/Construct.hpp>
#include <optional>
#include <string>
#include <vector>

#include "config/environment_config.hpp"

namespace infra {

struct SecureBucketProps {
  config::RemovalPolicy removal_policy = config::RemovalPolicy::retain;
  /// Customer-managed key; nullopt means S3-managed keys (server access log targets must use those).
  std::optional<aws_cdk_lib::aws_kms::IKey> encryption_key{};
  /// Where S3 writes this bucket's server access logs; nullopt for the access-log bucket itself.
  std::optional<aws_cdk_lib::aws_s3::IBucket> access_logs{};
  std::string access_logs_prefix{};
  std::vector<aws_cdk_lib::aws_s3::LifecycleRule> lifecycle_rules{};
  std::vector<aws_cdk_lib::aws_s3::ReplicationRule> replication_rules{};
  /// A generated physical name, so that stacks in other regions can name this bucket.
  bool cross_region_name = false;
};

class SecureBucket : public constructs::Construct {
 public:
  SecureBucket(const constructs::Construct& scope, const std::string& id, const SecureBucketProps& props);

  [[nodiscard]] const aws_cdk_lib::aws_s3::Bucket& bucket() const { return bucket_; }

 private:
  aws_cdk_lib::aws_s3::Bucket bucket_;
};

}  // namespace infra

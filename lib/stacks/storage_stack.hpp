// StorageStack: S3 buckets for the static site, access logs and backups; the shared EFS file system; the ECR
// repositories of the three services.
#pragma once

#include <aws_cdk_lib/Stack.hpp>
#include <aws_cdk_lib/StackProps.hpp>
#include <aws_cdk_lib/aws_ec2/ISecurityGroup.hpp>
#include <aws_cdk_lib/aws_ec2/IVpc.hpp>
#include <aws_cdk_lib/aws_ecr/Repository.hpp>
#include <aws_cdk_lib/aws_efs/AccessPoint.hpp>
#include <aws_cdk_lib/aws_efs/FileSystem.hpp>
#include <aws_cdk_lib/aws_kms/IKey.hpp>
#include <aws_cdk_lib/aws_kms/Key.hpp>
#include <aws_cdk_lib/aws_s3/IBucket.hpp>
#include <jsii/required.hpp>
#include <optional>

#include "config/environment_config.hpp"
#include "constructs/secure_bucket.hpp"

namespace infra {

/// Where the backups bucket replicates to (a bucket and key in another region: StorageReplicaStack).
struct ReplicationTarget {
  jsii::Required<aws_cdk_lib::aws_s3::IBucket> bucket;
  jsii::Required<aws_cdk_lib::aws_kms::IKey> key;
};

struct StorageStackProps {
  aws_cdk_lib::StackProps stack;
  config::EnvironmentConfig config;
  jsii::Required<aws_cdk_lib::aws_ec2::IVpc> vpc;
  jsii::Required<aws_cdk_lib::aws_kms::IKey> storage_key;
  jsii::Required<aws_cdk_lib::aws_ec2::ISecurityGroup> file_system_security_group;
  std::optional<ReplicationTarget> replication{};
};

/// The three services' image repositories.
struct Repositories {
  aws_cdk_lib::aws_ecr::Repository api;
  aws_cdk_lib::aws_ecr::Repository frontend;
  aws_cdk_lib::aws_ecr::Repository worker;
};

class StorageStack : public aws_cdk_lib::Stack {
 public:
  StorageStack(const constructs::Construct& scope, const std::string& id, const StorageStackProps& props);

  [[nodiscard]] const aws_cdk_lib::aws_s3::Bucket& access_logs_bucket() const {
    return access_logs_.bucket();
  }
  [[nodiscard]] const aws_cdk_lib::aws_s3::Bucket& site_bucket() const { return site_.bucket(); }
  [[nodiscard]] const aws_cdk_lib::aws_s3::Bucket& backups_bucket() const { return backups_.bucket(); }
  [[nodiscard]] const aws_cdk_lib::aws_efs::FileSystem& file_system() const { return file_system_; }
  [[nodiscard]] const aws_cdk_lib::aws_efs::AccessPoint& app_data_access_point() const {
    return access_point_;
  }
  [[nodiscard]] const Repositories& repositories() const { return repositories_; }

 private:
  SecureBucket access_logs_;
  SecureBucket site_;
  SecureBucket backups_;
  aws_cdk_lib::aws_efs::FileSystem file_system_;
  aws_cdk_lib::aws_efs::AccessPoint access_point_;
  Repositories repositories_;
};

struct StorageReplicaStackProps {
  aws_cdk_lib::StackProps stack;  ///< its env's region is config.storage.replication_region
  config::EnvironmentConfig config;
};

/// StorageReplicaStack: the replication target of the backups bucket, in another region (production).
class StorageReplicaStack : public aws_cdk_lib::Stack {
 public:
  StorageReplicaStack(const constructs::Construct& scope, const std::string& id,
                      const StorageReplicaStackProps& props);

  [[nodiscard]] ReplicationTarget target() const { return {.bucket = replica_.bucket(), .key = key_}; }

 private:
  aws_cdk_lib::aws_kms::Key key_;
  SecureBucket replica_;
};

}  // namespace infra

// SecurityStack: the KMS keys of the data domains, least-privilege security groups, the regional WAF web ACL,
// the ECS task roles, CloudTrail, and (where the config turns them on) GuardDuty and AWS Config.
#pragma once

#include <aws_cdk_lib/Stack.hpp>
#include <aws_cdk_lib/StackProps.hpp>
#include <aws_cdk_lib/aws_cloudtrail/Trail.hpp>
#include <aws_cdk_lib/aws_ec2/IVpc.hpp>
#include <aws_cdk_lib/aws_ec2/SecurityGroup.hpp>
#include <aws_cdk_lib/aws_iam/Role.hpp>
#include <aws_cdk_lib/aws_kms/Key.hpp>
#include <jsii/required.hpp>

#include "config/environment_config.hpp"
#include "constructs/managed_web_acl.hpp"
#include "constructs/secure_bucket.hpp"

namespace infra {

/// The port the api and frontend containers listen on (the ALB forwards to it).
inline constexpr double kServicePort = 8080;
inline constexpr double kPostgresPort = 5432;
inline constexpr double kRedisPort = 6379;
inline constexpr double kNfsPort = 2049;

struct SecurityStackProps {
  aws_cdk_lib::StackProps stack;
  config::EnvironmentConfig config;
  jsii::Required<aws_cdk_lib::aws_ec2::IVpc> vpc;
};

/// One customer-managed key per data domain, so that a grant on one domain never opens another.
struct DataKeys {
  aws_cdk_lib::aws_kms::Key database;  ///< Aurora storage and snapshots
  aws_cdk_lib::aws_kms::Key cache;     ///< ElastiCache at rest
  aws_cdk_lib::aws_kms::Key storage;   ///< S3 buckets with data, EFS
  aws_cdk_lib::aws_kms::Key secrets;   ///< Secrets Manager
  aws_cdk_lib::aws_kms::Key logs;      ///< CloudTrail, application log groups
};

/// Who may talk to whom: the ALB to the services, the services to the data stores; nothing else.
struct SecurityGroups {
  aws_cdk_lib::aws_ec2::SecurityGroup alb;
  aws_cdk_lib::aws_ec2::SecurityGroup services;
  aws_cdk_lib::aws_ec2::SecurityGroup database;
  aws_cdk_lib::aws_ec2::SecurityGroup cache;
  aws_cdk_lib::aws_ec2::SecurityGroup file_system;
};

class SecurityStack : public aws_cdk_lib::Stack {
 public:
  SecurityStack(const constructs::Construct& scope, const std::string& id, const SecurityStackProps& props);

  [[nodiscard]] const DataKeys& keys() const { return keys_; }
  [[nodiscard]] const SecurityGroups& security_groups() const { return groups_; }
  [[nodiscard]] const aws_cdk_lib::aws_iam::Role& task_role() const { return task_role_; }
  [[nodiscard]] const aws_cdk_lib::aws_iam::Role& task_execution_role() const { return task_execution_role_; }
  [[nodiscard]] const ManagedWebAcl& regional_web_acl() const { return web_acl_; }

 private:
  void add_compliance_services(const config::EnvironmentConfig& config);

  DataKeys keys_;
  SecurityGroups groups_;
  ManagedWebAcl web_acl_;
  aws_cdk_lib::aws_iam::Role task_execution_role_;
  aws_cdk_lib::aws_iam::Role task_role_;
  // CloudTrail's bucket lives with the trail: the bucket policy names the trail, so a bucket in StorageStack
  // (which needs this stack's keys) would make the stacks reference each other.
  SecureBucket audit_bucket_;
  aws_cdk_lib::aws_cloudtrail::Trail trail_;
};

}  // namespace infra

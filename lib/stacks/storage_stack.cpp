#include "storage_stack.hpp"

#include <aws_cdk_lib/Duration.hpp>
#include <aws_cdk_lib/aws_ecr/TagMutability.hpp>
#include <aws_cdk_lib/aws_efs/OutOfInfrequentAccessPolicy.hpp>
#include <aws_cdk_lib/aws_s3/StorageClass.hpp>

#include "constructs/config_values.hpp"

namespace infra {

namespace cdk = aws_cdk_lib;
namespace ecr = aws_cdk_lib::aws_ecr;
namespace efs = aws_cdk_lib::aws_efs;
namespace s3 = aws_cdk_lib::aws_s3;

namespace {

s3::LifecycleRule expire_after(int days, int noncurrent_days) {
  return {.expiration = cdk::Duration::days(days),
          .noncurrentVersionExpiration = cdk::Duration::days(noncurrent_days)};
}

std::vector<s3::ReplicationRule> replication_rules(const StorageStackProps& props) {
  if (!props.replication) return {};
  return {{.destination = props.replication->bucket,
           .kmsKey = props.replication->key.get(),
           .priority = 1,
           .sseKmsEncryptedObjects = true}};
}

ecr::Repository repository(const constructs::Construct& scope, const std::string& id,
                           const config::EnvironmentConfig& config) {
  const bool destroy = config.removal_policy == config::RemovalPolicy::destroy;
  return ecr::Repository(
      scope, id,
      {.emptyOnDelete = destroy,
       .imageScanOnPush = true,
       .imageTagMutability =
           config.storage.ecr_immutable_tags ? ecr::TagMutability::IMMUTABLE : ecr::TagMutability::MUTABLE,
       .lifecycleRules = {{{.description = "keep the last " + std::to_string(config.storage.ecr_images_kept),
                            .maxImageCount = config.storage.ecr_images_kept}}},
       .removalPolicy = removal_policy(config.removal_policy)});
}

}  // namespace

StorageStack::StorageStack(const constructs::Construct& scope, const std::string& id,
                           const StorageStackProps& props)
    : Stack(scope, id, props.stack),
      // S3 server access logging writes only to buckets with S3-managed keys.
      access_logs_(*this, "AccessLogs",
                   {.removal_policy = props.config.removal_policy,
                    .lifecycle_rules = {expire_after(props.config.storage.access_log_retention_days,
                                                     props.config.storage.access_log_retention_days)}}),
      // S3-managed: CloudFront's origin access control would need this bucket's key policy to name the
      // distribution, which lives in a later stack (docs/architecture.md).
      site_(
          *this, "StaticSite",
          {.removal_policy = props.config.removal_policy,
           .access_logs = access_logs_.bucket(),
           .access_logs_prefix = "static-site/",
           .lifecycle_rules = {expire_after(3650, props.config.storage.noncurrent_version_retention_days)}}),
      backups_(
          *this, "Backups",
          {.removal_policy = props.config.removal_policy,
           .encryption_key = props.storage_key.get(),
           .access_logs = access_logs_.bucket(),
           .access_logs_prefix = "backups/",
           .lifecycle_rules = {{.expiration = cdk::Duration::days(props.config.storage.backup_retention_days),
                                .noncurrentVersionExpiration = cdk::Duration::days(
                                    props.config.storage.noncurrent_version_retention_days),
                                .transitions = {{{.storageClass = s3::StorageClass::GLACIER(),
                                                  .transitionAfter = cdk::Duration::days(
                                                      props.config.storage.backup_archive_after_days)}}}}},
           .replication_rules = replication_rules(props)}),
      file_system_(*this, "FileSystem",
                   {.enableAutomaticBackups = true,
                    .encrypted = true,
                    .kmsKey = props.storage_key.get(),
                    .lifecyclePolicy = efs_lifecycle_after(props.config.storage.efs_transition_to_ia_days),
                    .outOfInfrequentAccessPolicy = efs::OutOfInfrequentAccessPolicy::AFTER_1_ACCESS,
                    .removalPolicy = removal_policy(props.config.removal_policy),
                    .securityGroup = props.file_system_security_group.get(),
                    .vpc = props.vpc}),
      // The containers run as uid/gid 1000 and see only /app-data.
      access_point_(file_system_.addAccessPoint(
          "AppData", {.createAcl = efs::Acl{.ownerGid = "1000", .ownerUid = "1000", .permissions = "750"},
                      .path = "/app-data",
                      .posixUser = efs::PosixUser{.gid = "1000", .uid = "1000"}})),
      repositories_{.api = repository(*this, "ApiRepository", props.config),
                    .frontend = repository(*this, "FrontendRepository", props.config),
                    .worker = repository(*this, "WorkerRepository", props.config)} {}

StorageReplicaStack::StorageReplicaStack(const constructs::Construct& scope, const std::string& id,
                                         const StorageReplicaStackProps& props)
    : Stack(scope, id, props.stack),
      key_(*this, "ReplicaKey",
           {.description = "Replicated backups (" + props.config.name + ")",
            .enableKeyRotation = true,
            .removalPolicy = removal_policy(props.config.removal_policy)}),
      replica_(*this, "BackupsReplica",
               {.removal_policy = props.config.removal_policy,
                .encryption_key = key_,
                .lifecycle_rules = {expire_after(props.config.storage.backup_retention_days,
                                                 props.config.storage.noncurrent_version_retention_days)},
                .cross_region_name = true}) {}

}  // namespace infra

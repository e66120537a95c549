#include "security_stack.hpp"

#include <aws_cdk_lib/Duration.hpp>
#include <aws_cdk_lib/aws_config/CfnConfigurationRecorder.hpp>
#include <aws_cdk_lib/aws_config/CfnDeliveryChannel.hpp>
#include <aws_cdk_lib/aws_config/ManagedRule.hpp>
#include <aws_cdk_lib/aws_config/ManagedRuleIdentifiers.hpp>
#include <aws_cdk_lib/aws_ec2/Peer.hpp>
#include <aws_cdk_lib/aws_ec2/Port.hpp>
#include <aws_cdk_lib/aws_guardduty/CfnDetector.hpp>
#include <aws_cdk_lib/aws_iam/ManagedPolicy.hpp>
#include <aws_cdk_lib/aws_iam/PolicyStatement.hpp>
#include <aws_cdk_lib/aws_iam/ServicePrincipal.hpp>

#include "constructs/config_values.hpp"

namespace infra {

namespace cdk = aws_cdk_lib;
namespace ec2 = aws_cdk_lib::aws_ec2;
namespace iam = aws_cdk_lib::aws_iam;
namespace kms = aws_cdk_lib::aws_kms;
namespace s3 = aws_cdk_lib::aws_s3;

namespace {

kms::Key data_key(const constructs::Construct& scope, const std::string& id, const std::string& domain,
                  const config::EnvironmentConfig& config) {
  return kms::Key(scope, id,
                  {.description = domain + " (" + config.name + ")",
                   .enableKeyRotation = true,
                   .removalPolicy = removal_policy(config.removal_policy)});
}

ec2::SecurityGroup closed_group(const constructs::Construct& scope, const std::string& id,
                                const std::string& description, const ec2::IVpc& vpc) {
  return ec2::SecurityGroup(scope, id, {.allowAllOutbound = false, .description = description, .vpc = vpc});
}

}  // namespace

SecurityStack::SecurityStack(const constructs::Construct& scope, const std::string& id,
                             const SecurityStackProps& props)
    : Stack(scope, id, props.stack),
      keys_{.database = data_key(*this, "DatabaseKey", "Aurora storage and snapshots", props.config),
            .cache = data_key(*this, "CacheKey", "ElastiCache at rest", props.config),
            .storage = data_key(*this, "StorageKey", "S3 data buckets and EFS", props.config),
            .secrets = data_key(*this, "SecretsKey", "Secrets Manager secrets", props.config),
            .logs = data_key(*this, "LogsKey", "CloudTrail and application logs", props.config)},
      groups_{.alb = closed_group(*this, "AlbSecurityGroup", "Application Load Balancer", props.vpc),
              .services = closed_group(*this, "ServicesSecurityGroup", "ECS services", props.vpc),
              .database = closed_group(*this, "DatabaseSecurityGroup", "Aurora PostgreSQL", props.vpc),
              .cache = closed_group(*this, "CacheSecurityGroup", "ElastiCache Redis", props.vpc),
              .file_system = closed_group(*this, "FileSystemSecurityGroup", "EFS mount targets", props.vpc)},
      web_acl_(*this, "RegionalWebAcl",
               {.scope = WebAclScope::regional,
                .rate_limit_per_ip = props.config.security.waf_rate_limit_per_ip,
                .metric_prefix = "Regional"}),
      task_execution_role_(*this, "TaskExecutionRole",
                           {.assumedBy = iam::ServicePrincipal("ecs-tasks.amazonaws.com"),
                            .description = "ECS agent: pull images, write logs, read task secrets",
                            .managedPolicies = {{iam::ManagedPolicy::fromAwsManagedPolicyName(
                                "service-role/AmazonECSTaskExecutionRolePolicy")}}}),
      task_role_(
          *this, "TaskRole",
          {.assumedBy = iam::ServicePrincipal("ecs-tasks.amazonaws.com"),
           .description = "The application containers: grants are added by the stacks that own the data"}),
      audit_bucket_(
          *this, "AuditLogs",
          {.removal_policy = props.config.removal_policy,
           .lifecycle_rules = {{.expiration =
                                    cdk::Duration::days(props.config.security.audit_log_retention_days),
                                .noncurrentVersionExpiration =
                                    cdk::Duration::days(props.config.security.audit_log_retention_days)}}}),
      trail_(*this, "Trail",
             {.bucket = audit_bucket_.bucket(),
              .enableFileValidation = true,
              .encryptionKey = keys_.logs,
              .includeGlobalServiceEvents = true,
              .isMultiRegionTrail = true}) {
  // The only way in: HTTPS from anywhere, and HTTP only so the listener can redirect it to HTTPS.
  groups_.alb.addIngressRule(ec2::Peer::anyIpv4(), ec2::Port::tcp(443), "HTTPS from the internet");
  groups_.alb.addIngressRule(ec2::Peer::anyIpv4(), ec2::Port::tcp(80), "HTTP, redirected to HTTPS");
  groups_.alb.addEgressRule(groups_.services, ec2::Port::tcp(kServicePort), "to the services");

  groups_.services.addIngressRule(groups_.alb, ec2::Port::tcp(kServicePort), "from the ALB");
  groups_.services.addEgressRule(ec2::Peer::anyIpv4(), ec2::Port::tcp(443), "AWS APIs and image pulls");
  groups_.services.addEgressRule(groups_.database, ec2::Port::tcp(kPostgresPort), "to Aurora");
  groups_.services.addEgressRule(groups_.cache, ec2::Port::tcp(kRedisPort), "to Redis");
  groups_.services.addEgressRule(groups_.file_system, ec2::Port::tcp(kNfsPort), "to EFS");

  groups_.database.addIngressRule(groups_.services, ec2::Port::tcp(kPostgresPort), "from the services");
  groups_.cache.addIngressRule(groups_.services, ec2::Port::tcp(kRedisPort), "from the services");
  groups_.file_system.addIngressRule(groups_.services, ec2::Port::tcp(kNfsPort), "from the services");

  // Even if a later grant is too broad, the application can never delete buckets or objects.
  task_role_.addToPolicy(iam::PolicyStatement({.actions = {{"s3:DeleteBucket", "s3:DeleteObject"}},
                                               .effect = iam::Effect::DENY,
                                               .resources = {{"*"}}}));

  // Application log groups (compute stack) are encrypted with the logs key: CloudWatch Logs must use it.
  keys_.logs.grantEncryptDecrypt(iam::ServicePrincipal(logs_service_principal(props.config.region)));

  add_compliance_services(props.config);
}

void SecurityStack::add_compliance_services(const config::EnvironmentConfig& config) {
  namespace guardduty = aws_cdk_lib::aws_guardduty;
  namespace aws_config = aws_cdk_lib::aws_config;
  if (config.security.guardduty) {
    guardduty::CfnDetector(*this, "GuardDuty",
                           {.enable = true, .findingPublishingFrequency = "FIFTEEN_MINUTES"});
  }
  if (!config.security.aws_config) return;

  const iam::Role recorder_role(
      *this, "ConfigRecorderRole",
      {.assumedBy = iam::ServicePrincipal("config.amazonaws.com"),
       .managedPolicies = {{iam::ManagedPolicy::fromAwsManagedPolicyName("service-role/AWS_ConfigRole")}}});
  const aws_config::CfnConfigurationRecorder recorder(
      *this, "ConfigRecorder",
      {.recordingGroup =
           aws_config::CfnConfigurationRecorder_RecordingGroupProperty{.allSupported = true,
                                                                       .includeGlobalResourceTypes = true},
       .roleArn = recorder_role.roleArn()});
  // AWS Config delivers snapshots and history into the audit bucket under AWSLogs/<account>/Config/.
  const auto& bucket = audit_bucket_.bucket();
  audit_bucket_.bucket().addToResourcePolicy(
      iam::PolicyStatement({.actions = {{"s3:GetBucketAcl", "s3:ListBucket"}},
                            .principals = {{iam::ServicePrincipal("config.amazonaws.com")}},
                            .resources = {{bucket.bucketArn()}}}));
  audit_bucket_.bucket().addToResourcePolicy(iam::PolicyStatement(
      {.actions = {{"s3:PutObject"}},
       .conditions = {{{"StringEquals", jsii::Any::object({{"s3:x-amz-acl", "bucket-owner-full-control"}})}}},
       .principals = {{iam::ServicePrincipal("config.amazonaws.com")}},
       .resources = {{bucket.arnForObjects("AWSLogs/" + account() + "/Config/*")}}}));
  const aws_config::CfnDeliveryChannel channel(*this, "ConfigDeliveryChannel",
                                               {.s3BucketName = bucket.bucketName()});
  channel.node().addDependency({recorder});

  const std::vector<std::pair<std::string, std::string>> rules{
      {"S3BucketSslRequestsOnly", aws_config::ManagedRuleIdentifiers::S3_BUCKET_SSL_REQUESTS_ONLY()},
      {"CloudTrailEnabled", aws_config::ManagedRuleIdentifiers::CLOUD_TRAIL_ENABLED()},
      {"EfsEncrypted", aws_config::ManagedRuleIdentifiers::EFS_ENCRYPTED_CHECK()},
      {"LogGroupsEncrypted", aws_config::ManagedRuleIdentifiers::CLOUDWATCH_LOG_GROUP_ENCRYPTED()},
      {"VpcFlowLogsEnabled", aws_config::ManagedRuleIdentifiers::VPC_FLOW_LOGS_ENABLED()},
  };
  for (const auto& [rule_id, identifier] : rules) {
    const aws_config::ManagedRule rule(*this, rule_id, {.identifier = identifier});
    rule.node().addDependency({recorder});  // a rule evaluates nothing until the recorder exists
  }
}

}  // namespace infra

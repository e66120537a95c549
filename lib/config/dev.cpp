// dev: one developer's sandbox. Two AZs, one NAT gateway, small sizes, everything destroyed with the stacks.
#include "environments.hpp"

namespace infra::config {

EnvironmentConfig dev() {
  return {
      .name = "dev",
      .account = "",  // the deploying developer's account (CDK_DEFAULT_ACCOUNT)
      .region = "us-east-1",
      .tags = {.project = "infra-codebase", .owner = "platform-team", .cost_center = "engineering-dev"},
      .removal_policy = RemovalPolicy::destroy,
      .termination_protection = false,
      .network = {.vpc_cidr = "10.0.0.0/16",
                  .availability_zones = {"us-east-1a", "us-east-1b"},
                  .nat_gateways = 1,
                  .subnet_cidr_mask = 24,
                  .flow_log_retention_days = 7,
                  .interface_endpoints = false},
      .security = {.waf_rate_limit_per_ip = 2000,
                   .guardduty = false,
                   .aws_config = false,
                   .audit_log_retention_days = 90},
      .storage = {.access_log_retention_days = 30,
                  .noncurrent_version_retention_days = 7,
                  .backup_archive_after_days = 30,
                  .backup_retention_days = 90,
                  .replication_region = std::nullopt,
                  .ecr_images_kept = 10,
                  .ecr_immutable_tags = false,
                  .efs_transition_to_ia_days = 7},
      .compute =
          {.api = {.cpu = 256, .memory_mib = 512, .desired_count = 1, .min_capacity = 1, .max_capacity = 2},
           .worker =
               {.cpu = 256, .memory_mib = 512, .desired_count = 1, .min_capacity = 1, .max_capacity = 2},
           .frontend =
               {.cpu = 256, .memory_mib = 512, .desired_count = 1, .min_capacity = 1, .max_capacity = 2},
           .fargate_spot = true,
           .container_insights = false},
      .database = {.instance_class = "t4g.medium",
                   .readers = 0,
                   .multi_az = false,
                   .backup_retention_days = 1,
                   .deletion_protection = false},
      .cache = {.node_type = "cache.t4g.micro", .nodes = 1, .multi_az = false},
      .monitoring = {.alarm_emails = {}, .log_retention_days = 7},
      .backup = {.daily_retention_days = 7,
                 .monthly_retention_days = 0,
                 .monthly_cold_storage_after_days = std::nullopt},
      .domain = std::nullopt,
  };
}

}  // namespace infra::config

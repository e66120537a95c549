// production: three AZs with a NAT gateway each, Multi-AZ data, everything retained and the stacks locked.
#include "environments.hpp"

namespace infra::config {

EnvironmentConfig production() {
  return {
      .name = "production",
      .account = "333333333333",
      .region = "eu-west-1",
      .tags = {.project = "infra-codebase", .owner = "platform-team", .cost_center = "operations-production"},
      .removal_policy = RemovalPolicy::retain,
      .termination_protection = true,
      .network = {.vpc_cidr = "10.2.0.0/16",
                  .availability_zones = {"eu-west-1a", "eu-west-1b", "eu-west-1c"},
                  .nat_gateways = 3,
                  .subnet_cidr_mask = 24,
                  .flow_log_retention_days = 365,
                  .interface_endpoints = true},
      .security = {.waf_rate_limit_per_ip = 2000,
                   .guardduty = true,
                   .aws_config = true,
                   .audit_log_retention_days = 2557},
      .storage = {.access_log_retention_days = 365,
                  .noncurrent_version_retention_days = 90,
                  .backup_archive_after_days = 30,
                  .backup_retention_days = 2557,
                  .replication_region = "eu-central-1",
                  .ecr_images_kept = 50,
                  .ecr_immutable_tags = true,
                  .efs_transition_to_ia_days = 30},
      .compute =
          {.api =
               {.cpu = 1024, .memory_mib = 2048, .desired_count = 3, .min_capacity = 3, .max_capacity = 12},
           .worker =
               {.cpu = 1024, .memory_mib = 2048, .desired_count = 2, .min_capacity = 2, .max_capacity = 10},
           .frontend =
               {.cpu = 512, .memory_mib = 1024, .desired_count = 3, .min_capacity = 3, .max_capacity = 6},
           .fargate_spot = false,
           .container_insights = true},
      .database = {.instance_class = "r6g.xlarge",
                   .readers = 2,
                   .multi_az = true,
                   .backup_retention_days = 35,
                   .deletion_protection = true},
      .cache = {.node_type = "cache.r6g.large", .nodes = 3, .multi_az = true},
      .monitoring = {.alarm_emails = {"oncall@example.com"}, .log_retention_days = 365},
      .backup = {.daily_retention_days = 35,
                 .monthly_retention_days = 365,
                 .monthly_cold_storage_after_days = 30},
      .domain = std::nullopt,
  };
}

}  // namespace infra::config

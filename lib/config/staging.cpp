// staging: production's shape at a smaller scale, in its own account. Data is kept; the stacks are not
// locked.
#include "environments.hpp"

namespace infra::config {

EnvironmentConfig staging() {
  return {
      .name = "staging",
      .account = "222222222222",
      .region = "us-east-1",
      .tags = {.project = "infra-codebase", .owner = "platform-team", .cost_center = "engineering-staging"},
      .removal_policy = RemovalPolicy::retain,
      .termination_protection = false,
      .network = {.vpc_cidr = "10.1.0.0/16",
                  .availability_zones = {"us-east-1a", "us-east-1b"},
                  .nat_gateways = 2,
                  .subnet_cidr_mask = 24,
                  .flow_log_retention_days = 30,
                  .interface_endpoints = true},
      .security = {.waf_rate_limit_per_ip = 2000,
                   .guardduty = true,
                   .aws_config = false,
                   .audit_log_retention_days = 365},
      .storage = {.access_log_retention_days = 90,
                  .noncurrent_version_retention_days = 30,
                  .backup_archive_after_days = 30,
                  .backup_retention_days = 365,
                  .replication_region = std::nullopt,
                  .ecr_images_kept = 20,
                  .ecr_immutable_tags = true,
                  .efs_transition_to_ia_days = 30},
      .compute =
          {.api = {.cpu = 512, .memory_mib = 1024, .desired_count = 2, .min_capacity = 2, .max_capacity = 4},
           .worker =
               {.cpu = 512, .memory_mib = 1024, .desired_count = 1, .min_capacity = 1, .max_capacity = 4},
           .frontend =
               {.cpu = 256, .memory_mib = 512, .desired_count = 2, .min_capacity = 2, .max_capacity = 4},
           .fargate_spot = true,
           .container_insights = true},
      .database = {.instance_class = "r6g.large",
                   .readers = 1,
                   .multi_az = true,
                   .backup_retention_days = 7,
                   .deletion_protection = true},
      .cache = {.node_type = "cache.t4g.small", .nodes = 2, .multi_az = true},
      .monitoring = {.alarm_emails = {"platform-staging@example.com"}, .log_retention_days = 30},
      .backup = {.daily_retention_days = 14,
                 .monthly_retention_days = 0,
                 .monthly_cold_storage_after_days = std::nullopt},
      .domain = std::nullopt,
  };
}

}  // namespace infra::config

// The typed configuration of one environment: everything that differs between dev, staging and production.
// Stacks read these fields; they never compare environment names. One file per environment fills it
// (dev.cpp, staging.cpp, production.cpp); validation.hpp checks it before any construct is created.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace infra::config {

/// What happens to stateful resources when their stack is deleted or they are replaced.
enum class RemovalPolicy {
  destroy,  ///< delete them (buckets are emptied first): throwaway environments
  retain,   ///< keep them: environments whose data matters
};

/// Cost-allocation tags put on every resource (the `Environment` tag is the environment's name).
struct Tags {
  std::string project;
  std::string owner;
  std::string cost_center;
};

struct NetworkConfig {
  std::string vpc_cidr;  ///< e.g. "10.0.0.0/16"
  std::vector<std::string>
      availability_zones;            ///< explicit, so synth needs no lookup beyond cdk.context.json
  int nat_gateways = 1;              ///< at most one per availability zone
  int subnet_cidr_mask = 24;         ///< public, private-with-egress and isolated subnets alike
  int flow_log_retention_days = 30;  ///< a value CloudWatch Logs accepts
  bool interface_endpoints = false;  ///< ECR api + dkr, Secrets Manager, CloudWatch Logs, SSM
};

struct SecurityConfig {
  int waf_rate_limit_per_ip = 2000;    ///< requests per 5 minutes per IP before the rate rule blocks
  bool guardduty = false;              ///< GuardDuty detector
  bool aws_config = false;             ///< AWS Config recorder, delivery channel and managed rules
  int audit_log_retention_days = 365;  ///< CloudTrail objects in the audit bucket
};

struct StorageConfig {
  int access_log_retention_days = 90;             ///< server access logs expire after this
  int noncurrent_version_retention_days = 30;     ///< old object versions expire after this
  int backup_archive_after_days = 30;             ///< backups bucket: move to Glacier after this
  int backup_retention_days = 365;                ///< backups bucket: expire after this
  std::optional<std::string> replication_region;  ///< cross-region replication of the backups bucket
  int ecr_images_kept = 10;                       ///< lifecycle: keep the last N images per repository
  bool ecr_immutable_tags = false;                ///< immutable tags: a tag names one image forever
  int efs_transition_to_ia_days = 30;             ///< one of 1, 7, 14, 30, 60, 90, 180, 270, 365
};

/// One ECS Fargate service's size (read by the compute stack, part 2).
struct ServiceConfig {
  int cpu = 256;  ///< CPU units; a Fargate size together with memory_mib
  int memory_mib = 512;
  int desired_count = 1;
  int min_capacity = 1;
  int max_capacity = 2;
};

struct ComputeConfig {
  ServiceConfig api;
  ServiceConfig worker;
  ServiceConfig frontend;
  bool fargate_spot = false;  ///< run part of the capacity on Fargate Spot
  bool container_insights = false;
};

struct DatabaseConfig {
  std::string instance_class;     ///< e.g. "t4g.medium", "r6g.large"
  int readers = 0;                ///< Aurora readers besides the writer
  bool multi_az = false;          ///< readers spread over the AZs; failover target
  int backup_retention_days = 7;  ///< Aurora automated backups: 1..35
  bool deletion_protection = false;
};

struct CacheConfig {
  std::string node_type;  ///< e.g. "cache.t4g.micro"
  int nodes = 1;          ///< primary + replicas
  bool multi_az = false;  ///< needs at least two nodes
};

struct MonitoringConfig {
  std::vector<std::string> alarm_emails;  ///< SNS subscriptions of the alarm topic
  int log_retention_days = 30;            ///< application log groups
};

struct BackupConfig {
  int daily_retention_days = 7;
  int monthly_retention_days = 0;                      ///< 0: no monthly plan rule
  std::optional<int> monthly_cold_storage_after_days;  ///< AWS Backup requires retention >= this + 90
};

/// A public domain served by CloudFront and the ALB (optional: dev runs on the generated names).
struct DomainConfig {
  std::string name;            ///< e.g. "app.example.com"
  std::string hosted_zone_id;  ///< Route 53 public hosted zone of the domain's parent
  std::string hosted_zone_name;
};

struct EnvironmentConfig {
  std::string name;     ///< "dev", "staging", "production": the `Environment` tag and the stack-name prefix
  std::string account;  ///< empty: the CLI's CDK_DEFAULT_ACCOUNT (environment-agnostic without credentials)
  std::string region;   ///< always explicit (see docs/architecture.md, "Account and region")
  Tags tags;
  RemovalPolicy removal_policy = RemovalPolicy::destroy;
  bool termination_protection = false;  ///< stateful stacks only
  NetworkConfig network;
  SecurityConfig security;
  StorageConfig storage;
  ComputeConfig compute;
  DatabaseConfig database;
  CacheConfig cache;
  MonitoringConfig monitoring;
  BackupConfig backup;
  std::optional<DomainConfig> domain;
};

}  // namespace infra::config

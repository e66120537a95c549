#include "infrastructure.hpp"

#include <aws_cdk_lib/Tags.hpp>
#include <cstdlib>

namespace infra {

namespace cdk = aws_cdk_lib;

aws_cdk_lib::Environment deployment_environment(const config::EnvironmentConfig& config) {
  cdk::Environment environment{.region = config.region};
  if (!config.account.empty()) {
    environment.account = config.account;
  } else if (const char* cli_account = std::getenv("CDK_DEFAULT_ACCOUNT"); cli_account && *cli_account) {
    environment.account = cli_account;
  }
  return environment;
}

Infrastructure add_infrastructure(const constructs::Construct& scope,
                                  const config::EnvironmentConfig& config) {
  const auto tags = cdk::Tags::of(scope);
  tags.add("Environment", config.name);
  tags.add("Project", config.tags.project);
  tags.add("Owner", config.tags.owner);
  tags.add("CostCenter", config.tags.cost_center);

  const std::string prefix = config.tags.project + "-" + config.name + "-";
  const cdk::Environment env = deployment_environment(config);
  // Stateful stacks (keys, data) are locked where the config says so; the network can always be rebuilt.
  const auto stack_props = [&](const std::string& name, const std::string& description, bool stateful) {
    return cdk::StackProps{.description = description + " (" + config.name + ")",
                           .env = env,
                           .stackName = prefix + name,
                           .terminationProtection = stateful && config.termination_protection};
  };

  Infrastructure stacks;
  stacks.network = std::make_unique<NetworkStack>(
      scope, "NetworkStack",
      NetworkStackProps{
          .stack = stack_props("network", "VPC, subnets, NAT gateways, flow logs, endpoints", false),
          .config = config});
  stacks.security = std::make_unique<SecurityStack>(
      scope, "SecurityStack",
      SecurityStackProps{
          .stack = stack_props("security", "KMS keys, security groups, WAF, task roles, CloudTrail", true),
          .config = config,
          .vpc = stacks.network->vpc()});

  auto edge_props = stack_props("edge-security", "CloudFront web ACL (us-east-1)", false);
  edge_props.env = cdk::Environment{.account = env.account, .region = std::string(kCloudFrontRegion)};
  stacks.edge_security = std::make_unique<EdgeSecurityStack>(
      scope, "EdgeSecurityStack", EdgeSecurityStackProps{.stack = edge_props, .config = config});

  std::optional<ReplicationTarget> replication;
  auto storage_props = stack_props("storage", "S3 buckets, EFS, ECR repositories", true);
  if (config.storage.replication_region) {
    auto replica_props = stack_props("storage-replica", "Replicated backups", true);
    replica_props.env =
        cdk::Environment{.account = env.account, .region = *config.storage.replication_region};
    stacks.storage_replica = std::make_unique<StorageReplicaStack>(
        scope, "StorageReplicaStack", StorageReplicaStackProps{.stack = replica_props, .config = config});
    replication = stacks.storage_replica->target();
    // The replica's key ARN crosses regions: CDK carries it through SSM parameters (docs/architecture.md).
    storage_props.crossRegionReferences = true;
  }
  stacks.storage = std::make_unique<StorageStack>(
      scope, "StorageStack",
      StorageStackProps{.stack = storage_props,
                        .config = config,
                        .vpc = stacks.network->vpc(),
                        .storage_key = stacks.security->keys().storage,
                        .file_system_security_group = stacks.security->security_groups().file_system,
                        .replication = replication});
  return stacks;
}

}  // namespace infra

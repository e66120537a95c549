// The unit that composes this app's stacks for one environment into any scope: the App for
// `cdk deploy --all`, or a pipeline stage (part 3) — the same code either way.
#pragma once

#include <aws_cdk_lib/Environment.hpp>
#include <constructs/Construct.hpp>
#include <memory>

#include "config/environment_config.hpp"
#include "stacks/edge_security_stack.hpp"
#include "stacks/network_stack.hpp"
#include "stacks/security_stack.hpp"
#include "stacks/storage_stack.hpp"

namespace infra {

/// The stacks of one environment, as typed handles (later stacks take earlier ones in their props).
struct Infrastructure {
  std::unique_ptr<NetworkStack> network;
  std::unique_ptr<SecurityStack> security;
  std::unique_ptr<EdgeSecurityStack> edge_security;
  std::unique_ptr<StorageReplicaStack> storage_replica;  ///< only with config.storage.replication_region
  std::unique_ptr<StorageStack> storage;
};

/// Where the stacks deploy: the config's account (or CDK_DEFAULT_ACCOUNT when the config leaves it open) and
/// the config's region.
aws_cdk_lib::Environment deployment_environment(const config::EnvironmentConfig& config);

/// Adds the stacks of `config` to `scope` and tags everything in it. `config` must be valid
/// (config::validate).
Infrastructure add_infrastructure(const constructs::Construct& scope,
                                  const config::EnvironmentConfig& config);

}  // namespace infra

// NetworkStack: the VPC (public, private-with-egress and isolated subnets in every AZ of the config), NAT
// gateways, VPC flow logs to an encrypted log group, and the endpoints that keep AWS traffic off the NAT.
#pragma once

#include <aws_cdk_lib/Stack.hpp>
#include <aws_cdk_lib/StackProps.hpp>
#include <aws_cdk_lib/aws_ec2/Vpc.hpp>
#include <aws_cdk_lib/aws_kms/Key.hpp>
#include <aws_cdk_lib/aws_logs/LogGroup.hpp>

#include "config/environment_config.hpp"

namespace infra {

struct NetworkStackProps {
  aws_cdk_lib::StackProps stack;
  config::EnvironmentConfig config;
};

class NetworkStack : public aws_cdk_lib::Stack {
 public:
  NetworkStack(const constructs::Construct& scope, const std::string& id, const NetworkStackProps& props);

  [[nodiscard]] const aws_cdk_lib::aws_ec2::Vpc& vpc() const { return vpc_; }

 private:
  // The flow-log key lives here, not in SecurityStack: its key policy names this stack's log group, and
  // SecurityStack needs the VPC, so a key there would make the two stacks reference each other.
  aws_cdk_lib::aws_kms::Key flow_log_key_;
  aws_cdk_lib::aws_logs::LogGroup flow_log_group_;
  aws_cdk_lib::aws_ec2::Vpc vpc_;
};

}  // namespace infra

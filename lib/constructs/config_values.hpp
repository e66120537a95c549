// Config values as aws-cdk-lib values: the few places where the plain config meets CDK enums and durations.
#pragma once

#include <aws_cdk_lib/RemovalPolicy.hpp>
#include <aws_cdk_lib/aws_efs/LifecyclePolicy.hpp>
#include <aws_cdk_lib/aws_logs/RetentionDays.hpp>
#include <string>

#include "config/environment_config.hpp"

namespace infra {

aws_cdk_lib::RemovalPolicy removal_policy(config::RemovalPolicy policy);

/// CloudWatch Logs' service principal in `region`: key policies of keys that encrypt log groups name it.
std::string logs_service_principal(const std::string& region);

/// `days` as a CloudWatch Logs retention; throws std::invalid_argument for a value CloudWatch does not accept
/// (validation rejects those first, naming the field).
aws_cdk_lib::aws_logs::RetentionDays retention_days(int days);

/// `days` as an EFS lifecycle period; throws std::invalid_argument for a value EFS does not accept.
aws_cdk_lib::aws_efs::LifecyclePolicy efs_lifecycle_after(int days);

}  // namespace infra

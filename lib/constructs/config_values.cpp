#include "config_values.hpp"

#include <map>
#include <stdexcept>
#include <string>

namespace infra {

namespace logs = aws_cdk_lib::aws_logs;
namespace efs = aws_cdk_lib::aws_efs;

aws_cdk_lib::RemovalPolicy removal_policy(config::RemovalPolicy policy) {
  return policy == config::RemovalPolicy::retain ? aws_cdk_lib::RemovalPolicy::RETAIN
                                                 : aws_cdk_lib::RemovalPolicy::DESTROY;
}

std::string logs_service_principal(const std::string& region) { return "logs." + region + ".amazonaws.com"; }

logs::RetentionDays retention_days(int days) {
  static const std::map<int, logs::RetentionDays> kByDays{
      {1, logs::RetentionDays::ONE_DAY},           {3, logs::RetentionDays::THREE_DAYS},
      {5, logs::RetentionDays::FIVE_DAYS},         {7, logs::RetentionDays::ONE_WEEK},
      {14, logs::RetentionDays::TWO_WEEKS},        {30, logs::RetentionDays::ONE_MONTH},
      {60, logs::RetentionDays::TWO_MONTHS},       {90, logs::RetentionDays::THREE_MONTHS},
      {120, logs::RetentionDays::FOUR_MONTHS},     {150, logs::RetentionDays::FIVE_MONTHS},
      {180, logs::RetentionDays::SIX_MONTHS},      {365, logs::RetentionDays::ONE_YEAR},
      {400, logs::RetentionDays::THIRTEEN_MONTHS}, {545, logs::RetentionDays::EIGHTEEN_MONTHS},
      {731, logs::RetentionDays::TWO_YEARS},       {1096, logs::RetentionDays::THREE_YEARS},
      {1827, logs::RetentionDays::FIVE_YEARS},     {2192, logs::RetentionDays::SIX_YEARS},
      {2557, logs::RetentionDays::SEVEN_YEARS},    {2922, logs::RetentionDays::EIGHT_YEARS},
      {3288, logs::RetentionDays::NINE_YEARS},     {3653, logs::RetentionDays::TEN_YEARS}};
  const auto found = kByDays.find(days);
  if (found == kByDays.end()) {
    throw std::invalid_argument(std::to_string(days) + " days is not a CloudWatch Logs retention");
  }
  return found->second;
}

efs::LifecyclePolicy efs_lifecycle_after(int days) {
  static const std::map<int, efs::LifecyclePolicy> kByDays{
      {1, efs::LifecyclePolicy::AFTER_1_DAY},      {7, efs::LifecyclePolicy::AFTER_7_DAYS},
      {14, efs::LifecyclePolicy::AFTER_14_DAYS},   {30, efs::LifecyclePolicy::AFTER_30_DAYS},
      {60, efs::LifecyclePolicy::AFTER_60_DAYS},   {90, efs::LifecyclePolicy::AFTER_90_DAYS},
      {180, efs::LifecyclePolicy::AFTER_180_DAYS}, {270, efs::LifecyclePolicy::AFTER_270_DAYS},
      {365, efs::LifecyclePolicy::AFTER_365_DAYS}};
  const auto found = kByDays.find(days);
  if (found == kByDays.end())
    throw std::invalid_argument(std::to_string(days) + " days is not an EFS lifecycle");
  return found->second;
}

}  // namespace infra

#include "environments_table.hpp"

#include <functional>
#include <stdexcept>
#include <utility>

namespace infra::config {
namespace {

std::string yes_no(bool value) { return value ? "yes" : "no"; }

std::string list(const std::vector<std::string>& items) {
  if (items.empty()) return "—";
  std::string text;
  for (const auto& item : items) text += (text.empty() ? "" : ", ") + item;
  return text;
}

std::string service(const ServiceConfig& s) {
  return std::to_string(s.cpu) + " CPU / " + std::to_string(s.memory_mib) + " MiB, " +
         std::to_string(s.desired_count) + " (" + std::to_string(s.min_capacity) + "–" +
         std::to_string(s.max_capacity) + ")";
}

std::string days(int value) { return std::to_string(value) + " d"; }

using Row = std::pair<std::string, std::function<std::string(const EnvironmentConfig&)>>;

const std::vector<Row>& rows() {
  static const std::vector<Row> kRows{
      {"account",
       [](const auto& c) { return c.account.empty() ? std::string("CDK_DEFAULT_ACCOUNT") : c.account; }},
      {"region", [](const auto& c) { return c.region; }},
      {"tags.cost_center", [](const auto& c) { return c.tags.cost_center; }},
      {"removal_policy",
       [](const auto& c) {
         return std::string(c.removal_policy == RemovalPolicy::retain ? "RETAIN"
                                                                      : "DESTROY (buckets emptied)");
       }},
      {"termination_protection", [](const auto& c) { return yes_no(c.termination_protection); }},
      {"network.vpc_cidr", [](const auto& c) { return c.network.vpc_cidr; }},
      {"network.availability_zones", [](const auto& c) { return list(c.network.availability_zones); }},
      {"network.nat_gateways", [](const auto& c) { return std::to_string(c.network.nat_gateways); }},
      {"network.flow_log_retention_days",
       [](const auto& c) { return days(c.network.flow_log_retention_days); }},
      {"network.interface_endpoints", [](const auto& c) { return yes_no(c.network.interface_endpoints); }},
      {"security.waf_rate_limit_per_ip",
       [](const auto& c) { return std::to_string(c.security.waf_rate_limit_per_ip); }},
      {"security.guardduty", [](const auto& c) { return yes_no(c.security.guardduty); }},
      {"security.aws_config", [](const auto& c) { return yes_no(c.security.aws_config); }},
      {"security.audit_log_retention_days",
       [](const auto& c) { return days(c.security.audit_log_retention_days); }},
      {"storage.access_log_retention_days",
       [](const auto& c) { return days(c.storage.access_log_retention_days); }},
      {"storage.noncurrent_version_retention_days",
       [](const auto& c) { return days(c.storage.noncurrent_version_retention_days); }},
      {"storage.backup_archive_after_days",
       [](const auto& c) { return days(c.storage.backup_archive_after_days); }},
      {"storage.backup_retention_days", [](const auto& c) { return days(c.storage.backup_retention_days); }},
      {"storage.replication_region",
       [](const auto& c) { return c.storage.replication_region.value_or("—"); }},
      {"storage.ecr_images_kept", [](const auto& c) { return std::to_string(c.storage.ecr_images_kept); }},
      {"storage.ecr_immutable_tags", [](const auto& c) { return yes_no(c.storage.ecr_immutable_tags); }},
      {"storage.efs_transition_to_ia_days",
       [](const auto& c) { return days(c.storage.efs_transition_to_ia_days); }},
      {"compute.api", [](const auto& c) { return service(c.compute.api); }},
      {"compute.worker", [](const auto& c) { return service(c.compute.worker); }},
      {"compute.frontend", [](const auto& c) { return service(c.compute.frontend); }},
      {"compute.fargate_spot", [](const auto& c) { return yes_no(c.compute.fargate_spot); }},
      {"compute.container_insights", [](const auto& c) { return yes_no(c.compute.container_insights); }},
      {"database.instance_class", [](const auto& c) { return c.database.instance_class; }},
      {"database.readers", [](const auto& c) { return std::to_string(c.database.readers); }},
      {"database.multi_az", [](const auto& c) { return yes_no(c.database.multi_az); }},
      {"database.backup_retention_days",
       [](const auto& c) { return days(c.database.backup_retention_days); }},
      {"database.deletion_protection", [](const auto& c) { return yes_no(c.database.deletion_protection); }},
      {"cache.node_type", [](const auto& c) { return c.cache.node_type; }},
      {"cache.nodes", [](const auto& c) { return std::to_string(c.cache.nodes); }},
      {"cache.multi_az", [](const auto& c) { return yes_no(c.cache.multi_az); }},
      {"monitoring.alarm_emails", [](const auto& c) { return list(c.monitoring.alarm_emails); }},
      {"monitoring.log_retention_days", [](const auto& c) { return days(c.monitoring.log_retention_days); }},
      {"backup.daily_retention_days", [](const auto& c) { return days(c.backup.daily_retention_days); }},
      {"backup.monthly_retention_days",
       [](const auto& c) {
         return c.backup.monthly_retention_days == 0 ? std::string("—")
                                                     : days(c.backup.monthly_retention_days);
       }},
      {"backup.monthly_cold_storage_after_days",
       [](const auto& c) {
         return c.backup.monthly_cold_storage_after_days ? days(*c.backup.monthly_cold_storage_after_days)
                                                         : std::string("—");
       }},
      {"domain",
       [](const auto& c) { return c.domain ? c.domain->name : std::string("— (generated names)"); }},
  };
  return kRows;
}

}  // namespace

std::string environments_table(const std::vector<EnvironmentConfig>& configs) {
  std::string table = "| field |";
  std::string rule = "|---|";
  for (const auto& config : configs) {
    table += " " + config.name + " |";
    rule += "---|";
  }
  table += "\n" + rule + "\n";
  for (const auto& [field, value] : rows()) {
    table += "| `" + field + "` |";
    for (const auto& config : configs) table += " " + value(config) + " |";
    table += "\n";
  }
  return table;
}

std::string with_table(const std::string& document, const std::string& table) {
  const auto begin = document.find(kTableBegin);
  const auto end = document.find(kTableEnd);
  if (begin == std::string::npos || end == std::string::npos || end < begin) {
    throw std::invalid_argument(std::string("the document lacks the markers ") + kTableBegin + " ... " +
                                kTableEnd);
  }
  const auto after_begin = begin + std::string(kTableBegin).size();
  return document.substr(0, after_begin) + "\n" + table + document.substr(end);
}

}  // namespace infra::config

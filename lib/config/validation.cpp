#include "validation.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <regex>
#include <set>

#include "cidr.hpp"

namespace infra::config {
namespace {

constexpr std::array kLogRetentionDays{1,   3,   5,   7,   14,   30,   60,   90,   120,  150,  180,
                                       365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653};
constexpr std::array kEfsTransitionDays{1, 7, 14, 30, 60, 90, 180, 270, 365};

// Collects "<environment>: <field>: <problem>" lines.
class Problems {
 public:
  explicit Problems(std::string environment) : environment_(std::move(environment)) {}
  void add(const std::string& field, const std::string& problem) {
    lines_.push_back(environment_ + ": " + field + ": " + problem);
  }
  void require(bool ok, const std::string& field, const std::string& problem) {
    if (!ok) add(field, problem);
  }
  std::vector<std::string> take() { return std::move(lines_); }

 private:
  std::string environment_;
  std::vector<std::string> lines_;
};

std::string days(int value) { return std::to_string(value) + " days"; }

void check_network(const EnvironmentConfig& config, Problems& problems) {
  const auto& network = config.network;
  const auto parsed = parse_cidr(network.vpc_cidr);
  if (const auto* reason = std::get_if<std::string>(&parsed)) {
    problems.add("network.vpc_cidr", *reason);
  } else {
    const auto& cidr = std::get<Ipv4Cidr>(parsed);
    problems.require(cidr.prefix >= 16 && cidr.prefix <= 28, "network.vpc_cidr",
                     "'" + network.vpc_cidr + "': a VPC's block must be between /16 and /28");
    const bool mask_ok = network.subnet_cidr_mask >= cidr.prefix && network.subnet_cidr_mask <= 28;
    problems.require(mask_ok, "network.subnet_cidr_mask",
                     "/" + std::to_string(network.subnet_cidr_mask) + " must be between the VPC's /" +
                         std::to_string(cidr.prefix) + " and /28");
    if (mask_ok) {
      // Three subnet tiers in every AZ, all of the same size, must fit in the VPC's block.
      const auto needed = std::uint64_t{3} * network.availability_zones.size() *
                          (std::uint64_t{1} << (32 - network.subnet_cidr_mask));
      problems.require(needed <= cidr.size(), "network.subnet_cidr_mask",
                       "3 tiers x " + std::to_string(network.availability_zones.size()) + " AZs of /" +
                           std::to_string(network.subnet_cidr_mask) + " do not fit in " + network.vpc_cidr);
    }
  }
  const auto& zones = network.availability_zones;
  problems.require(!zones.empty(), "network.availability_zones", "at least one availability zone is needed");
  problems.require(std::set(zones.begin(), zones.end()).size() == zones.size(), "network.availability_zones",
                   "an availability zone is listed twice");
  for (const auto& zone : zones) {
    problems.require(zone.size() == config.region.size() + 1 && zone.starts_with(config.region),
                     "network.availability_zones", "'" + zone + "' is not a zone of " + config.region);
  }
  problems.require(network.nat_gateways >= 1, "network.nat_gateways",
                   "private subnets with egress need at least one NAT gateway");
  problems.require(network.nat_gateways <= static_cast<int>(zones.size()), "network.nat_gateways",
                   std::to_string(network.nat_gateways) + " NAT gateways but only " +
                       std::to_string(zones.size()) + " availability zones (at most one per zone)");
  problems.require(is_log_retention_days(network.flow_log_retention_days), "network.flow_log_retention_days",
                   days(network.flow_log_retention_days) + " is not a retention CloudWatch Logs accepts");
}

void check_security(const SecurityConfig& security, Problems& problems) {
  problems.require(security.waf_rate_limit_per_ip >= 10 && security.waf_rate_limit_per_ip <= 2'000'000'000,
                   "security.waf_rate_limit_per_ip",
                   "must be between 10 and 2,000,000,000 (AWS WAF's limits)");
  problems.require(security.audit_log_retention_days >= 1, "security.audit_log_retention_days",
                   "must be at least 1 day");
}

void check_storage(const EnvironmentConfig& config, Problems& problems) {
  const auto& storage = config.storage;
  problems.require(storage.access_log_retention_days >= 1, "storage.access_log_retention_days",
                   "must be at least 1 day");
  problems.require(storage.noncurrent_version_retention_days >= 1,
                   "storage.noncurrent_version_retention_days", "must be at least 1 day");
  problems.require(storage.backup_archive_after_days >= 1 &&
                       storage.backup_archive_after_days < storage.backup_retention_days,
                   "storage.backup_archive_after_days",
                   days(storage.backup_archive_after_days) + " must be at least 1 and less than the " +
                       days(storage.backup_retention_days) + " of storage.backup_retention_days");
  if (storage.replication_region) {
    problems.require(*storage.replication_region != config.region && !storage.replication_region->empty(),
                     "storage.replication_region", "must name another region than " + config.region);
  }
  problems.require(storage.ecr_images_kept >= 1 && storage.ecr_images_kept <= 10000,
                   "storage.ecr_images_kept", "must be between 1 and 10000");
  problems.require(
      std::ranges::find(kEfsTransitionDays, storage.efs_transition_to_ia_days) != kEfsTransitionDays.end(),
      "storage.efs_transition_to_ia_days",
      days(storage.efs_transition_to_ia_days) +
          " is not one of EFS's lifecycle periods "
          "(1, 7, 14, 30, 60, 90, 180, 270, 365)");
}

void check_service(const std::string& field, const ServiceConfig& service, Problems& problems) {
  problems.require(service.min_capacity >= 0, field + ".min_capacity", "must not be negative");
  problems.require(
      service.min_capacity <= service.max_capacity, field + ".min_capacity",
      std::to_string(service.min_capacity) + " exceeds max_capacity " + std::to_string(service.max_capacity));
  problems.require(
      service.desired_count >= service.min_capacity && service.desired_count <= service.max_capacity,
      field + ".desired_count",
      std::to_string(service.desired_count) + " is outside min_capacity..max_capacity");
  // Fargate's task sizes: each CPU size allows a memory range.
  const int cpu = service.cpu;
  const int memory = service.memory_mib;
  const bool fargate_size = (cpu == 256 && (memory == 512 || memory == 1024 || memory == 2048)) ||
                            (cpu == 512 && memory >= 1024 && memory <= 4096 && memory % 1024 == 0) ||
                            (cpu == 1024 && memory >= 2048 && memory <= 8192 && memory % 1024 == 0) ||
                            (cpu == 2048 && memory >= 4096 && memory <= 16384 && memory % 1024 == 0) ||
                            (cpu == 4096 && memory >= 8192 && memory <= 30720 && memory % 1024 == 0);
  problems.require(
      fargate_size, field + ".cpu",
      std::to_string(cpu) + " CPU units with " + std::to_string(memory) + " MiB is not a Fargate task size");
}

void check_data(const EnvironmentConfig& config, Problems& problems) {
  const auto& database = config.database;
  problems.require(!database.instance_class.empty(), "database.instance_class", "must not be empty");
  problems.require(database.readers >= 0 && database.readers <= 15, "database.readers",
                   "Aurora allows 0 to 15 readers");
  problems.require(!database.multi_az || database.readers >= 1, "database.multi_az",
                   "Multi-AZ needs at least one reader to fail over to");
  problems.require(database.backup_retention_days >= 1 && database.backup_retention_days <= 35,
                   "database.backup_retention_days",
                   days(database.backup_retention_days) + " is outside Aurora's 1-35 days");
  const auto& cache = config.cache;
  problems.require(cache.node_type.starts_with("cache."), "cache.node_type",
                   "'" + cache.node_type + "' is not an ElastiCache node type (cache.*)");
  problems.require(cache.nodes >= 1 && cache.nodes <= 6, "cache.nodes",
                   "a replication group has 1 to 6 nodes");
  problems.require(!cache.multi_az || cache.nodes >= 2, "cache.multi_az",
                   "Multi-AZ needs at least two nodes");
}

void check_operations(const EnvironmentConfig& config, Problems& problems) {
  const auto& monitoring = config.monitoring;
  problems.require(is_log_retention_days(monitoring.log_retention_days), "monitoring.log_retention_days",
                   days(monitoring.log_retention_days) + " is not a retention CloudWatch Logs accepts");
  static const std::regex email(R"([^@\s]+@[^@\s]+\.[^@\s]+)");
  for (const auto& address : monitoring.alarm_emails) {
    problems.require(std::regex_match(address, email), "monitoring.alarm_emails",
                     "'" + address + "' is not an email address");
  }
  // A locked environment is one whose outages matter: someone must hear its alarms.
  problems.require(!config.termination_protection || !monitoring.alarm_emails.empty(),
                   "monitoring.alarm_emails",
                   "an environment with termination protection needs at least one alarm recipient");
  const auto& backup = config.backup;
  problems.require(backup.daily_retention_days >= 1, "backup.daily_retention_days", "must be at least 1 day");
  problems.require(backup.monthly_retention_days >= 0, "backup.monthly_retention_days",
                   "must not be negative");
  if (backup.monthly_cold_storage_after_days) {
    const int cold = *backup.monthly_cold_storage_after_days;
    problems.require(
        backup.monthly_retention_days >= cold + 90, "backup.monthly_retention_days",
        days(backup.monthly_retention_days) +
            ": AWS Backup keeps cold-storage backups at least 90 days, so retention must be at least "
            "monthly_cold_storage_after_days + 90 = " +
            days(cold + 90));
  }
  if (config.domain) {
    problems.require(!config.domain->name.empty(), "domain.name", "must not be empty when a domain is set");
    problems.require(!config.domain->hosted_zone_id.empty(), "domain.hosted_zone_id",
                     "must not be empty when a domain is set");
  }
}

}  // namespace

bool is_log_retention_days(int days) {
  return std::ranges::find(kLogRetentionDays, days) != kLogRetentionDays.end();
}

ConfigError::ConfigError(std::vector<std::string> problems)
    : std::runtime_error([&] {
        std::string text = "invalid configuration:";
        for (const auto& problem : problems) text += "\n  " + problem;
        return text;
      }()),
      problems_(std::move(problems)) {}

std::vector<std::string> problems_of(const EnvironmentConfig& config) {
  Problems problems(config.name.empty() ? "(unnamed environment)" : config.name);
  problems.require(!config.name.empty(), "name", "must not be empty");
  static const std::regex region(R"([a-z]{2}(-gov)?-[a-z]+-[0-9])");
  problems.require(std::regex_match(config.region, region), "region",
                   "'" + config.region + "' is not an AWS region name (like eu-west-1)");
  static const std::regex account("[0-9]{12}");
  problems.require(config.account.empty() || std::regex_match(config.account, account), "account",
                   "'" + config.account + "' is not a 12-digit AWS account id");
  problems.require(!config.tags.project.empty(), "tags.project", "must not be empty");
  problems.require(!config.tags.owner.empty(), "tags.owner", "must not be empty");
  problems.require(!config.tags.cost_center.empty(), "tags.cost_center", "must not be empty");
  check_network(config, problems);
  check_security(config.security, problems);
  check_storage(config, problems);
  check_service("compute.api", config.compute.api, problems);
  check_service("compute.worker", config.compute.worker, problems);
  check_service("compute.frontend", config.compute.frontend, problems);
  check_data(config, problems);
  check_operations(config, problems);
  return problems.take();
}

std::vector<std::string> problems_between(const std::vector<EnvironmentConfig>& configs) {
  std::vector<std::string> problems;
  for (std::size_t i = 0; i < configs.size(); ++i) {
    for (std::size_t j = i + 1; j < configs.size(); ++j) {
      const auto a = parse_cidr(configs[i].network.vpc_cidr);
      const auto b = parse_cidr(configs[j].network.vpc_cidr);
      if (!std::holds_alternative<Ipv4Cidr>(a) || !std::holds_alternative<Ipv4Cidr>(b)) continue;
      if (std::get<Ipv4Cidr>(a).overlaps(std::get<Ipv4Cidr>(b))) {
        problems.push_back(configs[j].name + ": network.vpc_cidr: " + configs[j].network.vpc_cidr +
                           " overlaps " + configs[i].name + "'s " + configs[i].network.vpc_cidr);
      }
    }
  }
  return problems;
}

void validate(const EnvironmentConfig& config) {
  if (auto problems = problems_of(config); !problems.empty()) throw ConfigError(std::move(problems));
}

}  // namespace infra::config

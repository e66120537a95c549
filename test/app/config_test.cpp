// The environments' configs: each is valid, names resolve, and every validation rule rejects its bad value
// with a message naming the environment and the field.
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <functional>
#include <sstream>

#include "config/cidr.hpp"
#include "config/environments.hpp"
#include "config/environments_table.hpp"
#include "config/validation.hpp"

namespace {

using infra::config::EnvironmentConfig;

// The problems of dev with one change applied.
std::vector<std::string> problems_with(const std::function<void(EnvironmentConfig&)>& change) {
  EnvironmentConfig config = infra::config::dev();
  change(config);
  return infra::config::problems_of(config);
}

// Passes when exactly one problem was found and it contains `expected`.
::testing::AssertionResult one_problem(const std::vector<std::string>& problems,
                                       const std::string& expected) {
  if (problems.size() == 1 && problems.front().find(expected) != std::string::npos) {
    return ::testing::AssertionSuccess();
  }
  auto failure = ::testing::AssertionFailure()
                 << "expected one problem containing \"" << expected << "\", got";
  for (const auto& problem : problems) failure << "\n  " << problem;
  if (problems.empty()) failure << " none";
  return failure;
}

TEST(Config, EveryEnvironmentIsValid) {
  std::vector<EnvironmentConfig> all;
  for (const auto& name : infra::config::environment_names()) {
    const auto config = infra::config::find_environment(name);
    ASSERT_TRUE(config.has_value()) << name;
    EXPECT_EQ(config->name, name);
    EXPECT_EQ(infra::config::problems_of(*config), std::vector<std::string>{}) << name;
    all.push_back(*config);
  }
  EXPECT_EQ(infra::config::problems_between(all), std::vector<std::string>{});
}

TEST(Config, ProdIsAnAliasOfProductionAndOtherNamesAreUnknown) {
  ASSERT_TRUE(infra::config::find_environment("prod").has_value());
  EXPECT_EQ(infra::config::find_environment("prod")->name, "production");
  EXPECT_FALSE(infra::config::find_environment("qa").has_value());
  EXPECT_FALSE(infra::config::find_environment("Dev").has_value());
  EXPECT_EQ(infra::config::unknown_environment_message("qa"),
            "unknown environment 'qa' (valid: dev, staging, production; 'prod' means production)");
}

TEST(Config, ProductionIsShapedForAvailability) {
  const auto production = infra::config::production();
  EXPECT_EQ(production.network.availability_zones.size(), 3U);
  EXPECT_EQ(production.network.nat_gateways, 3);
  EXPECT_EQ(production.removal_policy, infra::config::RemovalPolicy::retain);
  EXPECT_TRUE(production.termination_protection);
  EXPECT_TRUE(production.database.multi_az);
  EXPECT_TRUE(production.storage.replication_region.has_value());
  EXPECT_EQ(infra::config::dev().removal_policy, infra::config::RemovalPolicy::destroy);
}

TEST(ConfigValidation, RejectsMalformedCidrs) {
  for (const std::string bad : {"10.0.0.0", "10.0.0/16", "10.0.0.256/16", "10.0.0.0/33", "10.0.0.0/16x",
                                "010.0.0.0/16", "a.b.c.d/16", ""}) {
    EXPECT_TRUE(one_problem(problems_with([&](auto& c) { c.network.vpc_cidr = bad; }),
                            "dev: network.vpc_cidr: '" + bad + "' is not an IPv4 CIDR block"))
        << bad;
  }
}

TEST(ConfigValidation, RejectsHostBitsAndVpcSizesAwsRefuses) {
  EXPECT_TRUE(one_problem(problems_with([](auto& c) { c.network.vpc_cidr = "10.0.1.0/16"; }),
                          "dev: network.vpc_cidr: '10.0.1.0/16' has host bits set"));
  EXPECT_TRUE(one_problem(problems_with([](auto& c) { c.network.vpc_cidr = "10.0.0.0/8"; }),
                          "a VPC's block must be between /16 and /28"));
}

TEST(ConfigValidation, RejectsSubnetsThatDoNotFit) {
  EXPECT_TRUE(one_problem(problems_with([](auto& c) {
                            c.network.vpc_cidr = "10.0.0.0/22";
                            c.network.subnet_cidr_mask = 24;
                          }),
                          "dev: network.subnet_cidr_mask: 3 tiers x 2 AZs of /24 do not fit in 10.0.0.0/22"));
  EXPECT_TRUE(one_problem(problems_with([](auto& c) { c.network.subnet_cidr_mask = 29; }),
                          "dev: network.subnet_cidr_mask: /29 must be between the VPC's /16 and /28"));
}

TEST(ConfigValidation, RejectsOverlappingEnvironments) {
  auto staging = infra::config::staging();
  staging.network.vpc_cidr = "10.0.128.0/17";  // inside dev's 10.0.0.0/16
  const auto problems = infra::config::problems_between({infra::config::dev(), staging});
  EXPECT_TRUE(one_problem(problems, "staging: network.vpc_cidr: 10.0.128.0/17 overlaps dev's 10.0.0.0/16"));
}

TEST(ConfigValidation, RejectsMoreNatGatewaysThanZones) {
  EXPECT_TRUE(one_problem(problems_with([](auto& c) { c.network.nat_gateways = 3; }),
                          "dev: network.nat_gateways: 3 NAT gateways but only 2 availability zones"));
  EXPECT_TRUE(
      one_problem(problems_with([](auto& c) { c.network.nat_gateways = 0; }),
                  "dev: network.nat_gateways: private subnets with egress need at least one NAT gateway"));
}

TEST(ConfigValidation, RejectsZonesOutsideTheRegionOrRepeated) {
  EXPECT_TRUE(one_problem(problems_with([](auto& c) {
                            c.network.availability_zones = {"us-east-1a", "eu-west-1b"};
                          }),
                          "dev: network.availability_zones: 'eu-west-1b' is not a zone of us-east-1"));
  EXPECT_TRUE(one_problem(problems_with([](auto& c) {
                            c.network.availability_zones = {"us-east-1a", "us-east-1a"};
                          }),
                          "dev: network.availability_zones: an availability zone is listed twice"));
}

TEST(ConfigValidation, RejectsMinCapacityAboveMax) {
  const auto problems = problems_with([](auto& c) {
    c.compute.api.min_capacity = 5;
    c.compute.api.desired_count = 5;
    c.compute.api.max_capacity = 2;
  });
  EXPECT_NE(std::ranges::find(problems, "dev: compute.api.min_capacity: 5 exceeds max_capacity 2"),
            problems.end())
      << ::testing::PrintToString(problems);
  EXPECT_TRUE(one_problem(problems_with([](auto& c) { c.compute.worker.desired_count = 9; }),
                          "dev: compute.worker.desired_count: 9 is outside min_capacity..max_capacity"));
  EXPECT_TRUE(
      one_problem(problems_with([](auto& c) { c.compute.frontend.memory_mib = 8192; }),
                  "dev: compute.frontend.cpu: 256 CPU units with 8192 MiB is not a Fargate task size"));
}

TEST(ConfigValidation, RejectsRetentionsCloudWatchAndBackupDoNotAccept) {
  EXPECT_TRUE(one_problem(
      problems_with([](auto& c) { c.network.flow_log_retention_days = 10; }),
      "dev: network.flow_log_retention_days: 10 days is not a retention CloudWatch Logs accepts"));
  EXPECT_TRUE(
      one_problem(problems_with([](auto& c) { c.monitoring.log_retention_days = 366; }),
                  "dev: monitoring.log_retention_days: 366 days is not a retention CloudWatch Logs accepts"));
  EXPECT_TRUE(
      one_problem(problems_with([](auto& c) {
                    c.backup.monthly_cold_storage_after_days = 30;
                    c.backup.monthly_retention_days = 60;
                  }),
                  "dev: backup.monthly_retention_days: 60 days: AWS Backup keeps cold-storage backups at "
                  "least 90 days, so retention must be at least monthly_cold_storage_after_days + 90 = "
                  "120 days"));
  EXPECT_TRUE(one_problem(problems_with([](auto& c) { c.database.backup_retention_days = 36; }),
                          "dev: database.backup_retention_days: 36 days is outside Aurora's 1-35 days"));
  EXPECT_TRUE(
      one_problem(problems_with([](auto& c) { c.storage.efs_transition_to_ia_days = 45; }),
                  "dev: storage.efs_transition_to_ia_days: 45 days is not one of EFS's lifecycle periods"));
  EXPECT_TRUE(
      one_problem(problems_with([](auto& c) { c.storage.backup_archive_after_days = 400; }),
                  "dev: storage.backup_archive_after_days: 400 days must be at least 1 and less than"));
}

TEST(ConfigValidation, RejectsMissingAlarmRecipientsWhereStacksAreLocked) {
  auto production = infra::config::production();
  production.monitoring.alarm_emails.clear();
  EXPECT_TRUE(
      one_problem(infra::config::problems_of(production),
                  "production: monitoring.alarm_emails: an environment with termination protection needs "
                  "at least one alarm recipient"));
  production.monitoring.alarm_emails = {""};
  EXPECT_TRUE(one_problem(infra::config::problems_of(production),
                          "production: monitoring.alarm_emails: '' is not an email address"));
}

TEST(ConfigValidation, RejectsBadAccountRegionAndTags) {
  EXPECT_TRUE(one_problem(problems_with([](auto& c) { c.account = "12345"; }),
                          "dev: account: '12345' is not a 12-digit AWS account id"));
  EXPECT_TRUE(one_problem(problems_with([](auto& c) { c.tags.cost_center.clear(); }),
                          "dev: tags.cost_center: must not be empty"));
  const auto problems = problems_with([](auto& c) { c.region = "mars-1"; });
  EXPECT_NE(std::ranges::find(problems, "dev: region: 'mars-1' is not an AWS region name (like eu-west-1)"),
            problems.end())
      << ::testing::PrintToString(problems);
}

TEST(ConfigValidation, RejectsDataStoreSettingsAwsRefuses) {
  EXPECT_TRUE(one_problem(problems_with([](auto& c) { c.database.multi_az = true; }),
                          "dev: database.multi_az: Multi-AZ needs at least one reader to fail over to"));
  EXPECT_TRUE(one_problem(problems_with([](auto& c) { c.cache.multi_az = true; }),
                          "dev: cache.multi_az: Multi-AZ needs at least two nodes"));
  EXPECT_TRUE(one_problem(problems_with([](auto& c) { c.cache.node_type = "t4g.micro"; }),
                          "dev: cache.node_type: 't4g.micro' is not an ElastiCache node type (cache.*)"));
  EXPECT_TRUE(one_problem(problems_with([](auto& c) { c.security.waf_rate_limit_per_ip = 5; }),
                          "dev: security.waf_rate_limit_per_ip: must be between 10 and 2,000,000,000"));
  EXPECT_TRUE(one_problem(problems_with([](auto& c) { c.storage.replication_region = "us-east-1"; }),
                          "dev: storage.replication_region: must name another region than us-east-1"));
}

TEST(ConfigValidation, ConfigErrorListsEveryProblem) {
  EnvironmentConfig config = infra::config::dev();
  config.network.vpc_cidr = "nope";
  config.compute.api.min_capacity = 3;
  try {
    infra::config::validate(config);
    FAIL() << "validate accepted a bad config";
  } catch (const infra::config::ConfigError& e) {
    EXPECT_GE(e.problems().size(), 2U);
    EXPECT_NE(std::string(e.what()).find("invalid configuration:\n  dev: network.vpc_cidr:"),
              std::string::npos)
        << e.what();
    EXPECT_NE(std::string(e.what()).find("dev: compute.api.min_capacity: 3 exceeds max_capacity 2"),
              std::string::npos)
        << e.what();
  }
}

TEST(Cidr, ParsesAndComparesBlocks) {
  const auto block = std::get<infra::config::Ipv4Cidr>(infra::config::parse_cidr("10.1.0.0/16"));
  EXPECT_EQ(block.size(), 65536U);
  EXPECT_EQ(block.address, 0x0A010000U);
  const auto inside = std::get<infra::config::Ipv4Cidr>(infra::config::parse_cidr("10.1.255.0/24"));
  const auto next = std::get<infra::config::Ipv4Cidr>(infra::config::parse_cidr("10.2.0.0/16"));
  EXPECT_TRUE(block.overlaps(inside));
  EXPECT_FALSE(block.overlaps(next));
  EXPECT_TRUE(std::holds_alternative<infra::config::Ipv4Cidr>(infra::config::parse_cidr("0.0.0.0/0")));
}

TEST(EnvironmentsDoc, TabulatesExactlyTheConfigs) {
  std::vector<EnvironmentConfig> all;
  for (const auto& name : infra::config::environment_names())
    all.push_back(*infra::config::find_environment(name));
  std::ifstream in(PROJECT_SOURCE_DIR "/docs/environments.md");
  ASSERT_TRUE(in) << "docs/environments.md is missing";
  std::stringstream document;
  document << in.rdbuf();
  const std::string table = infra::config::environments_table(all);
  EXPECT_EQ(infra::config::with_table(document.str(), table), document.str())
      << "docs/environments.md is out of date: run build/ci/bin/infra-environments-table --write "
         "docs/environments.md";
  EXPECT_NE(table.find("| `network.nat_gateways` | 1 | 2 | 3 |"), std::string::npos) << table;
}

TEST(EnvironmentsDoc, WithTableNeedsTheMarkers) {
  EXPECT_THROW((void)infra::config::with_table("no markers here", "| table |"), std::invalid_argument);
}

}  // namespace

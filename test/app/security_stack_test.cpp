// SecurityStack and EdgeSecurityStack: keys, every security-group rule, WAF, task roles, CloudTrail, and the
// compliance services per environment.
#include <gtest/gtest.h>

#include <aws_cdk_lib/assertions/Match.hpp>
#include <set>
#include <tuple>

#include "synthesized_app.hpp"

namespace {

namespace assertions = aws_cdk_lib::assertions;
using app_test::resources;
using app_test::template_of;
using jsii::Any;
using nlohmann::json;

class SecurityStack : public ::testing::TestWithParam<std::string> {};

// Security groups' logical ids -> their descriptions ("Application Load Balancer", ...).
std::map<std::string, std::string> group_names(const json& tmpl) {
  std::map<std::string, std::string> names;
  for (const auto& [id, group] : resources(tmpl, "AWS::EC2::SecurityGroup")) {
    names[id] = group.at("Properties").at("GroupDescription").get<std::string>();
  }
  return names;
}

std::string group_of(const json& reference, const std::map<std::string, std::string>& names) {
  if (reference.contains("Fn::GetAtt")) return names.at(reference["Fn::GetAtt"][0].get<std::string>());
  return reference.dump();
}

TEST_P(SecurityStack, KeysRotateAndFollowTheRemovalPolicy) {
  const auto& config = app_test::synthesized(GetParam()).config;
  const auto& tmpl = template_of(GetParam(), "SecurityStack");
  const auto keys = resources(tmpl.json, "AWS::KMS::Key");
  EXPECT_EQ(keys.size(), 5U);  // database, cache, storage, secrets, logs
  const std::string deletion =
      config.removal_policy == infra::config::RemovalPolicy::retain ? "Retain" : "Delete";
  for (const auto& [id, key] : keys) {
    EXPECT_TRUE(key.at("Properties").at("EnableKeyRotation").get<bool>()) << id;
    EXPECT_EQ(key.at("DeletionPolicy"), deletion) << id;
  }
}

TEST_P(SecurityStack, OnlyTheAlbIsReachableFromTheInternetOnHttpsAndHttp) {
  const auto& tmpl = template_of(GetParam(), "SecurityStack");
  const auto names = group_names(tmpl.json);
  std::set<std::tuple<std::string, std::string, int>> open;  // group, protocol, port
  for (const auto& [id, group] : resources(tmpl.json, "AWS::EC2::SecurityGroup")) {
    for (const auto& rule : group.at("Properties").value("SecurityGroupIngress", json::array())) {
      EXPECT_EQ(rule.value("CidrIp", ""), "0.0.0.0/0") << id << " has an unexpected inline ingress " << rule;
      open.emplace(names.at(id), rule.at("IpProtocol").get<std::string>(), rule.at("FromPort").get<int>());
      EXPECT_EQ(rule.at("FromPort"), rule.at("ToPort")) << id;
    }
  }
  EXPECT_EQ(open, (std::set<std::tuple<std::string, std::string, int>>{
                      {"Application Load Balancer", "tcp", 443}, {"Application Load Balancer", "tcp", 80}}));
}

TEST_P(SecurityStack, EveryOtherPathIsOneGroupToAnotherOnOnePort) {
  const auto& tmpl = template_of(GetParam(), "SecurityStack");
  const auto names = group_names(tmpl.json);
  std::set<std::tuple<std::string, std::string, int>> ingress;  // to, from, port
  for (const auto& [id, rule] : resources(tmpl.json, "AWS::EC2::SecurityGroupIngress")) {
    const auto& p = rule.at("Properties");
    EXPECT_EQ(p.at("FromPort"), p.at("ToPort")) << id;
    ingress.emplace(group_of(p.at("GroupId"), names), group_of(p.at("SourceSecurityGroupId"), names),
                    p.at("FromPort").get<int>());
  }
  EXPECT_EQ(ingress, (std::set<std::tuple<std::string, std::string, int>>{
                         {"ECS services", "Application Load Balancer", 8080},
                         {"Aurora PostgreSQL", "ECS services", 5432},
                         {"ElastiCache Redis", "ECS services", 6379},
                         {"EFS mount targets", "ECS services", 2049}}));

  std::set<std::tuple<std::string, std::string, int>> egress;  // from, to, port
  for (const auto& [id, rule] : resources(tmpl.json, "AWS::EC2::SecurityGroupEgress")) {
    const auto& p = rule.at("Properties");
    egress.emplace(group_of(p.at("GroupId"), names), group_of(p.at("DestinationSecurityGroupId"), names),
                   p.at("FromPort").get<int>());
  }
  EXPECT_EQ(egress, (std::set<std::tuple<std::string, std::string, int>>{
                        {"Application Load Balancer", "ECS services", 8080},
                        {"ECS services", "Aurora PostgreSQL", 5432},
                        {"ECS services", "ElastiCache Redis", 6379},
                        {"ECS services", "EFS mount targets", 2049}}));
}

TEST_P(SecurityStack, NoGroupHasOpenEgressButTheServicesOnHttps) {
  const auto& tmpl = template_of(GetParam(), "SecurityStack");
  const auto names = group_names(tmpl.json);
  for (const auto& [id, group] : resources(tmpl.json, "AWS::EC2::SecurityGroup")) {
    for (const auto& rule : group.at("Properties").value("SecurityGroupEgress", json::array())) {
      if (names.at(id) == "ECS services") {
        EXPECT_EQ(rule, (json{{"CidrIp", "0.0.0.0/0"},
                              {"Description", "AWS APIs and image pulls"},
                              {"FromPort", 443},
                              {"IpProtocol", "tcp"},
                              {"ToPort", 443}}));
      } else {
        // CDK's placeholder for "no egress at all".
        EXPECT_EQ(rule.at("CidrIp"), "255.255.255.255/32") << id << ": " << rule;
      }
    }
  }
}

TEST_P(SecurityStack, RegionalWebAclRunsTheManagedRuleSetsAndTheRateLimit) {
  const auto& config = app_test::synthesized(GetParam()).config;
  const auto& tmpl = template_of(GetParam(), "SecurityStack");
  const auto acls = resources(tmpl.json, "AWS::WAFv2::WebACL");
  ASSERT_EQ(acls.size(), 1U);
  const auto& acl = acls.front().second.at("Properties");
  EXPECT_EQ(acl.at("Scope"), "REGIONAL");
  EXPECT_EQ(acl.at("DefaultAction"), (json{{"Allow", json::object()}}));
  std::vector<std::pair<int, std::string>> rules;
  for (const auto& rule : acl.at("Rules")) {
    rules.emplace_back(rule.at("Priority").get<int>(), rule.at("Name").get<std::string>());
    if (rule.at("Statement").contains("ManagedRuleGroupStatement")) {
      EXPECT_EQ(rule.at("Statement").at("ManagedRuleGroupStatement").at("VendorName"), "AWS");
      EXPECT_EQ(rule.at("OverrideAction"), (json{{"None", json::object()}}));
    }
  }
  EXPECT_EQ(rules, (std::vector<std::pair<int, std::string>>{{1, "AWSManagedRulesCommonRuleSet"},
                                                             {2, "AWSManagedRulesSQLiRuleSet"},
                                                             {3, "AWSManagedRulesKnownBadInputsRuleSet"},
                                                             {4, "RateLimitPerIp"}}));
  const auto& rate = acl.at("Rules")[3];
  EXPECT_EQ(rate.at("Action"), (json{{"Block", json::object()}}));
  EXPECT_EQ(rate.at("Statement").at("RateBasedStatement"),
            (json{{"AggregateKeyType", "IP"}, {"Limit", config.security.waf_rate_limit_per_ip}}));
}

TEST_P(SecurityStack, CloudFrontWebAclIsInUsEast1WhateverTheAppRegion) {
  const auto& built = app_test::synthesized(GetParam());
  EXPECT_EQ(built.stacks.edge_security->region(), "us-east-1");
  EXPECT_EQ(built.stacks.security->region(), built.config.region);
  const auto& tmpl = template_of(GetParam(), "EdgeSecurityStack");
  tmpl.assertions.hasResourceProperties(
      "AWS::WAFv2::WebACL",
      Any::object({{"Scope", "CLOUDFRONT"},
                   {"Rules", assertions::Match::arrayWith({assertions::Match::objectLike(
                                 {{"Name", "AWSManagedRulesSQLiRuleSet"}})})}}));
}

TEST_P(SecurityStack, TaskRoleCanNeverDeleteBucketsOrObjects) {
  const auto& tmpl = template_of(GetParam(), "SecurityStack");
  tmpl.assertions.hasResourceProperties(
      "AWS::IAM::Policy",
      Any::object(
          {{"PolicyDocument",
            Any::object({{"Statement", Any::array({Any::object(
                                           {{"Action", Any::array({"s3:DeleteBucket", "s3:DeleteObject"})},
                                            {"Effect", "Deny"},
                                            {"Resource", "*"}})})}})}}));
  tmpl.assertions.hasResourceProperties(
      "AWS::IAM::Role",
      Any::object(
          {{"AssumeRolePolicyDocument",
            Any::object({{"Statement",
                          Any::array({Any::object(
                              {{"Principal", Any::object({{"Service", "ecs-tasks.amazonaws.com"}})}})})}})},
           {"ManagedPolicyArns", assertions::Match::arrayWith({assertions::Match::objectLike({})})}}));
}

TEST_P(SecurityStack, CloudTrailIsMultiRegionValidatedAndEncrypted) {
  const auto& tmpl = template_of(GetParam(), "SecurityStack");
  const auto trails = resources(tmpl.json, "AWS::CloudTrail::Trail");
  ASSERT_EQ(trails.size(), 1U);
  const auto& trail = trails.front().second.at("Properties");
  EXPECT_TRUE(trail.at("IsMultiRegionTrail").get<bool>());
  EXPECT_TRUE(trail.at("EnableLogFileValidation").get<bool>());
  EXPECT_TRUE(trail.at("IncludeGlobalServiceEvents").get<bool>());
  ASSERT_TRUE(trail.contains("KMSKeyId"));
  const std::string key = trail.at("KMSKeyId").at("Fn::GetAtt")[0].get<std::string>();
  EXPECT_EQ(key.rfind("LogsKey", 0), 0U) << key;
  const std::string bucket = trail.at("S3BucketName").at("Ref").get<std::string>();
  EXPECT_EQ(bucket.rfind("AuditLogs", 0), 0U) << bucket;
}

TEST_P(SecurityStack, GuardDutyAndAwsConfigFollowTheConfig) {
  const auto& config = app_test::synthesized(GetParam()).config;
  const auto& tmpl = template_of(GetParam(), "SecurityStack");
  tmpl.assertions.resourceCountIs("AWS::GuardDuty::Detector", config.security.guardduty ? 1 : 0);
  tmpl.assertions.resourceCountIs("AWS::Config::ConfigurationRecorder", config.security.aws_config ? 1 : 0);
  tmpl.assertions.resourceCountIs("AWS::Config::DeliveryChannel", config.security.aws_config ? 1 : 0);
  if (!config.security.aws_config) return;
  for (const auto& [id, rule] : resources(tmpl.json, "AWS::Config::ConfigRule")) {
    const auto& depends = rule.at("DependsOn");
    EXPECT_TRUE(std::ranges::any_of(
        depends, [](const json& d) { return d.get<std::string>().starts_with("ConfigRecorder"); }))
        << id << " does not wait for the recorder";
  }
  tmpl.assertions.hasResourceProperties(
      "AWS::Config::ConfigRule",
      Any::object({{"Source",
                    Any::object({{"Owner", "AWS"}, {"SourceIdentifier", "S3_BUCKET_SSL_REQUESTS_ONLY"}})}}));
}

TEST_P(SecurityStack, IsTerminationProtectedWhereTheConfigSays) {
  const auto& built = app_test::synthesized(GetParam());
  EXPECT_EQ(built.stacks.security->terminationProtection(), built.config.termination_protection);
  EXPECT_FALSE(built.stacks.edge_security->terminationProtection());
  EXPECT_FALSE(built.stacks.network->terminationProtection());
}

INSTANTIATE_TEST_SUITE_P(Environments, SecurityStack, ::testing::Values("dev", "staging", "production"));

}  // namespace

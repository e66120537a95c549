#include "managed_web_acl.hpp"

#include <jsii/any.hpp>
#include <variant>
#include <vector>

namespace infra {

namespace wafv2 = aws_cdk_lib::aws_wafv2;
using Rule = std::variant<aws_cdk_lib::IResolvable, wafv2::CfnWebACL_RuleProperty>;

namespace {

wafv2::CfnWebACL_VisibilityConfigProperty visibility(const std::string& metric_name) {
  return {.cloudWatchMetricsEnabled = true, .metricName = metric_name, .sampledRequestsEnabled = true};
}

// A rule that runs one of AWS's managed rule groups with the group's own actions ("overrideAction: none").
Rule managed_rule(const std::string& group, double priority, const std::string& metric_name) {
  return wafv2::CfnWebACL_RuleProperty{
      .name = group,
      .overrideAction = wafv2::CfnWebACL_OverrideActionProperty{.none = jsii::Any::object({})},
      .priority = priority,
      .statement = wafv2::CfnWebACL_StatementProperty{.managedRuleGroupStatement =
                                                          wafv2::CfnWebACL_ManagedRuleGroupStatementProperty{
                                                              .name = group, .vendorName = "AWS"}},
      .visibilityConfig = visibility(metric_name),
  };
}

Rule rate_limit_rule(double limit, double priority, const std::string& metric_name) {
  return wafv2::CfnWebACL_RuleProperty{
      .action = wafv2::CfnWebACL_RuleActionProperty{.block = wafv2::CfnWebACL_BlockActionProperty{}},
      .name = "RateLimitPerIp",
      .priority = priority,
      .statement = wafv2::CfnWebACL_StatementProperty{.rateBasedStatement =
                                                          wafv2::CfnWebACL_RateBasedStatementProperty{
                                                              .aggregateKeyType = "IP", .limit = limit}},
      .visibilityConfig = visibility(metric_name),
  };
}

wafv2::CfnWebACLProps acl_props(const ManagedWebAclProps& props) {
  const std::string& prefix = props.metric_prefix;
  std::vector<Rule> rules{
      managed_rule("AWSManagedRulesCommonRuleSet", 1, prefix + "CommonRuleSet"),
      managed_rule("AWSManagedRulesSQLiRuleSet", 2, prefix + "SQLiRuleSet"),
      managed_rule("AWSManagedRulesKnownBadInputsRuleSet", 3, prefix + "KnownBadInputsRuleSet"),
      rate_limit_rule(props.rate_limit_per_ip, 4, prefix + "RateLimit"),
  };
  return {
      .defaultAction =
          wafv2::CfnWebACL_DefaultActionProperty{.allow = wafv2::CfnWebACL_AllowActionProperty{}},
      .rules = std::move(rules),
      .scope = props.scope == WebAclScope::cloudfront ? "CLOUDFRONT" : "REGIONAL",
      .visibilityConfig = visibility(prefix + "WebAcl"),
  };
}

}  // namespace

ManagedWebAcl::ManagedWebAcl(const constructs::Construct& scope, const std::string& id,
                             const ManagedWebAclProps& props)
    : Construct(scope, id), acl_(*this, "WebAcl", acl_props(props)) {}

}  // namespace infra

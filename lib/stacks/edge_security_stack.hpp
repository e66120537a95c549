// EdgeSecurityStack: the CLOUDFRONT-scoped WAF web ACL. AWS accepts those only in us-east-1, whatever the
// app's region, so this stack is always deployed there; the CDN stack reads the ACL's ARN through CDK's
// cross-region references (docs/architecture.md, "The CloudFront web ACL").
#pragma once

#include <aws_cdk_lib/Stack.hpp>
#include <aws_cdk_lib/StackProps.hpp>

#include "config/environment_config.hpp"
#include "constructs/managed_web_acl.hpp"

namespace infra {

/// The only region where AWS WAF accepts CLOUDFRONT web ACLs (and ACM certificates for CloudFront).
inline constexpr const char* kCloudFrontRegion = "us-east-1";

struct EdgeSecurityStackProps {
  aws_cdk_lib::StackProps stack;  ///< its env's region must be kCloudFrontRegion
  config::EnvironmentConfig config;
};

class EdgeSecurityStack : public aws_cdk_lib::Stack {
 public:
  EdgeSecurityStack(const constructs::Construct& scope, const std::string& id,
                    const EdgeSecurityStackProps& props);

  [[nodiscard]] const ManagedWebAcl& cloudfront_web_acl() const { return web_acl_; }

 private:
  ManagedWebAcl web_acl_;
};

}  // namespace infra

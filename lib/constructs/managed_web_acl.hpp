// A WAFv2 web ACL with AWS's managed rule groups (common, SQL injection, known bad inputs) and a per-IP rate
// limit: the protection every public entry point of this app gets, for an ALB (REGIONAL) or CloudFront.
#pragma once

#include <aws_cdk_lib/aws_wafv2/CfnWebACL.hpp>
#include <constructs/Construct.hpp>
#include <string>

namespace infra {

enum class WebAclScope {
  regional,    ///< ALB, API Gateway: in the stack's region
  cloudfront,  ///< CloudFront: AWS accepts these only in us-east-1
};

struct ManagedWebAclProps {
  WebAclScope scope = WebAclScope::regional;
  int rate_limit_per_ip = 2000;  ///< requests per 5-minute window before an IP is blocked
  std::string metric_prefix;     ///< CloudWatch metric names start with this
};

class ManagedWebAcl : public constructs::Construct {
 public:
  ManagedWebAcl(const constructs::Construct& scope, const std::string& id, const ManagedWebAclProps& props);

  [[nodiscard]] const aws_cdk_lib::aws_wafv2::CfnWebACL& acl() const { return acl_; }
  [[nodiscard]] std::string arn() const { return acl_.attrArn(); }

 private:
  aws_cdk_lib::aws_wafv2::CfnWebACL acl_;
};

}  // namespace infra

#include "edge_security_stack.hpp"

namespace infra {

EdgeSecurityStack::EdgeSecurityStack(const constructs::Construct& scope, const std::string& id,
                                     const EdgeSecurityStackProps& props)
    : Stack(scope, id, props.stack),
      web_acl_(*this, "CloudFrontWebAcl",
               {.scope = WebAclScope::cloudfront,
                .rate_limit_per_ip = props.config.security.waf_rate_limit_per_ip,
                .metric_prefix = "CloudFront"}) {}

}  // namespace infra

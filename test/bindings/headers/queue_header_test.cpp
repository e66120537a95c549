// Includes only <aws_cdk_lib/aws_sqs/Queue.hpp> and uses what its metric methods return (aws_cloudwatch).
#include <gtest/gtest.h>

#include <aws_cdk_lib/Stack.hpp>
#include <aws_cdk_lib/aws_sqs/Queue.hpp>

namespace cdk = aws_cdk_lib;
namespace sqs = aws_cdk_lib::aws_sqs;

TEST(Headers, QueueHeaderAloneMakesMetricsUsable) {
  const cdk::Stack stack;
  const sqs::Queue queue(stack, "Jobs", {.visibilityTimeout = cdk::Duration::seconds(30)});
  const auto visible = queue.metricApproximateNumberOfMessagesVisible();
  EXPECT_EQ(visible.metricName(), "ApproximateNumberOfMessagesVisible");
  EXPECT_EQ(visible.namespace_(), "AWS/SQS");
  const auto summed = visible.with({.statistic = "Sum"});  // Metric.with(MetricOptions)
  EXPECT_EQ(summed.statistic(), "Sum");
  EXPECT_EQ(queue.node().id(), "Jobs");
  EXPECT_FALSE(queue.queueArn().empty());
}

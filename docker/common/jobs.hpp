// The job stream between the api and the worker: a Redis stream read through a consumer group, so the same
// code runs against ElastiCache. PostgreSQL stays the source of truth (an item is 'pending' until a worker
// records its result), which is what lets the worker re-enqueue a job Redis lost.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace sample {

inline constexpr std::string_view kJobStream = "items:jobs";
inline constexpr std::string_view kJobGroup = "item-workers";
inline constexpr std::string_view kDeadLetterStream = "items:jobs:dead";
// Every write to items increments it; the api's cache keys embed it (see ItemStore).
inline constexpr std::string_view kCacheGenerationKey = "items:cache:generation";

// XADD of a job for `item_id`, carrying the request's X-Ray trace header (may be empty). The stream is capped
// (approximately) so an absent worker cannot grow Redis without bound.
std::vector<std::string> enqueue_job_command(long long item_id, std::string_view trace_header);

}  // namespace sample

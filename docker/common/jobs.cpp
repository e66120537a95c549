#include "jobs.hpp"

namespace sample {

std::vector<std::string> enqueue_job_command(long long item_id, std::string_view trace_header) {
  return {"XADD",         std::string(kJobStream),
          "MAXLEN",       "~",
          "100000",       "*",
          "item_id",      std::to_string(item_id),
          "trace_header", std::string(trace_header)};
}

}  // namespace sample

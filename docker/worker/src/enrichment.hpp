// The work itself: what the worker derives from an item. Pure, so its rules are tested without servers.
#pragma once

#include <string>
#include <string_view>

namespace sample {

struct Enrichment {
  std::string slug;    // lower-case ASCII letters and digits joined by '-', at most 64 characters
  int word_count = 0;  // whitespace-separated words in name and description
};

Enrichment enrich(std::string_view name, std::string_view description);

}  // namespace sample

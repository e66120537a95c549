// What a client may send: the body of POST /api/v1/items and the paging parameters of the list. Each rule
// that fails says which field and why, for the 400 body.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace sample {

inline constexpr std::size_t kMaxNameCharacters = 200;
inline constexpr std::size_t kMaxDescriptionCharacters = 2000;
inline constexpr std::size_t kMaxBodyBytes = 16 * 1024;  // larger bodies are 413 before they are parsed
inline constexpr int kDefaultPageSize = 20;
inline constexpr int kMaxPageSize = 100;

struct NewItem {
  std::string name;
  std::string description;
};

struct ItemValidation {
  std::optional<NewItem> item;  // set when valid
  std::string error;            // the reason otherwise
};

ItemValidation validate_new_item(std::string_view body);

struct Page {
  int limit = kDefaultPageSize;
  long long offset = 0;
};

struct PageValidation {
  std::optional<Page> page;
  std::string error;
};

// `limit` and `offset` as the query string gave them (absent when not given).
PageValidation validate_page(const std::optional<std::string>& limit,
                             const std::optional<std::string>& offset);

// Code points in valid UTF-8 (the JSON parser has already rejected invalid UTF-8).
std::size_t utf8_length(std::string_view text);

}  // namespace sample

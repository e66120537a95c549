#include "enrichment.hpp"

namespace sample {
namespace {

constexpr std::size_t kMaxSlug = 64;

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

int count_words(std::string_view text) {
  int words = 0;
  bool in_word = false;
  for (char c : text) {
    if (is_space(c)) {
      in_word = false;
    } else if (!in_word) {
      in_word = true;
      ++words;
    }
  }
  return words;
}

}  // namespace

Enrichment enrich(std::string_view name, std::string_view description) {
  Enrichment result;
  bool pending_dash = false;
  for (char c : name) {
    char lower = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    bool keep = (lower >= 'a' && lower <= 'z') || (lower >= '0' && lower <= '9');
    if (!keep) {
      pending_dash = !result.slug.empty();
      continue;
    }
    if (pending_dash) {
      if (result.slug.size() + 2 > kMaxSlug) break;  // no room for a dash and a letter: end at a word
      result.slug += '-';
      pending_dash = false;
    }
    if (result.slug.size() >= kMaxSlug) break;
    result.slug += lower;
  }
  if (result.slug.empty()) result.slug = "item";
  result.word_count = count_words(name) + count_words(description);
  return result;
}

}  // namespace sample

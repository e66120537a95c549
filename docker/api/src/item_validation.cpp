#include "item_validation.hpp"

#include <charconv>
#include <nlohmann/json.hpp>

namespace sample {
namespace {

ItemValidation invalid(std::string reason) { return {std::nullopt, std::move(reason)}; }

bool only_whitespace(std::string_view text) {
  return text.find_first_not_of(" \t\r\n") == std::string_view::npos;
}

std::optional<long long> parse_integer(const std::string& text) {
  long long value = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

}  // namespace

std::size_t utf8_length(std::string_view text) {
  std::size_t count = 0;
  for (char c : text) count += (static_cast<unsigned char>(c) & 0xC0) != 0x80 ? 1 : 0;
  return count;
}

ItemValidation validate_new_item(std::string_view body) {
  nlohmann::json json = nlohmann::json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (json.is_discarded()) return invalid("body is not valid JSON");
  if (!json.is_object()) return invalid("body must be a JSON object");
  for (const auto& [key, value] : json.items()) {
    if (key != "name" && key != "description") return invalid("unknown field '" + key + "'");
  }
  if (!json.contains("name")) return invalid("field 'name' is required");
  if (!json["name"].is_string()) return invalid("field 'name' must be a string");
  NewItem item;
  item.name = json["name"].get<std::string>();
  if (only_whitespace(item.name)) return invalid("field 'name' must not be empty");
  if (utf8_length(item.name) > kMaxNameCharacters) {
    return invalid("field 'name' is longer than " + std::to_string(kMaxNameCharacters) + " characters");
  }
  if (json.contains("description")) {
    if (!json["description"].is_string()) return invalid("field 'description' must be a string");
    item.description = json["description"].get<std::string>();
    if (utf8_length(item.description) > kMaxDescriptionCharacters) {
      return invalid("field 'description' is longer than " + std::to_string(kMaxDescriptionCharacters) +
                     " characters");
    }
  }
  if (item.name.find('\0') != std::string::npos || item.description.find('\0') != std::string::npos) {
    return invalid("text fields must not contain NUL characters");  // PostgreSQL text cannot hold them
  }
  return {std::move(item), {}};
}

PageValidation validate_page(const std::optional<std::string>& limit,
                             const std::optional<std::string>& offset) {
  Page page;
  if (limit) {
    auto value = parse_integer(*limit);
    if (!value || *value < 1 || *value > kMaxPageSize) {
      return {std::nullopt,
              "query parameter 'limit' must be an integer from 1 to " + std::to_string(kMaxPageSize)};
    }
    page.limit = static_cast<int>(*value);
  }
  if (offset) {
    auto value = parse_integer(*offset);
    if (!value || *value < 0)
      return {std::nullopt, "query parameter 'offset' must be a non-negative integer"};
    page.offset = *value;
  }
  return {page, {}};
}

}  // namespace sample

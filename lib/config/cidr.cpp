#include "cidr.hpp"

#include <charconv>

namespace infra::config {
namespace {

// Reads a decimal number in [0, max] at the front of `text`, advancing it; false if there is none.
bool read_number(std::string_view& text, unsigned max, unsigned& value) {
  const auto* end = text.data() + text.size();
  const auto [next, error] = std::from_chars(text.data(), end, value);
  if (error != std::errc{} || next == text.data() || value > max) return false;
  if (next - text.data() > 1 && text.front() == '0') return false;  // "010" is ambiguous (octal in inet_aton)
  text.remove_prefix(static_cast<std::size_t>(next - text.data()));
  return true;
}

}  // namespace

std::variant<Ipv4Cidr, std::string> parse_cidr(std::string_view text) {
  const std::string shape = "'" + std::string(text) + "' is not an IPv4 CIDR block (a.b.c.d/n)";
  std::string_view rest = text;
  std::uint32_t address = 0;
  for (int octet = 0; octet < 4; ++octet) {
    unsigned value = 0;
    if (!read_number(rest, 255, value)) return shape;
    address = (address << 8) | value;
    const char separator = octet < 3 ? '.' : '/';
    if (rest.empty() || rest.front() != separator) return shape;
    rest.remove_prefix(1);
  }
  unsigned prefix = 0;
  if (!read_number(rest, 32, prefix) || !rest.empty()) return shape + ", the prefix must be 0-32";
  const std::uint64_t host_mask = (std::uint64_t{1} << (32 - prefix)) - 1;
  if ((address & host_mask) != 0) {
    return "'" + std::string(text) + "' has host bits set (the network address of a /" +
           std::to_string(prefix) + " ends in zeros)";
  }
  return Ipv4Cidr{.address = address, .prefix = static_cast<int>(prefix)};
}

}  // namespace infra::config

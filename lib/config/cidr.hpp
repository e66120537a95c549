// IPv4 CIDR blocks: parsing with a reason for every rejection, containment and overlap.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <variant>

namespace infra::config {

struct Ipv4Cidr {
  std::uint32_t address = 0;  ///< network address, host order
  int prefix = 0;             ///< 0..32

  [[nodiscard]] std::uint64_t size() const { return std::uint64_t{1} << (32 - prefix); }
  [[nodiscard]] std::uint64_t last() const { return address + size() - 1; }
  [[nodiscard]] bool overlaps(const Ipv4Cidr& other) const {
    return address <= other.last() && other.address <= last();
  }
};

/// `text` as a CIDR block, or why it is not one ("host bits set", "prefix out of range", ...).
std::variant<Ipv4Cidr, std::string> parse_cidr(std::string_view text);

}  // namespace infra::config

#include "enrichment.hpp"

#include <gtest/gtest.h>

namespace {

TEST(Enrichment, SlugIsLowerCaseWordsJoinedByDashes) {
  EXPECT_EQ(sample::enrich("Hello, C++ World!", "").slug, "hello-c-world");
  EXPECT_EQ(sample::enrich("  --Already-Slugged--  ", "").slug, "already-slugged");
  EXPECT_EQ(sample::enrich("Caf\xc3\xa9 2024", "").slug, "caf-2024") << "non-ASCII letters are separators";
}

TEST(Enrichment, SlugHasAFallbackAndALimit) {
  EXPECT_EQ(sample::enrich("!!!", "").slug, "item");
  std::string long_name;
  for (int i = 0; i < 40; ++i) long_name += "word ";
  std::string slug = sample::enrich(long_name, "").slug;
  EXPECT_LE(slug.size(), 64U);
  EXPECT_NE(slug.back(), '-');
}

TEST(Enrichment, CountsWordsOfNameAndDescription) {
  EXPECT_EQ(sample::enrich("Blue widget", "  made\tof\nsteel ").word_count, 5);
  EXPECT_EQ(sample::enrich("x", "").word_count, 1);
}

}  // namespace

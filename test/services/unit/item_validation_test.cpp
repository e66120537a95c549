// The rules themselves; api_test checks that each one reaches the client as a 400 with its reason.
#include "item_validation.hpp"

#include <gtest/gtest.h>

namespace {

TEST(ItemValidation, AcceptsNameAndOptionalDescription) {
  auto full = sample::validate_new_item(R"({"name": "Widget", "description": "Blue"})");
  ASSERT_TRUE(full.item) << full.error;
  EXPECT_EQ(full.item->name, "Widget");
  EXPECT_EQ(full.item->description, "Blue");
  auto minimal = sample::validate_new_item(R"({"name": "Widget"})");
  ASSERT_TRUE(minimal.item);
  EXPECT_EQ(minimal.item->description, "");
}

TEST(ItemValidation, LimitsAreInclusive) {
  std::string name(sample::kMaxNameCharacters, 'n');
  EXPECT_TRUE(sample::validate_new_item("{\"name\": \"" + name + "\"}").item);
  EXPECT_FALSE(sample::validate_new_item("{\"name\": \"" + name + "n\"}").item);
}

TEST(ItemValidation, CountsUtf8CodePoints) {
  EXPECT_EQ(sample::utf8_length("abc"), 3U);
  EXPECT_EQ(sample::utf8_length("\xc3\xa9t\xc3\xa9"), 3U);  // été
  EXPECT_EQ(sample::utf8_length("\xf0\x9f\x9a\x80"), 1U);   // one emoji, four bytes
}

TEST(PageValidation, DefaultsAndBounds) {
  auto defaults = sample::validate_page(std::nullopt, std::nullopt);
  ASSERT_TRUE(defaults.page);
  EXPECT_EQ(defaults.page->limit, 20);
  EXPECT_EQ(defaults.page->offset, 0);
  EXPECT_TRUE(sample::validate_page("100", "0").page);
  EXPECT_FALSE(sample::validate_page("", std::nullopt).page) << "an empty limit is not a number";
  EXPECT_FALSE(sample::validate_page(std::nullopt, "99999999999999999999").page) << "out of range";
}

}  // namespace

// A chain of own jsii packages bound by one jsii_cpp_bindings call (test/CMakeLists.txt): jsii-fixture-ext
// depends on jsii-fixture; the kernel loads both from their tarballs, the dependency first.
#include <gtest/gtest.h>

#include <jsii_fixture/Greeting.hpp>
#include <jsii_fixture/Money.hpp>
#include <jsii_fixture_ext/LoudGreeter.hpp>
#include <jsii_fixture_ext/Wallet.hpp>

namespace fx = jsii_fixture;
namespace ext = jsii_fixture_ext;

namespace {

TEST(OwnPackages, ClassesOfAPackageUseTheirDependencysTypes) {
  const ext::Wallet wallet(fx::Money(5, std::string("USD")));
  EXPECT_EQ(wallet.total(), "5.00 USD");
  EXPECT_EQ(ext::Wallet::ofEuros(2).balance().currency(), "EUR");
}

TEST(OwnPackages, ASubclassOfTheDependencysClassWorksThroughEitherPackage) {
  const ext::LoudGreeter loud;
  EXPECT_EQ(fx::Greeting::render(loud, "Ada"), "[en] HELLO, Ada!");
}

}  // namespace

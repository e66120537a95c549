// The response decoder: every message kind, every malformed shape, and a randomized robustness test.
#include "protocol.hpp"

#include <gtest/gtest.h>

#include <jsii/errors.hpp>
#include <random>

namespace {

using namespace jsii::detail;

TEST(Protocol, DecodesHelloSplittingTheScopedNameOnTheLastAt) {
  const auto r = decode_response(R"({"hello":"@jsii/runtime@1.140.0"})");
  const auto& hello = std::get<Hello>(r);
  EXPECT_EQ(hello.package, "@jsii/runtime");
  EXPECT_EQ(hello.version, "1.140.0");
}

TEST(Protocol, DecodesOkAndError) {
  const auto ok = decode_response(R"({"ok":{"value":"${Token[TOKEN.23]}"}})");
  EXPECT_EQ(std::get<OkResponse>(ok).value.at("value"), "${Token[TOKEN.23]}");
  const auto error = decode_response(
      R"({"error":"There is already a Construct with name 'MyStack' in App","name":"Error","stack":"at x"})");
  const auto& e = std::get<ErrorResponse>(error);
  EXPECT_EQ(e.message, "There is already a Construct with name 'MyStack' in App");
  EXPECT_EQ(e.name, "Error");
  EXPECT_EQ(e.stack, "at x");
}

TEST(Protocol, DecodesEachCallbackKind) {
  const auto invoke = std::get<CallbackRequest>(decode_response(
      R"({"callback":{"cookie":"visit","cbid":"jsii::callback::20000","invoke":{"objref":{"$jsii.byref":"Object@10006","$jsii.interfaces":["aws-cdk-lib.IAspect"]},"method":"visit","args":[{"$jsii.byref":"aws-cdk-lib.Stack@10001"}]}}})"));
  EXPECT_EQ(invoke.kind, CallbackRequest::Kind::invoke);
  EXPECT_EQ(invoke.cbid, "jsii::callback::20000");
  EXPECT_EQ(invoke.cookie, "visit");
  EXPECT_EQ(invoke.target.id, "Object@10006");
  EXPECT_EQ(invoke.member, "visit");
  ASSERT_EQ(invoke.args.size(), 1U);

  const auto get = std::get<CallbackRequest>(decode_response(
      R"({"callback":{"cookie":"D","cbid":"c1","get":{"objref":{"$jsii.byref":"Object@1"},"property":"description"}}})"));
  EXPECT_EQ(get.kind, CallbackRequest::Kind::get);
  EXPECT_EQ(get.member, "description");

  const auto set = std::get<CallbackRequest>(decode_response(
      R"({"callback":{"cbid":"c2","set":{"objref":{"$jsii.byref":"Object@1"},"property":"p","value":42}}})"));
  EXPECT_EQ(set.kind, CallbackRequest::Kind::set);
  EXPECT_EQ(set.args, 42);
  EXPECT_EQ(set.cookie, "");
}

TEST(Protocol, RejectsMalformedLinesWithAQuote) {
  for (const char* line :
       {"", "not json", "[1,2]", R"({"unknown":1})", R"({"ok":3})", R"({"hello":7})",
        R"({"callback":{"cbid":"c"}})", R"({"callback":{"cbid":"c","invoke":{"objref":5}}})",
        R"({"callback":{"cbid":"c","invoke":{"objref":{"$jsii.byref":"O@1"},"method":"m","args":{}}}})",
        "{\"ok\":{\"value\":\"\xff\xfe\"}}"}) {
    try {
      (void)decode_response(line);
      ADD_FAILURE() << "accepted: " << line;
    } catch (const jsii::Fault& fault) {
      EXPECT_NE(std::string(fault.what()).find("malformed message"), std::string::npos) << fault.what();
    }
  }
}

TEST(Protocol, LongLinesAreQuotedShortened) {
  const std::string line = "x" + std::string(5000, 'y');
  try {
    (void)decode_response(line);
    FAIL();
  } catch (const jsii::Fault& fault) {
    EXPECT_LT(std::string(fault.what()).size(), 600U);
    EXPECT_NE(std::string(fault.what()).find("5001 bytes"), std::string::npos);
  }
}

// Randomized robustness: mutations of valid messages must decode or throw jsii::Fault, never anything else.
TEST(Protocol, RandomMutationsDecodeOrFault) {
  const std::vector<std::string> seeds = {
      R"({"hello":"@jsii/runtime@1.140.0"})",
      R"({"ok":{"result":{"$jsii.byref":"aws-cdk-lib.Duration@10002"}}})",
      R"({"error":"boom","name":"@jsii/kernel.Fault","stack":"s"})",
      R"({"callback":{"cookie":"visit","cbid":"jsii::callback::20000","invoke":{"objref":{"$jsii.byref":"Object@10006"},"method":"visit","args":[1,"two",{"$jsii.map":{"a":null}}]}}})",
      R"({"callback":{"cbid":"c2","set":{"objref":{"$jsii.byref":"Object@1"},"property":"p","value":{"$jsii.date":"2024-01-02T03:04:05.000Z"}}}})",
  };
  std::mt19937 rng(20261125);  // fixed seed: failures reproduce
  const std::string alphabet = "{}[]\":,\\ abc0123456789-.eE$@/\x01\x7f\xc3\xa9\xff";
  std::size_t decoded = 0;
  std::size_t faulted = 0;
  std::size_t unexplained = 0;
  std::size_t oversized = 0;
  for (int round = 0; round < 20000; ++round) {
    std::string line = seeds[rng() % seeds.size()];
    const int edits = 1 + static_cast<int>(rng() % 4);
    for (int e = 0; e < edits && !line.empty(); ++e) {
      const std::size_t at = rng() % line.size();
      switch (rng() % 3) {
        case 0:
          line[at] = alphabet[rng() % alphabet.size()];
          break;
        case 1:
          line.erase(at, 1 + rng() % 3);
          break;
        default:
          line.insert(at, 1, alphabet[rng() % alphabet.size()]);
          break;
      }
    }
    try {
      (void)decode_response(line);
      ++decoded;
    } catch (const jsii::Fault& fault) {
      ++faulted;
      // The message says what is wrong and quotes the line, within bounds, whatever the bytes were.
      const std::string what = fault.what();
      if (what.find("malformed message from the jsii kernel (") == std::string::npos) ++unexplained;
      if (what.size() > line.size() + 400) ++oversized;
    } catch (const std::exception& other) {
      FAIL() << "non-Fault exception '" << other.what() << "' for: " << line;
    }
  }
  // Both outcomes occur (the mutations are neither all harmless nor all fatal)...
  EXPECT_GT(decoded, 0U);
  EXPECT_GT(faulted, 0U);
  // ...and every rejection is a Fault that explains itself.
  EXPECT_EQ(unexplained, 0U);
  EXPECT_EQ(oversized, 0U);
}

}  // namespace

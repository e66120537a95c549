// The performance patch to the jsii kernel (scripts/jsii-runtime-patches.mjs, decision 0021): type lookups
// through aws-cdk-lib's runtime index read one definition's byte range instead of the whole 23 MB file.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <jsii/wire.hpp>
#include <sstream>
#include <string>

#include "test_support.hpp"

namespace {

namespace fs = std::filesystem;

std::string read_file(const fs::path& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

/// The files a process holds open, by their resolved paths.
std::vector<std::string> open_files(int pid) {
  std::vector<std::string> files;
  std::error_code ec;
  for (const auto& fd : fs::directory_iterator("/proc/" + std::to_string(pid) + "/fd", ec)) {
    const auto target = fs::read_symlink(fd.path(), ec);
    if (!ec) files.push_back(target.string());
  }
  return files;
}

TEST(RuntimePatches, ThePinnedRuntimeIsPatched) {
  // A new @jsii/runtime whose bundle no longer contains the patched text is still used (setup warns); this
  // test is what says the patch needs porting before such an upgrade lands.
  const std::string record = read_file(PROJECT_SOURCE_DIR "/build/jsii-deps/runtime/PATCHES");
  EXPECT_NE(record.find("\napplied runtime-index-range-reads\n"), std::string::npos) << record;
  EXPECT_EQ(record.find("skipped"), std::string::npos) << record;
}

TEST(RuntimePatches, TypeLookupsReadRangesOfTheIndexedDefinitions) {
  jsii::Kernel& kernel = test_support::cdk();
  const std::string outdir = test_support::scratch_dir("runtime-patch");
  const jsii::ObjRef app = test_support::new_app(kernel, outdir);
  const jsii::ObjRef stack = test_support::new_stack(kernel, app, "Patched");
  (void)kernel.create("aws-cdk-lib.aws_sqs.Queue",
                      {jsii::wire::byref(stack), "Queue", jsii::Json{{"fifo", true}}});
  (void)kernel.invoke(app, "synth");
  const auto queues =
      test_support::resources_of_type(test_support::read_template(outdir, "Patched"), "AWS::SQS::Queue");
  ASSERT_EQ(queues.size(), 1U);
  EXPECT_EQ(queues[0]["Properties"]["FifoQueue"], true) << "the struct's type info was read correctly";

  // The published kernel reads the definitions file whole and closes it; the patched one keeps it open and
  // reads ranges. Seeing it open shows the lookups above went through the patched code (so the index was
  // in use, not the full assembly).
  bool defs_open = false;
  for (const auto& file : open_files(kernel.pid())) {
    if (fs::path(file).filename() == ".jsii.runtime-defs.v1.jsonl") defs_open = true;
  }
  EXPECT_TRUE(defs_open) << "the kernel holds no .jsii.runtime-defs.v1.jsonl open";
}

}  // namespace

#!/usr/bin/env bash
# Build figures of the app (issue 14): from a fresh clone, a clean build of cdk-app and then of its tests with an
# empty ccache, the same again with the warm cache, the peak RSS of one compiler process, the rebuild plus synth
# after touching one stack file, and the size of cdk-app. Prints `name: value` lines; asserts nothing.
# Usage: bench/app_build_bench.sh    (run scripts/setup.sh once first: apt packages, npm's download cache)
# Takes about 15 minutes on 2 cores.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
jobs="${JOBS:-$(nproc)}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

now() { date +%s.%N; }
elapsed() { printf '%.1f' "$(echo "$(now) - $1" | bc)"; }

git clone -q "$repo" "$work/src"
cd "$work/src"
echo "setting up the clone (npm ci from the lockfile, jsii dependencies)..." >&2
start=$(now)
bash scripts/setup.sh ci >"$work/setup.log" 2>&1 || { cat "$work/setup.log" >&2; exit 1; }
echo "setup_seconds: $(elapsed "$start")"

# Every compile runs through ccache (a private, empty cache) under /usr/bin/time, which records its peak RSS.
export CCACHE_DIR="$work/ccache"
cat >"$work/measure.sh" <<WRAP
#!/usr/bin/env bash
exec /usr/bin/time -a -o "$work/rss.log" -f "%M" ccache "\$@"
WRAP
chmod +x "$work/measure.sh"
app_tests=(app_config_tests app_stack_tests app_cli_tests)

build_from_scratch() {  # $1: label
  rm -rf build/ci
  cmake --preset ci -DCCACHE_PROGRAM="$work/measure.sh" >"$work/configure-$1.log"
  : >"$work/rss.log"
  local start
  start=$(now)
  ninja -C build/ci -j "$jobs" cdk-app >"$work/build-$1.log"
  echo "${1}_cdk_app_seconds: $(elapsed "$start")"
  ninja -C build/ci -j "$jobs" "${app_tests[@]}" >>"$work/build-$1.log"
  echo "${1}_cdk_app_and_tests_seconds: $(elapsed "$start")"
  echo "${1}_compiler_runs: $(grep -c . "$work/rss.log")"
  echo "${1}_peak_compiler_rss_mb: $(($(sort -n "$work/rss.log" | tail -1) / 1024))"
}

echo "clean build, empty ccache ($jobs jobs)..." >&2
build_from_scratch clean_build_cold_ccache
echo "clean build again, warm ccache..." >&2
build_from_scratch clean_build_warm_ccache

echo "cdk_app_binary_bytes: $(stat -c %s build/ci/bin/cdk-app)"
context="$(node -e 'const c = require("./cdk.json").context; Object.assign(c, require("./cdk.context.json"));
  c.environment = "dev"; console.log(JSON.stringify(c))')"
synth() {
  rm -rf "$work/out" && mkdir "$work/out"
  CDK_OUTDIR="$work/out" CDK_CONTEXT_JSON="$context" JSII_CPP_PROFILE="$work/profile.txt" build/ci/bin/cdk-app
}
synth
echo "synth_cpp_peak_rss_kib: $(sed -n 's/^cpp_peak_rss_kib: //p' "$work/profile.txt" | tail -1)"

echo "touching lib/stacks/network_stack.cpp, rebuilding and synthesizing..." >&2
echo "// touched by app_build_bench.sh" >>lib/stacks/network_stack.cpp
start=$(now)
ninja -C build/ci -j "$jobs" cdk-app >/dev/null
echo "edit_one_stack_rebuild_seconds: $(elapsed "$start")"
synth
echo "edit_one_stack_rebuild_and_synth_seconds: $(elapsed "$start")"

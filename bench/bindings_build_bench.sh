#!/usr/bin/env bash
# Build cost of the generated C++ bindings. Prints `name: value` lines:
#   - generating all of aws-cdk-lib into an empty directory, and again with nothing changed;
#   - a clean build (no ccache) of the aws-cdk-lib modules a nine-stack app links (bench/bindings), with the
#     number of compiled sources and the peak RSS of one compiler process;
#   - the rebuild after touching one app source.
# Usage: bench/bindings_build_bench.sh [build dir]   (default build/bench-bindings; run scripts/setup.sh first)
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
out="${1:-$repo/build/bench-bindings}"
jobs="${JOBS:-$(nproc)}"
rm -rf "$out"
mkdir -p "$out"

now() { date +%s.%N; }
elapsed() { printf '%.1f' "$(echo "$(now) - $1" | bc)"; }

# The compiler runs under /usr/bin/time so each compile's peak RSS is recorded.
cat > "$out/measure.sh" <<WRAP
#!/usr/bin/env bash
exec /usr/bin/time -a -o "$out/rss.log" -f "%M" "\$@"
WRAP
chmod +x "$out/measure.sh"

echo "configuring (builds the generator, generates aws-cdk-lib)..." >&2
start=$(now)
CCACHE_DISABLE=1 cmake -S "$repo/bench/bindings" -B "$out/tree" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCMAKE_CXX_COMPILER_LAUNCHER="$out/measure.sh" > "$out/configure.log"
echo "configure_seconds: $(elapsed "$start")"

generator="$out/tree/jsii-codegen-host/jsii-codegen"
start=$(now)
"$generator" "$repo/node_modules/aws-cdk-lib" --out "$out/generated" --quiet
echo "generate_aws_cdk_lib_cold_seconds: $(elapsed "$start")"
start=$(now)
"$generator" "$repo/node_modules/aws-cdk-lib" --out "$out/generated" --quiet
echo "generate_aws_cdk_lib_unchanged_seconds: $(elapsed "$start")"
echo "generated_files: $(find "$out/generated" -type f | wc -l)"

echo "building bench-app from scratch with $jobs jobs..." >&2
: > "$out/rss.log"
start=$(now)
CCACHE_DISABLE=1 ninja -C "$out/tree" -j "$jobs" -k 0 bench-app > "$out/build.log" || echo "build_failed: true"
echo "clean_build_seconds: $(elapsed "$start")"
echo "clean_build_jobs: $jobs"
echo "compiled_sources: $(grep -c . "$out/rss.log")"
echo "linked_parts: $(find "$out/tree" -name 'libaws_cdk_lib__*.a' | wc -l)"
echo "peak_compiler_rss_mb: $(( $(sort -n "$out/rss.log" | tail -1) / 1024 ))"

touch "$repo/bench/bindings/app.cpp"
start=$(now)
CCACHE_DISABLE=1 ninja -C "$out/tree" -j "$jobs" bench-app > /dev/null
echo "touch_one_app_source_rebuild_seconds: $(elapsed "$start")"

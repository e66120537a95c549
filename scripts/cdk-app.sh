#!/usr/bin/env bash
# The `app` command of cdk.json: rebuilds cdk-app incrementally, then runs it, so `npx cdk synth` after an
# edit never runs stale code. The build is quiet: its output goes to stderr, and only when it fails (the CLI
# then shows the compiler's errors and stops).
#
# CDK_APP_BUILD_DIR selects the build tree (default: build/dev, which scripts/setup.sh dev configures).
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
build_dir="${CDK_APP_BUILD_DIR:-$repo/build/dev}"

if [[ ! -f "$build_dir/CMakeCache.txt" ]]; then
  echo "cdk-app.sh: no configured build tree at $build_dir; run scripts/setup.sh dev (or scripts/synth.sh) first" >&2
  exit 1
fi

log="$(mktemp)"
if ! cmake --build "$build_dir" --target cdk-app >"$log" 2>&1; then
  cat "$log" >&2
  rm -f "$log"
  echo "cdk-app.sh: building cdk-app failed (compiler output above); nothing was synthesized" >&2
  exit 1
fi
if ! grep -q "no work to do" "$log"; then
  echo "cdk-app.sh: rebuilt cdk-app ($(grep -c '^\[' "$log" || true) build steps)" >&2
fi
rm -f "$log"
exec "$build_dir/bin/cdk-app"

#!/usr/bin/env bash
# Sets up, builds and tests the "ci" preset.
# Usage: scripts/test.sh [ctest-regex]
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
cd "$repo"
# ccache may cache the generated bindings, which compile with a precompiled header.
export CCACHE_SLOPPINESS="${CCACHE_SLOPPINESS:-pch_defines,time_macros,include_file_mtime,include_file_ctime}"

bash scripts/setup.sh ci

echo "==> lint (clang-format, cppcheck)"
bash scripts/lint.sh

echo "==> build (ci)"
cmake --build --preset ci

echo "==> test (ci)"
ctest_args=(--preset ci --output-on-failure)
if [[ $# -gt 0 && -n "$1" ]]; then
  ctest_args+=(-R "$1")
fi
ctest "${ctest_args[@]}"

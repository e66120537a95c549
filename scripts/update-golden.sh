#!/usr/bin/env bash
# Rewrites test/golden/ from the generator's current output for the fixture library, after an intended change
# to emitted code. Review the diff (git diff test/golden) before committing it.
# Usage: scripts/update-golden.sh [preset]   (default: ci)
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
cd "$repo"
preset="${1:-ci}"
[[ -f "build/$preset/CMakeCache.txt" ]] || bash scripts/setup.sh "$preset"
cmake --build --preset "$preset" --target codegen_tests
JSII_CODEGEN_UPDATE_GOLDEN=1 "build/$preset/test/codegen_tests" --gtest_filter='CodegenGolden.*'
git status --short test/golden

#!/usr/bin/env bash
# Static checks on our own code: clang-format (must be clean), cppcheck and shellcheck (must be quiet), and, with --tidy,
# clang-tidy over the compile database of build/dev (slow: minutes on 2 cores).
#
# Usage: scripts/lint.sh [--tidy]
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
cd "$repo"

# test/golden holds generator output as emitted (the generator's expected text), not our code.
mapfile -t sources < <(git ls-files '*.cpp' '*.hpp' | grep -v -e '^test/fixtures/' -e '^test/golden/')

echo "==> clang-format"
clang-format --dry-run --Werror "${sources[@]}"

echo "==> cppcheck"
cppcheck --std=c++20 --library=googletest --enable=warning,style,performance,portability --inline-suppr \
  --quiet --error-exitcode=1 -I include -I lib/jsii -I docker/common --suppressions-list=.cppcheck-suppressions \
  -itest/golden lib bin bench test docker

echo "==> shellcheck"
mapfile -t shell_scripts < <(git ls-files '*.sh' bench/run .ci/run)
shellcheck "${shell_scripts[@]}"

if [[ "${1:-}" == "--tidy" ]]; then
  echo "==> clang-tidy"
  [[ -f build/dev/compile_commands.json ]] || bash scripts/setup.sh dev
  mapfile -t units < <(git ls-files '*.cpp' | grep -v -e '^test/fixtures/' -e '^test/golden/')
  clang-tidy -p build/dev --quiet --warnings-as-errors='*' "${units[@]}"
fi
echo "==> lint clean"

#!/usr/bin/env bash
# Compiles (syntax only) every generated part of aws-cdk-lib, constructs and cdk-nag — not only the modules the
# app and tests link — plus one unit per module that includes all of that module's user headers, so a
# generator change that breaks a module nobody links yet is caught. Prints progress and figures; exits non-zero
# listing what failed.
#
# Usage: scripts/check-all-bindings.sh [preset] [jobs] [regex]   (default: ci, nproc, everything)
#   regex: only the sources and module header units whose path matches (e.g. 'aws_bedrockagentcore')
# Takes about 50 minutes on 2 cores; not part of scripts/test.sh (see README, "How long it takes").
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
cd "$repo"
preset="${1:-ci}"
jobs="${2:-$(nproc)}"
filter="${3:-.}"
build="build/$preset"
bindings="$build/jsii-bindings"
[[ -d "$bindings/aws_cdk_lib/src" ]] || {
  echo "check-all-bindings.sh: no generated bindings in $bindings; run scripts/setup.sh $preset first" >&2
  exit 1
}

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

includes=(-I include)
for dir in "$bindings"/*/include; do includes+=(-isystem "$dir"); done
flags=(-std=c++20 -fsyntax-only -Wno-deprecated-declarations "${includes[@]}")

# Units of at most $headers_per_unit user headers of one module directory (not detail/), nothing else: one
# unit of all 670 headers of aws-cdk-lib's core module did not finish in 29 minutes; 100 take about a minute.
headers_per_unit=100
mkdir -p "$work/headers"
for package in aws_cdk_lib constructs cdk_nag; do
  while IFS= read -r dir; do
    name="${dir#"$bindings/$package/include/"}"
    prefix="$work/headers/${name//\//__}."
    find "$dir" -maxdepth 1 -name '*.hpp' -printf '#include <%P>\n' | sort |
      sed "s|#include <|#include <${name}/|" | split -d -a 2 -l "$headers_per_unit" --additional-suffix=.cpp - "$prefix"
  done < <(find "$bindings/$package/include" -mindepth 1 -type d -not -name detail)
done
mapfile -t units < <(find "$work/headers" -name '*.cpp' -size +0 | sort)
mapfile -t sources < <(find "$bindings"/{aws_cdk_lib,constructs,cdk_nag}/src -name '*.cpp' | grep -E -- "$filter" | sort)
mapfile -t units < <(printf '%s\n' "${units[@]}" | grep -E -- "$filter")
all=("${sources[@]}" "${units[@]}")
total=${#all[@]}
echo "==> syntax check of ${#sources[@]} generated sources and ${#units[@]} header units, $jobs at a time"

export work total
printf '%s\n' "${flags[@]}" >"$work/flags"
check_one() {
  local file="$1" index="$2"
  mapfile -t flags <"$work/flags"
  local log
  log="$work/logs/$(echo "$file" | tr '/' '_').log"
  mkdir -p "$work/logs"
  if c++ "${flags[@]}" "$file" >"$log" 2>&1; then
    rm -f "$log"
    echo "[$index/$total] ok    ${file#"$PWD/"}"
  else
    echo "[$index/$total] FAIL  ${file#"$PWD/"}"
  fi
}
export -f check_one

started=$(date +%s)
# $0 and $1 are check_one's arguments, expanded by the inner bash.
# shellcheck disable=SC2016
for i in "${!all[@]}"; do printf '%s\0%s\0' "${all[$i]}" "$((i + 1))"; done |
  xargs -0 -n 2 -P "$jobs" bash -c 'check_one "$0" "$1"'
elapsed=$(($(date +%s) - started))

mapfile -t failed < <(find "$work/logs" -name '*.log' 2>/dev/null | sort)
echo "sources_checked: ${#sources[@]}"
echo "header_units_checked: ${#units[@]}"
echo "failed: ${#failed[@]}"
echo "wall_seconds: $elapsed"
if ((${#failed[@]} > 0)); then
  for log in "${failed[@]}"; do
    echo "--- $(basename "$log" .log)"
    grep -m 5 'error' "$log" || head -5 "$log"
  done
  exit 1
fi

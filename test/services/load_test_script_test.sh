#!/usr/bin/env bash
# scripts/load-test.sh as a user runs it: bad usage is refused with status 2, and a short local run starts the
# stack, runs Locust, writes the HTML and CSV reports, prints the target table and stops everything.
# Usage (from ctest): load_test_script_test.sh <repo> <local-stack binary>
set -euo pipefail
repo="$1"
export LOCAL_STACK="$2"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export LOAD_TEST_REPORTS="$work/reports"
fail() {
  echo "FAIL: $*" >&2
  exit 1
}

expect_usage_error() {
  local message="$1"
  shift
  if "$repo/scripts/load-test.sh" "$@" >"$work/usage.txt" 2>&1; then status=0; else status=$?; fi
  [[ "$status" == 2 ]] || fail "'load-test.sh $*' exited $status, expected 2: $(cat "$work/usage.txt")"
  grep -qF -- "$message" "$work/usage.txt" || fail "'load-test.sh $*' did not say '$message': $(cat "$work/usage.txt")"
}
expect_usage_error "usage" # no environment
expect_usage_error "invalid environment 'nowhere'" nowhere
expect_usage_error "DURATION must be a positive number of seconds, got 'abc'" local abc
expect_usage_error "USERS must be a positive integer, got '0'" local 5 0
expect_usage_error "staging needs --target URL" staging 10

"$repo/scripts/load-test.sh" local 6 10 >"$work/run.txt" 2>&1 || fail "local run failed: $(tail -30 "$work/run.txt")"
for row in "Response Time (p50)" "Response Time (p95)" "Response Time (p99)" "Error Rate" "Throughput" \
  "CPU Utilization (api)" "Memory Utilization (api)"; do
  grep -q "^$row" "$work/run.txt" || fail "summary row '$row' missing: $(tail -15 "$work/run.txt")"
done
grep -q "^Error Rate .*0.000 %" "$work/run.txt" || fail "errors in a 10-user run: $(grep '^Error Rate' "$work/run.txt")"
compgen -G "$work/reports/load-test-local-*.html" >/dev/null || fail "no HTML report in $work/reports"
compgen -G "$work/reports/load-test-local-*_stats.csv" >/dev/null || fail "no CSV statistics in $work/reports"
grep -q "exited with status 0; stopping" "$work/run.txt" || fail "local-stack did not report a clean stop"
echo "load-test.sh: usage errors refused, local run summarized and reported"

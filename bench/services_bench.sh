#!/usr/bin/env bash
# Benchmark of the sample services on loopback (not a test: prints `name: value` lines and appends a row to
# bench/services-results.md). Goals on 2 cores: the cached GET /api/v1/items at >= 5,000 req/s with p99 < 50 ms
# (wrk, 2 threads, 64 connections), and Locust at 100 users (the seed's profile) with 0 errors and p95 < 200 ms.
#
# Usage: bench/services_bench.sh [WRK_SECONDS] [LOCUST_SECONDS]   (defaults 20 and 60)
# Everything runs under local-stack (PostgreSQL, Redis, api, worker, nginx), stopped afterwards.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"

if [[ "${1:-}" != --inside ]]; then
  cd "$repo"
  wrk_seconds="${1:-20}"
  locust_seconds="${2:-60}"
  for tool in wrk locust; do
    command -v "$tool" >/dev/null || { echo "services_bench: $tool not found (scripts/setup.sh installs it)" >&2; exit 1; }
  done
  [[ -f build/ci/CMakeCache.txt ]] || bash scripts/setup.sh ci
  echo "==> build local-stack (ci preset)"
  cmake --build --preset ci --target local-stack
  export WRK_SECONDS="$wrk_seconds" LOCUST_SECONDS="$locust_seconds" HTTP_THREADS="${HTTP_THREADS:-192}"
  exec build/ci/docker/local-stack/local-stack --frontend -- /usr/bin/env bash "$repo/bench/services_bench.sh" --inside
fi

# --- inside local-stack: API_URL, FRONTEND_URL, API_PID are set ---------------------------------------------
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

echo "==> 20 items, so the list is a realistic 20-item page"
for i in $(seq 20); do
  curl -fsS -o /dev/null -X POST -H 'Content-Type: application/json' \
    -d "{\"name\": \"bench item $i\", \"description\": \"for the cached list\"}" "$API_URL/api/v1/items"
done

# wrk's summary: requests/s and the latency percentiles (converted to ms).
run_wrk() {
  local label="$1" url="$2"
  echo "==> wrk: ${WRK_SECONDS}s, 2 threads, 64 connections, GET $url"
  wrk -t2 -c64 -d"${WRK_SECONDS}s" --latency "$url" >"$work/$label.txt"
  cat "$work/$label.txt"
  awk -v label="$label" '
    function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /s$/) return v * 1000; return v }
    /^ +50%/ { printf "%s_p50_ms: %.2f\n", label, ms($2) }
    /^ +99%/ { printf "%s_p99_ms: %.2f\n", label, ms($2) }
    /^Requests\/sec:/ { printf "%s_requests_per_second: %.0f\n", label, $2 }
    /Non-2xx|Socket errors/ { printf "%s_errors: %s\n", label, $0 }' "$work/$label.txt" | tee -a "$work/figures.txt"
}

curl -fsS -o /dev/null "$API_URL/api/v1/items"  # fill the cache
run_wrk cached_get "$API_URL/api/v1/items"
run_wrk cached_get_via_nginx "$FRONTEND_URL/api/v1/items"

echo "==> locust: 100 users, ${LOCUST_SECONDS}s, the seed's profile through nginx"
TARGET="$FRONTEND_URL" DURATION="$LOCUST_SECONDS" USERS=100 REPORT_BASE="$work/locust" \
  "$repo/load-tests/run-locust.sh" || true
python3 - "$work/locust_stats.csv" <<'PY' | tee -a "$work/figures.txt"
import csv, sys
total = next(row for row in csv.DictReader(open(sys.argv[1])) if row["Name"] == "Aggregated")
print(f"locust_100_users_requests: {total['Request Count']}")
print(f"locust_100_users_failures: {total['Failure Count']}")
print(f"locust_100_users_p50_ms: {total['50%']}")
print(f"locust_100_users_p95_ms: {total['95%']}")
print(f"locust_100_users_p99_ms: {total['99%']}")
print(f"locust_100_users_requests_per_second: {float(total['Requests/s']):.1f}")
PY

value() { awk -v key="$1:" '$1 == key { print $2 }' "$work/figures.txt"; }
rps="$(value cached_get_requests_per_second)"
p99="$(value cached_get_p99_ms)"
echo "cached_get_rps_over_goal: $(echo "scale=2; $rps / 5000" | bc)"
echo "cached_get_p99_over_goal: $(echo "scale=2; $p99 / 50" | bc)"
echo "locust_p95_over_goal: $(echo "scale=2; $(value locust_100_users_p95_ms) / 200" | bc)"

results="$repo/bench/services-results.md"
if [[ ! -f "$results" ]]; then
  cat >"$results" <<'MD'
# Sample services benchmark results (bench/services_bench.sh)

On this machine (2 cores, everything on loopback). Goals: cached GET >= 5,000 req/s with p99 < 50 ms; Locust
100 users with 0 errors and p95 < 200 ms.

| date | commit | cached GET req/s | p99 ms | via nginx req/s | p99 ms | Locust requests | failures | p95 ms |
|---|---|---|---|---|---|---|---|---|
MD
fi
printf '| %s | %s | %s | %s | %s | %s | %s | %s | %s |\n' "$(date -u '+%Y-%m-%d %H:%M')" \
  "$(git -C "$repo" rev-parse --short HEAD)" "$rps" "$p99" "$(value cached_get_via_nginx_requests_per_second)" \
  "$(value cached_get_via_nginx_p99_ms)" "$(value locust_100_users_requests)" "$(value locust_100_users_failures)" \
  "$(value locust_100_users_p95_ms)" >>"$results"
echo "appended to bench/services-results.md"

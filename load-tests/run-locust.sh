#!/usr/bin/env bash
# Runs Locust headless against a target and prints the summary against the seed's table. scripts/load-test.sh
# calls it, directly for a deployed environment and as local-stack's command for a local one.
#
# Environment: TARGET (URL; under local-stack, FRONTEND_URL), DURATION (seconds), USERS, REPORT_BASE (path prefix for the .html and .csv files);
# optional API_PID (a local api process: its CPU and peak memory are reported), API_MEMORY_LIMIT_MIB (512),
# LOAD_TEST_WAIT_MIN / LOAD_TEST_WAIT_MAX (seconds, 1 and 5).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)"
TARGET="${TARGET:-${FRONTEND_URL:-}}"
: "${TARGET:?TARGET (or FRONTEND_URL) is required}" "${DURATION:?}" "${USERS:?}" "${REPORT_BASE:?}"
wait_min="${LOAD_TEST_WAIT_MIN:-1}"
wait_max="${LOAD_TEST_WAIT_MAX:-5}"

cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$API_PID/stat"; }

if [[ -n "${API_PID:-}" ]]; then
  ticks_before="$(cpu_ticks)"
fi
started="$(date +%s.%N)"
spawn_rate=$((USERS < 10 ? USERS : 10))
echo "==> locust: $USERS users (spawn rate $spawn_rate/s), ${DURATION}s against $TARGET"
# Locust exits 1 when any request failed; the summary below judges the run, so its status is not used.
locust -f "$here/locustfile.py" --headless --host "$TARGET" --users "$USERS" --spawn-rate "$spawn_rate" \
  --run-time "${DURATION}s" --stop-timeout 5 --only-summary \
  --html "$REPORT_BASE.html" --csv "$REPORT_BASE" || true
[[ -s "${REPORT_BASE}_stats.csv" ]] || {
  echo "load test: locust wrote no statistics (${REPORT_BASE}_stats.csv); see its output above" >&2
  exit 1
}

extra=()
if [[ -n "${API_PID:-}" ]]; then
  elapsed="$(echo "$(date +%s.%N) - $started" | bc)"
  ticks_after="$(cpu_ticks)"
  # Share of the whole machine (all cores), as ECS reports a task's CPU against its reservation.
  cpu="$(echo "scale=2; ($ticks_after - $ticks_before) * 100 / $(getconf CLK_TCK) / $elapsed / $(nproc)" | bc)"
  peak_kib="$(awk '/^VmHWM:/ { print $2 }' "/proc/$API_PID/status")"
  memory="$(echo "scale=2; $peak_kib * 100 / 1024 / ${API_MEMORY_LIMIT_MIB:-512}" | bc)"
  extra=(--cpu-percent "$cpu" --memory-percent "$memory")
  echo "api: ${cpu}% of $(nproc) cores, peak RSS $((peak_kib / 1024)) MiB of a ${API_MEMORY_LIMIT_MIB:-512} MiB task"
fi
echo "==> summary (report: $REPORT_BASE.html)"
python3 "$here/summarize.py" "${REPORT_BASE}_stats.csv" --users "$USERS" --wait-min "$wait_min" \
  --wait-max "$wait_max" "${extra[@]}"

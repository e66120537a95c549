#!/usr/bin/env bash
# Load test with Locust (load-tests/locustfile.py, the seed's tasks and weights), summarized against the seed's
# target table (p50, p95, p99, error rate, throughput, and CPU/memory of a local api). Exits 1 when a row is in
# "action needed", 2 on bad usage.
#
#   scripts/load-test.sh local [DURATION] [USERS]
#       Builds and starts PostgreSQL, Redis, the api, the worker and nginx with the frontend on loopback
#       (local-stack), runs Locust against nginx as a load balancer would route it, and stops everything.
#   scripts/load-test.sh dev|staging|production [DURATION] [USERS] --target URL
#       Against a deployed environment (production asks for confirmation on a terminal).
#
# DURATION is in seconds (default 300), USERS defaults to 100. The HTML report and the CSV statistics go
# to reports/load-test-<environment>-<timestamp>.* (LOAD_TEST_REPORTS overrides the directory; LOCAL_STACK
# names an already built local-stack). See docs/services.md.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
cd "$repo"

usage() {
  echo "usage: scripts/load-test.sh local|dev|staging|production [DURATION] [USERS] [--target URL]" >&2
  sed -n '5,10p' "$0" | sed 's/^# \{0,1\}//' >&2
  exit 2
}

environment="${1:-}"
[[ -n "$environment" ]] || usage
shift
duration=300
users=100
target=""
positional=0
while [[ $# -gt 0 ]]; do
  case "$1" in
    --target)
      [[ $# -ge 2 ]] || usage
      target="$2"
      shift 2
      ;;
    -h | --help) usage ;;
    *)
      positional=$((positional + 1))
      case "$positional" in
        1) duration="$1" ;;
        2) users="$1" ;;
        *) echo "load-test.sh: unexpected argument '$1'" >&2 && usage ;;
      esac
      shift
      ;;
  esac
done
[[ "$duration" =~ ^[1-9][0-9]*$ ]] || { echo "load-test.sh: DURATION must be a positive number of seconds, got '$duration'" >&2; exit 2; }
[[ "$users" =~ ^[1-9][0-9]*$ ]] || { echo "load-test.sh: USERS must be a positive integer, got '$users'" >&2; exit 2; }
command -v locust >/dev/null || { echo "load-test.sh: locust not found (scripts/setup.sh installs python3-locust)" >&2; exit 1; }

reports="${LOAD_TEST_REPORTS:-$repo/reports}"
mkdir -p "$reports"
export DURATION="$duration" USERS="$users"
REPORT_BASE="$reports/load-test-$environment-$(date +%Y%m%d-%H%M%S)"
export REPORT_BASE

case "$environment" in
  local)
    [[ -z "$target" ]] || { echo "load-test.sh: --target is not used with 'local'" >&2; exit 2; }
    local_stack="${LOCAL_STACK:-}"  # a local-stack binary already built (the tests pass theirs)
    if [[ -z "$local_stack" ]]; then
      [[ -f build/ci/CMakeCache.txt ]] || bash scripts/setup.sh ci
      echo "==> build local-stack, the api and the worker (ci preset)"
      cmake --build --preset ci --target local-stack
      local_stack=build/ci/docker/local-stack/local-stack
    fi
    # One thread per open connection in the api: leave room for every user's keep-alive connection.
    export HTTP_THREADS="${HTTP_THREADS:-$((users + 64))}"
    echo "Starting load test:"
    echo "  Target: local stack (nginx + api + worker, PostgreSQL, Redis on loopback)"
    echo "  Duration: ${duration}s"
    echo "  Virtual Users: $users"
    # local-stack gives its command FRONTEND_URL (the target) and API_PID.
    "$local_stack" --frontend -- "$repo/load-tests/run-locust.sh"
    ;;
  dev | staging | production)
    [[ -n "$target" ]] || {
      echo "load-test.sh: $environment needs --target URL (the load balancer's address from the compute stack's outputs)" >&2
      exit 2
    }
    if [[ "$environment" == production ]]; then
      echo "WARNING: Load testing production requires approval!"
      [[ -t 0 ]] || { echo "load-test.sh: production needs a confirmation on a terminal" >&2; exit 1; }
      read -r -p "Are you sure? (yes/no): " confirm
      [[ "$confirm" == yes ]] || exit 1
    fi
    echo "Starting load test:"
    echo "  Target: $target"
    echo "  Duration: ${duration}s"
    echo "  Virtual Users: $users"
    TARGET="$target" load-tests/run-locust.sh
    ;;
  *)
    echo "load-test.sh: invalid environment '$environment' (local, dev, staging or production)" >&2
    exit 2
    ;;
esac

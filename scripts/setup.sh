#!/usr/bin/env bash
# Prepares a checkout for building: system packages, node_modules, the jsii
# assemblies + kernel (build/jsii-deps) and a configured CMake build tree.
# Idempotent; every step is skipped when its result is already in place.
#
# Usage: scripts/setup.sh [dev|ci|asan]   (default: dev)
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
cd "$repo"

preset="${1:-dev}"
case "$preset" in
  dev | ci | asan) ;;
  *)
    echo "setup.sh: unknown preset '$preset' (allowed: dev, ci, asan)" >&2
    echo "usage: scripts/setup.sh [dev|ci|asan]" >&2
    exit 2
    ;;
esac

step() { printf '==> %s\n' "$*"; }
die() {
  printf 'setup.sh: error: %s\n' "$*" >&2
  exit 1
}

# --- system packages ---------------------------------------------------------
step "system packages"
apt_packages=(
  g++ cmake ninja-build ccache pkg-config git
  libboost1.81-dev libboost-filesystem1.81-dev nlohmann-json3-dev zlib1g-dev
  libgtest-dev libgmock-dev googletest
  clang-format clang-tidy cppcheck shellcheck
  # The sample services (docker/) and what their tests and the load test run against.
  libcpp-httplib-dev libssl-dev libbrotli-dev libpqxx-dev libhiredis-dev
  postgresql redis-server nginx-light chromium python3-locust wrk bc curl
)
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  apt_packages+=(nodejs npm)
fi

if command -v dpkg-query >/dev/null 2>&1; then
  # One dpkg-query call for all packages; unknown ones are simply not listed.
  installed="$(dpkg-query -W -f='${Package} ${Status}\n' "${apt_packages[@]}" 2>/dev/null |
    awk '$2 == "install" && $3 == "ok" && $4 == "installed" { print $1 }' || true)"
  missing=()
  for pkg in "${apt_packages[@]}"; do
    grep -qxF -- "$pkg" <<<"$installed" || missing+=("$pkg")
  done
  if ((${#missing[@]} > 0)); then
    sudo=()
    if [[ $EUID -ne 0 ]]; then
      command -v sudo >/dev/null 2>&1 ||
        die "missing Debian packages (${missing[*]}) and not root and no sudo; install them as root"
      sudo=(sudo)
    fi
    step "installing: ${missing[*]}"
    "${sudo[@]}" apt-get update
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive \
      apt-get install -y --no-install-recommends "${missing[@]}"
  fi
else
  echo "setup.sh: dpkg-query not found (not Debian?); make sure these are installed: ${apt_packages[*]}" >&2
fi

command -v node >/dev/null 2>&1 || die "node not found on PATH (node >= 18 is required)"
command -v npm >/dev/null 2>&1 || die "npm not found on PATH"
node_version="$(node --version)"
node_major="${node_version#v}"
node_major="${node_major%%.*}"
[[ "$node_major" =~ ^[0-9]+$ ]] || die "cannot parse 'node --version' output: $node_version"
((node_major >= 18)) || die "node >= 18 is required, found $node_version ($(command -v node))"

# --- node_modules ------------------------------------------------------------
step "node_modules"
stamp="node_modules/.cdk-cpp-lock.sha256"
lock_sum="$(sha256sum package-lock.json | cut -d' ' -f1)"
if [[ ! -d node_modules || ! -f "$stamp" || "$(<"$stamp")" != "$lock_sum" ]]; then
  step "npm ci"
  npm ci --no-audit --no-fund
  printf '%s\n' "$lock_sum" >"$stamp"
fi

# --- jsii assemblies and kernel ----------------------------------------------
step "jsii dependencies"
node scripts/jsii-deps.mjs --out "$repo/build/jsii-deps"

# --- CMake -------------------------------------------------------------------
step "cmake configure ($preset)"
if [[ ! -f "build/$preset/CMakeCache.txt" ]]; then
  cmake --preset "$preset"
else
  echo "build/$preset already configured (cmake re-runs itself when needed)"
fi
if [[ "$preset" == dev && ! -e compile_commands.json && ! -L compile_commands.json ]]; then
  ln -s build/dev/compile_commands.json compile_commands.json
fi
step "setup done ($preset)"

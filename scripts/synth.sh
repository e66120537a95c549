#!/usr/bin/env bash
# Builds the C++ CDK app (dev preset) and synthesizes it into cdk.out/.
# Usage: [ENVIRONMENT=dev] scripts/synth.sh [extra `cdk synth` arguments...]
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
cd "$repo"
# ccache may cache the generated bindings, which compile with a precompiled header.
export CCACHE_SLOPPINESS="${CCACHE_SLOPPINESS:-pch_defines,time_macros,include_file_mtime,include_file_ctime}"

bash scripts/setup.sh dev

echo "==> build cdk-app (dev)"
cmake --build --preset dev --target cdk-app infra-environments-table

echo "==> cdk synth (environment=${ENVIRONMENT:-dev})"
export CDK_DISABLE_VERSION_CHECK=1
export CDK_DISABLE_CLI_TELEMETRY=true
exec npx --no-install cdk synth --no-notices --context environment="${ENVIRONMENT:-dev}" "$@"

#!/usr/bin/env bash
# Installs what wanlab needs beyond npm packages, idempotently: toxiproxy-server v2.12.0 in
# tools/bin. Safe to run on every test run; it does nothing when all is in place.
# For the container runtime (`--containers`, or WANLAB_RUNTIME=container) it also makes a
# Docker engine answer (scripts/setup-docker.sh); the process runtime never needs Docker.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup-toxiproxy.sh
if [ "${1:-}" = "--containers" ] || [ "${WANLAB_RUNTIME:-}" = "container" ]; then
  bash scripts/setup-docker.sh
fi

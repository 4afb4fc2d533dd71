#!/usr/bin/env bash
# Installs what wanlab needs beyond npm packages, idempotently: toxiproxy-server v2.12.0 in
# tools/bin. Safe to run on every test run; it does nothing when all is in place.
# For the container runtime (`--containers`, or WANLAB_RUNTIME=container) it also makes a
# Docker engine answer (scripts/setup-docker.sh); the process runtime never needs Docker.
# For the Geode engine (`--geode`, or WANLAB_ENGINE=geode) it builds the Geode member program
# into tools/geode (scripts/setup-geode.sh: Java 17 and Maven, cached).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup-toxiproxy.sh
for arg in "$@"; do
  case "$arg" in
    --containers | --geode) ;;
    *) echo "error WANLAB_USAGE: setup takes --containers and --geode, not $arg" >&2; exit 2 ;;
  esac
done
if [[ " $* " == *" --containers "* ]] || [ "${WANLAB_RUNTIME:-}" = "container" ]; then
  bash scripts/setup-docker.sh
fi
if [[ " $* " == *" --geode "* ]] || [ "${WANLAB_ENGINE:-}" = "geode" ]; then
  bash scripts/setup-geode.sh
fi

#!/usr/bin/env bash
# Installs what wanlab needs beyond npm packages, idempotently: toxiproxy-server v2.12.0 in
# tools/bin. Safe to run on every test run; it does nothing when all is in place.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup-toxiproxy.sh

#!/usr/bin/env bash
# Long fuzz of a site's framed ports (gateway receiver, locator, peer): docs/security.md.
# usage: scripts/fuzz.sh [seconds per port, default 30] [seed]
# A crash ends the run with a non-zero status and the seed on stderr; figures are JSON lines.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-30}"
seed="${2:-$(( $(date +%s) % 2147483647 ))}"
npx tsc -b tsconfig.json
echo "fuzz: ${seconds} s per port, seed ${seed} (repeat: scripts/fuzz.sh ${seconds} ${seed})" >&2
if ! node --expose-gc dist/engine/security/fuzz-main.js --seconds "$seconds" --seed "$seed"; then
  echo "fuzz: FAILED with seed ${seed}" >&2
  exit 1
fi

#!/usr/bin/env bash
# Fuzz of the control API from its own OpenAPI document with schemathesis (docs/security.md):
# a member's and a locator's API of a two-site deployment, every check schemathesis has.
# usage: scripts/fuzz-api.sh [examples per operation, default 50] [seed]
# Ends non-zero on any finding, or when a process is not healthy afterwards; figures in
# reports/api-fuzz/ (JUnit per target, summary.json).
set -euo pipefail
cd "$(dirname "$0")/.."
examples="${1:-50}"
seed="${2:-$(( $(date +%s) % 2147483647 ))}"
version=4.32.5
venv=tools/schemathesis
out=reports/api-fuzz
if ! "$venv/bin/schemathesis" --version 2>/dev/null | grep -q "$version"; then
  echo "fuzz-api: installing schemathesis ${version} into ${venv} (PyPI)" >&2
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet "schemathesis==${version}"
fi
rm -rf "$out" && mkdir -p "$out"
node bin/wanlab.js up topologies/two-site.yaml --json >"$out/deployment.json" 2>"$out/up.log" &
up=$!
trap 'kill -TERM "$up" 2>/dev/null || true; wait "$up" 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do
  grep -q controlTokenFile "$out/deployment.json" 2>/dev/null && break
  kill -0 "$up" 2>/dev/null || { echo "fuzz-api: wanlab up ended; see $out/up.log" >&2; exit 2; }
  sleep 0.5
done
field() { node -e "const d=JSON.parse(require('fs').readFileSync('$out/deployment.json','utf8'));$1"; }
token="$(cat "$(field 'process.stdout.write(d.controlTokenFile)')")"
url() { field "process.stdout.write(d.processes.find((p)=>p.name==='$1').controlUrl)"; }
rss() { curl -sf -H "Authorization: Bearer ${token}" "$1/metrics" | awk '/^process_resident_memory_bytes/ {printf "%.1f", $2/1048576}'; }
echo "fuzz-api: ${examples} examples per operation, seed ${seed} (repeat: scripts/fuzz-api.sh ${examples} ${seed})" >&2
status=0
summary="["
for pass in site1-m1:schemathesis site1-m1:schemathesis-known site1-locator:schemathesis; do
  target="${pass%%:*}"
  config="scripts/${pass#*:}.toml"
  name="${target}-${pass#*:}"
  base="$(url "$target")"
  before="$(rss "$base" || true)"
  code=0
  "$venv/bin/schemathesis" --config-file "$config" run "$base/v1/openapi.json" \
    -H "Authorization: Bearer ${token}" --max-examples "$examples" --seed "$seed" --workers 1 \
    --report junit --report-dir "$out/$name" >"$out/$name.txt" 2>&1 || code=$?
  healthy=false
  curl -sf "$base/health" >/dev/null && healthy=true
  after="$(rss "$base" || true)"
  cases="$(grep -oE '[0-9]+ generated' "$out/$name.txt" | grep -oE '[0-9]+' || echo 0)"
  echo "fuzz-api: ${name}: ${cases} cases, schemathesis exit ${code}, healthy ${healthy}, RSS ${before:-?} -> ${after:-?} MiB" >&2
  tail -n 1 "$out/$name.txt" >&2
  summary+="{\"target\":\"${target}\",\"config\":\"${config}\",\"cases\":${cases},\"exit\":${code},\"healthy\":${healthy},\"rssBeforeMiB\":\"${before}\",\"rssAfterMiB\":\"${after}\"},"
  if [ "$code" -ne 0 ] || [ "$healthy" != true ]; then status=1; fi
done
echo "${summary%,}]" >"$out/summary.json"
[ "$status" -eq 0 ] || echo "fuzz-api: FAILED with seed ${seed}; details in $out/" >&2
exit "$status"

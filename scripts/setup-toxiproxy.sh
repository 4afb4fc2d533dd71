#!/usr/bin/env bash
# Installs toxiproxy-server v2.12.0 into tools/bin unless a matching one is already there or
# on PATH. Needs Go (the Go module proxy must be reachable).
set -euo pipefail
cd "$(dirname "$0")/.."
VERSION=2.12.0
TARGET=tools/bin/toxiproxy-server

# go install does not stamp the version into `-version`; the module info in the binary has it.
has_version() {
  "$1" -version 2>/dev/null | grep -q "$VERSION" && return 0
  command -v go >/dev/null 2>&1 && go version -m "$1" 2>/dev/null | grep -q "toxiproxy/v2[[:space:]]*v$VERSION"
}

if [ -x "$TARGET" ] && has_version "$TARGET"; then
  echo "toxiproxy-server $VERSION: $TARGET"; exit 0
fi
if command -v toxiproxy-server >/dev/null 2>&1 && has_version "$(command -v toxiproxy-server)"; then
  mkdir -p tools/bin && ln -sf "$(command -v toxiproxy-server)" "$TARGET"
  echo "toxiproxy-server $VERSION: linked from PATH"; exit 0
fi
if ! command -v go >/dev/null 2>&1; then
  echo "error: toxiproxy-server $VERSION is missing and Go is not installed to build it." >&2
  echo "hint: install Go (https://go.dev/doc/install) or put toxiproxy-server $VERSION on PATH." >&2
  exit 2
fi
echo "installing toxiproxy-server $VERSION with go install (first time only)..."
mkdir -p tools/bin
# CGO off: a static binary, which the container runtime's toxiproxy image can hold alone
# (FROM scratch); a dynamic one still works there, with the libraries ldd lists beside it.
CGO_ENABLED=0 GOBIN="$PWD/tools/gobin" go install -ldflags "-s -w -X github.com/Shopify/toxiproxy/v2.Version=$VERSION" \
  "github.com/Shopify/toxiproxy/v2/cmd/server@v$VERSION"
mv tools/gobin/server "$TARGET" && rmdir tools/gobin
has_version "$TARGET" || { echo "error: installed $TARGET does not report version $VERSION" >&2; exit 1; }
echo "toxiproxy-server $VERSION: $TARGET"

#!/usr/bin/env bash
# Builds the wanlab Geode member program (geode/, Apache Geode 1.15.1) into tools/geode/:
# wanlab-geode.jar and its libraries in tools/geode/lib. Cached by a hash of geode/'s
# sources: it does nothing when they did not change. Maven works offline (`mvn -o`) once its
# local repository holds Geode; only the first build needs Maven Central.
# Run it with `npm run setup -- --geode`; the default `npm test` does not.
set -euo pipefail
cd "$(dirname "$0")/.."
TARGET=tools/geode
INSTALL_HINT="apt-get install -y openjdk-17-jdk-headless maven   (Debian/Ubuntu; Java 17 or later and Maven 3.8 or later)"

missing() {
  echo "error WANLAB_GEODE_TOOLS: $1 is not installed; the Geode engine needs Java 17 and Maven." >&2
  echo "hint: $INSTALL_HINT" >&2
  exit 2
}
command -v java >/dev/null 2>&1 || missing java
command -v mvn >/dev/null 2>&1 || missing mvn
JAVA_MAJOR=$(java -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')
if [ "${JAVA_MAJOR:-0}" -lt 17 ] 2>/dev/null; then
  echo "error WANLAB_GEODE_TOOLS: java is version ${JAVA_MAJOR:-unknown}; Geode 1.15.1 here needs 17 or later." >&2
  echo "hint: $INSTALL_HINT" >&2
  exit 2
fi

HASH=$( (cd geode && find pom.xml src -type f | LC_ALL=C sort | xargs sha256sum; echo "java $JAVA_MAJOR") | sha256sum | cut -d' ' -f1)
if [ -f "$TARGET/wanlab-geode.jar" ] && [ "$(cat "$TARGET/source-hash" 2>/dev/null)" = "$HASH" ]; then
  echo "wanlab Geode program (Geode 1.15.1): $TARGET/wanlab-geode.jar, up to date"; exit 0
fi
echo "building the wanlab Geode program (Geode 1.15.1) with Maven..."
if ! mvn -B -q -o -f geode/pom.xml package -DskipTests 2>/dev/null; then
  echo "(offline build failed; fetching Geode 1.15.1 and its libraries from Maven Central, first time only)"
  mvn -B -q -f geode/pom.xml package -DskipTests
fi
rm -rf "$TARGET" && mkdir -p "$TARGET"
cp geode/target/wanlab-geode.jar "$TARGET/" && cp -r geode/target/lib "$TARGET/lib"
echo "$HASH" > "$TARGET/source-hash"
echo "wanlab Geode program (Geode 1.15.1): $TARGET/wanlab-geode.jar"

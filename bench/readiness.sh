#!/usr/bin/env bash
# Readiness benchmark: 1 organization, 500 controls over the 61 SOC 2 criteria, 50,000 evidence items
# on a file H2 database; prints p50/p95/max of ReadinessService.forEngagement (target: < 200 ms warm).
# Usage: bench/readiness.sh [controls] [evidence-items] [warm-up] [runs]
# BUILD_DIR (default /tmp/build-bench) keeps the build apart from other builds of the same checkout.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${BUILD_DIR:-/tmp/build-bench}"
cd "$here"

java_major() {
  "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p' | head -n1
}
JAVA=""
for c in "${JAVA_HOME:+$JAVA_HOME/bin/java}" "$(command -v java || true)" /usr/lib/jvm/*/bin/java; do
  [ -n "$c" ] && [ -x "$c" ] || continue
  v="$(java_major "$c")"
  if [ "${v:-0}" -ge 21 ]; then JAVA="$c"; break; fi
done
[ -n "$JAVA" ] || { echo "readiness.sh: needs Java 21 or newer (set JAVA_HOME)" >&2; exit 1; }

./mvnw -B -q -o -Dassayer.build.dir="$build" test-compile
# maven-dependency-plugin 3.9.0: the newest version whose dependencies are in a typical offline ~/.m2
./mvnw -B -q -o -Dassayer.build.dir="$build" org.apache.maven.plugins:maven-dependency-plugin:3.9.0:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile="$build/bench-classpath.txt"
exec "$JAVA" -Xmx1g -XX:+UseParallelGC -cp "$build/test-classes:$build/classes:$(cat "$build/bench-classpath.txt")" \
  dev.assayer.readiness.ReadinessBenchmark "$@"

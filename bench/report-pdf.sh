#!/usr/bin/env bash
# Report PDF benchmark: renders a SOC 2 Type II report with 150 controls × 25 samples in Section IV
# (SampleReports.large) with -Xmx512m in a fresh JVM; prints the cold and warm render times, the
# peak heap and, from /usr/bin/time -v, the wall time and peak RSS of the whole process.
# Targets: < 10 s, peak heap < 512 MB. Usage: bench/report-pdf.sh [controls] [samples] [warm runs]
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
[ -n "$JAVA" ] || { echo "report-pdf.sh: needs Java 21 or newer (set JAVA_HOME)" >&2; exit 1; }

./mvnw -B -q -o -Dassayer.build.dir="$build" test-compile
./mvnw -B -q -o -Dassayer.build.dir="$build" org.apache.maven.plugins:maven-dependency-plugin:3.9.0:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile="$build/bench-classpath.txt"
echo "machine: $(nproc) CPUs, $(awk '/MemTotal/ {printf "%.1f GB", $2/1048576}' /proc/meminfo), load average $(cut -d' ' -f1-3 /proc/loadavg); $("$JAVA" -version 2>&1 | head -n1)"
/usr/bin/time -v "$JAVA" -Xmx512m \
  -cp "$build/test-classes:$build/classes:$(cat "$build/bench-classpath.txt")" \
  dev.assayer.report.render.ReportPdfBenchmark "${1:-150}" "${2:-25}" "${3:-2}" "$build/report-benchmark.pdf" \
  2> >(grep -E "Elapsed|User time|System time|Maximum resident|Exit status|Exception|Error|^\s+at " >&2)

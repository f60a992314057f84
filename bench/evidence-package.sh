#!/usr/bin/env bash
# Benchmark: export and verify an evidence package holding ~1 GB of evidence.
# Usage: bench/evidence-package.sh [files=200] [mb-per-file=5]
# Starts the server (own build dir, file H2 in a temporary directory, the launcher's JVM flags),
# uploads FILES random files of MB each through the API into a Type II engagement, then measures:
#   export: GET /api/v1/engagements/{id}/evidence-package to a file — wall time, and the server's
#           peak RSS during the export (VmHWM, reset just before via /proc/PID/clear_refs)
#   verify: ./assayer verify on the package — wall time and peak RSS (/usr/bin/time)
#   sha256sum over the same evidence files, for comparison.
set -euo pipefail
cd "$(dirname "$0")/.."
files="${1:-200}"; mb="${2:-5}"
build="${BENCH_BUILD_DIR:-/tmp/assayer-bench-build}"
port="${BENCH_PORT:-18095}"
./mvnw -q -B -ntp -DskipTests -Dassayer.build.dir="$build" package
JAVA="$(ls -d /usr/lib/jvm/*/bin/java | while read -r j; do v=$("$j" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p'); [ "${v:-0}" -ge 21 ] && echo "$j"; done | tail -1)"
opts=(-XX:+UseSerialGC -Xss512k -XX:MaxRAMPercentage=25)   # the launcher's flags (./assayer)

dir="$(mktemp -d)"; trap 'kill $pid 2>/dev/null || true; rm -rf "$dir"' EXIT
mkdir -p "$dir/files"
for i in $(seq -w 1 "$files"); do head -c "$((mb * 1024 * 1024))" /dev/urandom > "$dir/files/evidence-$i.bin"; done
total_mb=$(( files * mb ))

ASSAYER_ADMIN_EMAIL=bench@example.test ASSAYER_ADMIN_PASSWORD='bench-password-1234' \
  "$JAVA" "${opts[@]}" -jar "$build/assayer.jar" serve --data "$dir/data" --port "$port" >"$dir/log" 2>&1 & pid=$!
until grep -q "ready at" "$dir/log" 2>/dev/null; do kill -0 $pid 2>/dev/null || { cat "$dir/log"; exit 1; }; sleep 0.2; done
api="http://localhost:$port/api/v1"
token=$(curl -sf -X POST "$api/auth/tokens" -H 'Content-Type: application/json' \
  -d '{"email":"bench@example.test","password":"bench-password-1234"}' | sed 's/.*"token":"\([^"]*\)".*/\1/')
start=$(date -d "-5 months" +%Y-%m-01); end=$(date -d "$start +6 months -1 day" +%F); eff=$(date -d "$start +1 month" +%F)
eng=$(curl -sf -X POST "$api/engagements" -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
  -d "{\"name\":\"Bench SOC 2 Type II\",\"framework\":\"SOC2\",\"reportType\":\"TYPE2\",\"periodStart\":\"$start\",\"periodEnd\":\"$end\"}" \
  | sed 's/^{"id":"\([^"]*\)".*/\1/')
for f in "$dir"/files/*; do
  curl -sf -o /dev/null -X POST "$api/evidence" -H "Authorization: Bearer $token" -F "file=@$f" \
    -F "metadata={\"title\":\"$(basename "$f")\",\"effectiveDate\":\"$eff\"};type=application/json"
done

echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -1)"
echo "evidence: $files files × $mb MiB = $total_mb MiB"
echo 5 > "/proc/$pid/clear_refs"   # reset the server's peak RSS (VmHWM) to its current RSS
rss_before=$(awk '/VmRSS/{print $2}' "/proc/$pid/status")
t0=$(date +%s%N)
curl -sf -o "$dir/package.zip" "$api/engagements/$eng/evidence-package" -H "Authorization: Bearer $token"
t1=$(date +%s%N)
hwm=$(awk '/VmHWM/{print $2}' "/proc/$pid/status")
echo "export: $(( (t1 - t0) / 1000000 )) ms, package $(( $(stat -c %s "$dir/package.zip") / 1024 / 1024 )) MiB;" \
     "server RSS before $((rss_before / 1024)) MiB, peak during export $((hwm / 1024)) MiB"
kill $pid; wait $pid 2>/dev/null || true

/usr/bin/time -f "verify: %e s wall, peak RSS %M KB" "$JAVA" "${opts[@]}" -jar "$build/assayer.jar" verify "$dir/package.zip" \
  > "$dir/verify.out" 2> "$dir/verify.time" || { cat "$dir/verify.out" "$dir/verify.time"; exit 1; }
tail -1 "$dir/verify.out"; tail -1 "$dir/verify.time"
/usr/bin/time -f "sha256sum over the same $total_mb MiB: %e s wall, peak RSS %M KB" sha256sum "$dir"/files/* >/dev/null 2> "$dir/sha.time"
tail -1 "$dir/sha.time"

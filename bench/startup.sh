#!/usr/bin/env bash
# Benchmark: `./assayer serve --demo` on an empty data directory, from launch to "ready", and the
# resident memory (RSS) once idle. Usage: bench/startup.sh [runs=3] [idle-seconds=20]
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-3}"; idle="${2:-20}"
[ -f target/assayer.jar ] || ./mvnw -q -B -DskipTests package
# one throw-away start so that the class-data-sharing archive exists, as on a user's second start
warm="$(mktemp -d)"; ./assayer serve --demo --data "$warm/d" --port 18091 >"$warm/log" 2>&1 & pid=$!
until grep -q "ready at" "$warm/log" 2>/dev/null; do kill -0 $pid 2>/dev/null || { cat "$warm/log"; exit 1; }; sleep 0.1; done
kill $pid; wait $pid 2>/dev/null || true; rm -rf "$warm"

echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -1)"
for i in $(seq 1 "$runs"); do
  dir="$(mktemp -d)"; log="$dir/log"
  start=$(date +%s%N)
  ./assayer serve --demo --data "$dir/data" --port 18092 >"$log" 2>&1 & pid=$!
  until grep -q "ready at" "$log" 2>/dev/null; do
    kill -0 $pid 2>/dev/null || { echo "server died:"; cat "$log"; exit 1; }
    sleep 0.05
  done
  ready_ms=$(( ($(date +%s%N) - start) / 1000000 ))
  # the demo's program content (risks, policies, people, access reviews, the audit firm's fieldwork)
  # loads in the background after "ready"; time until it is all visible
  until grep -q "Demo background load" "$log" 2>/dev/null; do
    kill -0 $pid 2>/dev/null || { echo "server died:"; cat "$log"; exit 1; }
    sleep 0.05
  done
  full_ms=$(( ($(date +%s%N) - start) / 1000000 ))
  sleep "$idle"
  rss_kb=$(awk '/VmRSS/{print $2}' /proc/$pid/status)
  echo "run $i: ready after ${ready_ms} ms (JVM: $(sed -n 's/.*started in \([0-9]*\) ms.*/\1/p' "$log") ms), demo content complete after ${full_ms} ms, idle RSS $((rss_kb / 1024)) MB after ${idle} s"
  kill $pid; wait $pid 2>/dev/null || true
  rm -rf "$dir"
done

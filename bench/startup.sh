#!/usr/bin/env bash
# Benchmark: `./assayer serve --demo` on an empty data directory, from launch to "ready", and the
# resident memory (RSS) once idle. Usage: bench/startup.sh [runs=3] [idle-seconds=20]
# The launcher's ASSAYER_BUILD_DIR and ASSAYER_STARTUP_CACHE (auto|aot|appcds|off) pass through, so
# options can be compared on one build. Each run also reports the CPU time the server had used when
# it was ready and the load average, since wall times mean little on a busy machine.
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-3}"; idle="${2:-20}"
tck="$(getconf CLK_TCK)"
cpu_ms() { awk -v t="$tck" '{print int(($14 + $15) * 1000 / t)}' "/proc/$1/stat"; }
load() { cut -d' ' -f1 /proc/loadavg; }

# One throw-away start: the launcher builds the jar if needed and, once per build and Java runtime,
# trains the start-up cache (as on a user's first start), so the runs below measure a later start.
warm="$(mktemp -d)"; ./assayer serve --demo --data "$warm/d" --port 18091 >"$warm/log" 2>&1 & pid=$!
until grep -q "ready at" "$warm/log" 2>/dev/null; do kill -0 $pid 2>/dev/null || { cat "$warm/log"; exit 1; }; sleep 0.1; done
kill $pid; wait $pid 2>/dev/null || true; rm -rf "$warm"

echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -1)"
echo "start-up cache: ${ASSAYER_STARTUP_CACHE:-auto}"
for i in $(seq 1 "$runs"); do
  dir="$(mktemp -d)"; log="$dir/log"
  load_before="$(load)"
  start=$(date +%s%N)
  ./assayer serve --demo --data "$dir/data" --port 18092 >"$log" 2>&1 & pid=$!
  until grep -q "ready at" "$log" 2>/dev/null; do
    kill -0 $pid 2>/dev/null || { echo "server died:"; cat "$log"; exit 1; }
    sleep 0.05
  done
  ready_ms=$(( ($(date +%s%N) - start) / 1000000 )); ready_cpu=$(cpu_ms $pid)
  # the demo's program content (risks, policies, people, access reviews, the audit firm's fieldwork)
  # loads in the background after "ready"; time until it is all visible
  until grep -q "Demo background load" "$log" 2>/dev/null; do
    kill -0 $pid 2>/dev/null || { echo "server died:"; cat "$log"; exit 1; }
    sleep 0.05
  done
  full_ms=$(( ($(date +%s%N) - start) / 1000000 ))
  sleep "$idle"
  rss_kb=$(awk '/VmRSS/{print $2}' /proc/$pid/status)
  echo "run $i: ready after ${ready_ms} ms (JVM: $(sed -n 's/.*started in \([0-9]*\) ms.*/\1/p' "$log") ms, CPU ${ready_cpu} ms), demo content complete after ${full_ms} ms, idle RSS $((rss_kb / 1024)) MB after ${idle} s; load average ${load_before} → $(load)"
  kill $pid; wait $pid 2>/dev/null || true
  rm -rf "$dir"
done

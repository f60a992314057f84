#!/usr/bin/env bash
# Benchmark: `assayer sample select` over 1M-, 5M- and 10M-row CSV populations, beside `sha256sum`
# of the same file (target: select ≤ 1.5 × sha256sum), with peak resident memory (target: flat as
# rows grow). Files are generated once under $BENCH_DIR (default /tmp/assayer-sample-bench).
# Usage: bench/sample-select.sh [runs=3]
# ASSAYER_CMD overrides the command (default ./assayer, which builds the jar if needed), e.g.
#   ASSAYER_CMD="java -jar /tmp/build-x/assayer.jar" bench/sample-select.sh
# ASSAYER_JAVA_OPTS is passed to ./assayer as usual (e.g. -XX:TieredStopAtLevel=4, see docs/sampling.md).
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-3}"
dir="${BENCH_DIR:-/tmp/assayer-sample-bench}"
cmd="${ASSAYER_CMD:-./assayer}"
mkdir -p "$dir"

big="$dir/pop-10000000.csv"
if [ ! -f "$big" ]; then
  echo "generating $big …" >&2
  awk 'BEGIN{print "txn_id,posted,amount,account,memo";
    for(i=1;i<=10000000;i++) printf "TX-%08d,2025-%02d-%02d,%.2f,ACC-%04d,\"payment, batch %d\"\n", i, (i%12)+1, (i%28)+1, (i%100000)/7.0, i%9973, i%500}' > "$big"
fi
for rows in 1000000 5000000; do
  f="$dir/pop-$rows.csv"
  [ -f "$f" ] || head -n $((rows + 1)) "$big" > "$f"
done

# peak RSS: GNU time if present, otherwise poll /proc/<pid>/status (VmHWM) until the process exits
measure() { # prints "<seconds> <peak-MB>" for the command "$@" (output discarded)
  local start end peak
  if [ -x /usr/bin/time ] && /usr/bin/time -f %M true >/dev/null 2>&1; then
    local tf; tf="$(mktemp)"
    start=$(date +%s%N)
    /usr/bin/time -f %M -o "$tf" "$@" >/dev/null
    end=$(date +%s%N)
    peak=$(( $(tail -n1 "$tf") / 1024 )); rm -f "$tf"
  else
    start=$(date +%s%N)
    "$@" >/dev/null & local pid=$! hwm=0 v
    while kill -0 $pid 2>/dev/null; do
      v=$(awk '/VmHWM/{print $2}' /proc/$pid/status 2>/dev/null || echo 0); [ "${v:-0}" -gt "$hwm" ] && hwm=$v
      sleep 0.05
    done
    wait $pid; end=$(date +%s%N); peak=$((hwm / 1024))
  fi
  awk -v ns=$((end - start)) -v mb="$peak" 'BEGIN{printf "%.2f %d\n", ns/1e9, mb}'
}

$cmd sample select --population "$dir/pop-1000000.csv" --size 25 --seed warm --json >/dev/null # build/CDS warm-up
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -1), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "command: $cmd sample select --population FILE --size 25 --seed bench --json   (ASSAYER_JAVA_OPTS='${ASSAYER_JAVA_OPTS:-}')"
printf "%-10s %8s %6s | %-22s | %-22s | %s\n" rows MB run "sha256sum s (peak MB)" "select s (peak MB)" ratio
for rows in 1000000 5000000 10000000; do
  f="$dir/pop-$rows.csv"; size_mb=$(( $(stat -c %s "$f") / 1048576 ))
  for i in $(seq 1 "$runs"); do
    read -r hs hm < <(measure sha256sum "$f")
    read -r ss sm < <(measure $cmd sample select --population "$f" --size 25 --seed bench --json)
    printf "%-10s %8s %6s | %10s (%4s)       | %10s (%4s)       | %.2f\n" "$rows" "$size_mb" "$i" "$hs" "$hm" "$ss" "$sm" \
      "$(awk -v a="$ss" -v b="$hs" 'BEGIN{print a/b}')"
  done
done

#!/usr/bin/env bash
# Benchmark: `assayer check run` over 1,000,000 IAM-user-like resources (JSON Lines read as generic-json,
# type aws.iam.user, so the built-in AWS IAM user checks apply) with 100 checks: the built-in pack plus
# generated checks over the same type. Timed beside (a) a parse-only pass over the same input
# (`check run --parse-only`, hidden) — target: check run ≤ 2 × parse-only — and (c) jq computing the same
# pass/fail counts for the generated checks in one pass. Peak RSS from GNU time.
# Usage: bench/monitoring-checks.sh [resources=1000000] [runs=3]
# ASSAYER_CMD overrides the command (default ./assayer, which builds the jar if needed), e.g.
#   ASSAYER_CMD="java -Xmx256m -jar /tmp/build-x/assayer.jar" bench/monitoring-checks.sh
set -euo pipefail
cd "$(dirname "$0")/.."
n="${1:-1000000}"
runs="${2:-3}"
dir="${BENCH_DIR:-/tmp/assayer-check-bench}"
cmd="${ASSAYER_CMD:-./assayer}"
now="2026-06-30T12:00:00Z"
mkdir -p "$dir"
data="$dir/iam-users-$n.jsonl"

if [ ! -f "$data" ]; then
  echo "generating $data …" >&2
  python3 - "$n" > "$data" <<'EOF'
import json, sys, random
rnd = random.Random(42)
n = int(sys.argv[1])
out = sys.stdout
def ts(day):  # days before 2026-06-30, as ISO-8601 UTC with seconds
    import datetime
    t = datetime.datetime(2026, 6, 30, 12, 0, 0) - datetime.timedelta(days=day, seconds=rnd.randrange(86400))
    return t.strftime("%Y-%m-%dT%H:%M:%SZ")
for i in range(n):
    pw = rnd.random() < 0.7
    key = rnd.random() < 0.6
    rec = {
        "user": ("svc-%d" % i) if rnd.random() < 0.1 else ("user-%d" % i),
        "arn": "arn:aws:iam::123456789012:user/u%07d" % i,
        "user_creation_time": ts(rnd.randrange(100, 2000)),
        "password_enabled": pw,
        "password_last_used": ts(rnd.randrange(0, 200)) if pw and rnd.random() < 0.9 else None,
        "password_last_changed": ts(rnd.randrange(0, 400)) if pw else None,
        "mfa_active": rnd.random() < 0.95,
        "access_key_1_active": key,
        "access_key_1_last_rotated": ts(rnd.randrange(0, 200)) if key else None,
        "access_key_1_last_used_date": ts(rnd.randrange(0, 60)) if key else None,
        "access_key_2_active": False,
        "access_key_2_last_rotated": None,
        "login_count": rnd.randrange(0, 5000),
        "groups": ["g%d" % rnd.randrange(20) for _ in range(rnd.randrange(0, 4))],
    }
    out.write(json.dumps(rec, separators=(",", ":")))
    out.write("\n")
EOF
fi

# warm-up (builds the jar on first use) and the number of built-in checks that apply to aws.iam.user
$cmd check run --input "$data" --input-format generic-json --type aws.iam.user --id-field arn --parse-only 2>/dev/null || true
builtin_total=$($cmd check list | tail -n1 | awk '{print $1}')
builtin_iam=$($cmd check list | awk '$3 == "aws.iam.user" || $3 == "aws.iam.*" || $3 == "aws.*" || $3 == "*"' | wc -l)
gen=$((100 - builtin_total)); [ "$gen" -lt 0 ] && gen=0

# generated checks and the equivalent jq program (one reduce over the input computing each check's failures)
python3 - "$gen" "$dir/checks.yaml" "$dir/checks.jq" <<'EOF'
import sys
gen, yaml_path, jq_path = int(sys.argv[1]), sys.argv[2], sys.argv[3]
now = 1782820800  # 2026-06-30T12:00:00Z
y = ["checks:"]
jq = []
for i in range(gen):
    t = i % 5
    if t == 0:
        where, expect = None, "resource.login_count >= %d" % (i * 10)
        jw, je = None, "$x.login_count >= %d" % (i * 10)
    elif t == 1:
        hours = 24 * (i + 1)
        where = "resource.password_enabled == true"
        expect = ("has(resource.password_last_used) && resource.password_last_used != null && "
                  "now - timestamp(resource.password_last_used) <= duration('%dh')" % hours)
        jw = "$x.password_enabled == true"
        je = ('(($x | has("password_last_used")) and $x.password_last_used != null and '
              '(%d - ($x.password_last_used | fromdateiso8601)) <= %d)' % (now, hours * 3600))
    elif t == 2:
        where, expect = None, "resource.mfa_active == true || resource.password_enabled == false"
        jw, je = None, "($x.mfa_active == true or $x.password_enabled == false)"
    elif t == 3:
        where, expect = None, "!resource.user.startsWith('svc-%d')" % i
        jw, je = None, '($x.user | startswith("svc-%d") | not)' % i
    else:
        where, expect = "size(resource.groups) > 0", "resource.groups.exists(g, g == 'g%d')" % (i % 20)
        jw, je = "($x.groups | length) > 0", 'any($x.groups[]; . == "g%d")' % (i % 20)
    y.append("  - id: bench-%03d" % i)
    y.append("    title: Generated benchmark check %d" % i)
    y.append("    resource: aws.iam.user")
    if where:
        y.append("    where: \"%s\"" % where)
    y.append("    expect: \"%s\"" % expect)
    y.append("    severity: low")
    cond = ("(%s) and ((%s) | not)" % (jw, je)) if jw else "((%s) | not)" % je
    jq.append(".f[%d] += (if %s then 1 else 0 end)" % (i, cond))
open(yaml_path, "w").write("\n".join(y) + "\n")
prog = "reduce inputs as $x ({f: [range(%d) | 0]}; %s) | .f" % (gen, " | ".join(jq) if jq else ".")
open(jq_path, "w").write(prog + "\n")
EOF

measure() { # prints "<wall-seconds> <peak-MB> <cpu-seconds>" for the command "$@" (stdout discarded)
  local tf start end
  tf="$(mktemp)"
  start=$(date +%s%N)
  /usr/bin/time -f "%M %U %S" -o "$tf" "$@" >/dev/null 2>"$dir/last-stderr" || true
  end=$(date +%s%N)
  read -r kb us ss < <(tail -n1 "$tf")
  awk -v ns=$((end - start)) -v kb="$kb" -v us="$us" -v ss="$ss" 'BEGIN{printf "%.2f %d %.2f\n", ns/1e9, kb/1024, us+ss}'
  rm -f "$tf"
}

args=(--input "$data" --input-format generic-json --type aws.iam.user --id-field arn --now "$now")
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -1), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "input: $data ($n resources, $(( $(stat -c %s "$data") / 1048576 )) MB); checks: $builtin_total built-in ($builtin_iam apply to aws.iam.user) + $gen generated = $((builtin_total + gen))"
echo "command: $cmd check run ${args[*]} --checks $dir/checks.yaml --output $dir/report.json"
echo "wall seconds (peak RSS MB) [CPU seconds, user+sys]; ratio = check run / parse-only, wall and CPU"
printf "%4s | %-26s | %-26s | %-11s | %-26s\n" run "parse-only" "check run" "ratio w/cpu" "jq (generated checks only)"
for i in $(seq 1 "$runs"); do
  read -r ps pm pc < <(measure $cmd check run "${args[@]}" --parse-only)
  read -r cs cm cc < <(measure $cmd check run "${args[@]}" --checks "$dir/checks.yaml" --output "$dir/report.json")
  tail -n1 "$dir/last-stderr" >&2
  if [ "$i" = 1 ] && [ "${SKIP_JQ:-}" != 1 ]; then
    read -r js jm jc < <(measure sh -c "jq -n -c -f '$dir/checks.jq' '$data' > '$dir/jq-counts.json'")
  else
    js="-"; jm="-"; jc="-"
  fi
  printf "%4s | %8s (%5s) [%7s] | %8s (%5s) [%7s] | %.2f / %.2f | %8s (%5s) [%7s]\n" "$i" "$ps" "$pm" "$pc" "$cs" "$cm" "$cc" \
    "$(awk -v a="$cs" -v b="$ps" 'BEGIN{print a/b}')" "$(awk -v a="$cc" -v b="$pc" 'BEGIN{print a/b}')" "$js" "$jm" "$jc"
done

# the jq counts must equal check run's failure counts for the generated checks
if [ -f "$dir/jq-counts.json" ]; then
  python3 - "$dir/report.json" "$dir/jq-counts.json" <<'EOF'
import json, sys
report = json.load(open(sys.argv[1]))
jq = json.load(open(sys.argv[2]))
fails = {c["id"]: c["fail"] for c in report["checks"]}
bad = [(i, jq[i], fails.get("bench-%03d" % i)) for i in range(len(jq)) if jq[i] != fails.get("bench-%03d" % i)]
print("jq and check run agree on all %d generated checks" % len(jq) if not bad else "MISMATCH (check, jq, assayer): %s" % bad[:10])
EOF
fi

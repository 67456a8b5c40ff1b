#!/usr/bin/env bash
# Lint N synthetic ladders with ladderctl and with conftest, the same conftest-style policy
# for both, and compare: the counts must agree, then wall time (median of interleaved runs)
# and peak memory.
#
#   bash bench/run.sh                 # 2,000 and 10,000 ladders, 5 runs each
#   RUNS=3 SIZES="500 2000" bash bench/run.sh
set -euo pipefail
cd "$(dirname "$0")/.."

RUNS=${RUNS:-5}
SIZES=${SIZES:-"2000 10000"}
OUT=bench/out
mkdir -p "$OUT"

go build -o "$OUT/ladderctl" ./cmd/ladderctl
CONFTEST=$(command -v conftest || true)
if [ -z "$CONFTEST" ]; then
  CONFTEST="$(go env GOPATH)/bin/conftest"
  if [ ! -x "$CONFTEST" ]; then
    echo "installing conftest v0.71.1 from the Go module proxy..." >&2
    (cd /tmp && GOFLAGS= go install github.com/open-policy-agent/conftest@v0.71.1)
  fi
fi

# counts prints "failures warnings" from a JSON report on stdin.
conftest_counts() { python3 -c 'import json,sys; d=json.load(sys.stdin); print(sum(len(x.get("failures") or []) for x in d), sum(len(x.get("warnings") or []) for x in d))'; }
ladderctl_counts() { python3 -c 'import json,sys; s=json.load(sys.stdin)["summary"]; print(s["errors"], s["warnings"])'; }

# measure CMD... appends "seconds peak-KiB" of one run to the file named by $SAMPLES.
# time(1) also writes "Command exited with non-zero status 1" (lint and conftest exit 1 on
# findings): keep only the line of numbers.
measure() { /usr/bin/time -f "%e %M" -o "$OUT/time.txt" "$@" >/dev/null 2>&1 || true; grep -E '^[0-9.]+ [0-9]+$' "$OUT/time.txt" >> "$SAMPLES"; }
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(go version | cut -d' ' -f3), conftest v0.71.1"
printf "\n| ladders | tool | median wall (s) | peak memory (MiB) |\n|---:|---|---:|---:|\n"
summary=""
for n in $SIZES; do
  dir="$OUT/ladders-$n"
  [ -d "$dir" ] || go run ./bench/gen -n "$n" -out "$dir"

  c=$("$CONFTEST" test --policy bench/policy -o json "$dir" 2>/dev/null | conftest_counts || true)
  l=$("$OUT/ladderctl" lint --no-builtin -p bench/policy -o json "$dir" 2>/dev/null | ladderctl_counts || true)
  if [ "$c" != "$l" ]; then
    echo "counts differ on $n ladders: conftest (failures warnings) $c, ladderctl (errors warnings) $l" >&2
    exit 1
  fi

  : > "$OUT/conftest.$n"; : > "$OUT/ladderctl.$n"
  for _ in $(seq "$RUNS"); do
    SAMPLES="$OUT/conftest.$n" measure "$CONFTEST" test --policy bench/policy "$dir"
    SAMPLES="$OUT/ladderctl.$n" measure "$OUT/ladderctl" lint --no-builtin -p bench/policy "$dir"
  done
  for tool in conftest ladderctl; do
    t=$(awk '{print $1}' "$OUT/$tool.$n" | median)
    m=$(awk '{print $2}' "$OUT/$tool.$n" | median)
    printf "| %s | %s | %.2f | %.0f |\n" "$n" "$tool" "$t" "$(echo "$m / 1024" | bc -l)"
    eval "${tool}_t_$n=$t; ${tool}_m_$n=$m"
  done
  ct=$(eval echo "\$conftest_t_$n"); lt=$(eval echo "\$ladderctl_t_$n")
  cm=$(eval echo "\$conftest_m_$n"); lm=$(eval echo "\$ladderctl_m_$n")
  summary+=$(printf "\n%s ladders: same counts (%s); ladderctl %.1fx faster, %.1fx less memory" "$n" "$c" "$(echo "$ct / $lt" | bc -l)" "$(echo "$cm / $lm" | bc -l)")
done
echo "$summary"
set -- $SIZES
if [ $# -ge 2 ]; then
  a=$(eval echo "\$ladderctl_t_$1"); b=$(eval echo "\$ladderctl_t_$2")
  printf "ladderctl on %s ladders costs %.1fx its time on %s (%.1fx the ladders)\n" "$2" "$(echo "$b / $a" | bc -l)" "$1" "$(echo "$2 / $1" | bc -l)"
fi

# A small repository: the examples, with the built-in pack, against conftest on one file.
: > "$OUT/small.ladderctl"; : > "$OUT/small.conftest"
for _ in $(seq 10); do
  SAMPLES="$OUT/small.ladderctl" measure "$OUT/ladderctl" lint ladders/
  SAMPLES="$OUT/small.conftest" measure "$CONFTEST" test --policy bench/policy ladders/acme-engineering.yaml
done
printf "small: ladderctl lint ladders/ (built-in pack) %.3f s; conftest on one file %.3f s (medians of 10)\n" \
  "$(awk '{print $1}' "$OUT/small.ladderctl" | median)" "$(awk '{print $1}' "$OUT/small.conftest" | median)"

#!/usr/bin/env bash
# Lint N synthetic ladders with ladderctl and with conftest, and compare, side by side in one
# run: wall time and peak memory (medians of interleaved runs) of
#   - the default run: ladderctl with its built-in pack, against conftest running a port of
#     the pack (bench/port.py); both must report the same findings, file by file, rule by
#     rule and message by message (bench/same.py);
#   - a conftest-style run: the same policy (bench/policy) for both, ladderctl --no-builtin;
#     the counts must agree;
#   - ladderctl's default run on one core and on two (GOMAXPROCS=1 and 2), and, for the
#     ceiling of that ratio on this machine, the same ladders split in two halves linted by
#     two one-core processes, one after the other and then side by side: they share no
#     memory, lock or collector, so their ratio is what two cores give this work here;
#   - lint of one file, start-up and the compile of the pack included.
#
# Each ratio is the median of its ratios round by round, the two runs compared being timed
# one right after the other: the speed of a shared machine drifts by half within minutes,
# and a ratio of runs minutes apart measures that drift as much as the tools.
#
#   bash bench/run.sh                 # 2,000 and 10,000 ladders, 5 runs each
#   RUNS=3 SIZES="500 2000" bash bench/run.sh
set -euo pipefail
cd "$(dirname "$0")/.."

RUNS=${RUNS:-5}
# --timeout covers the whole run; a machine shared with other work can need more than 30s.
export LADDERCTL_TIMEOUT=${LADDERCTL_TIMEOUT:-10m}
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
python3 bench/port.py "$OUT/port"

# run NAME CMD... appends one sample of CMD to $OUT/NAME.$n.
run() { local name=$1; shift; SAMPLES="$OUT/$name.$n" measure "$@"; }
wall() { awk '{print $1}' "$OUT/$1.$n" | median; }
# ratios A B: the ratio of A's wall time to B's in each round, the two run one after the other;
# ratio A B: their median.
ratios() { paste -d' ' "$OUT/$1.$n" "$OUT/$2.$n" | awk '{printf "%s%.2fx", (NR > 1 ? ", " : ""), $1 / $3}'; }
ratio() { paste -d' ' "$OUT/$1.$n" "$OUT/$2.$n" | awk '{print $1 / $3}' | median; }
peak() { awk '{print $2}' "$OUT/$1.$n" | median; }

printf "\n| ladders | run | tool | median wall (s) | peak memory (MiB) |\n|---:|---|---|---:|---:|\n"
summary=""
for n in $SIZES; do
  dir="$OUT/ladders-$n"
  [ -d "$dir" ] || go run ./bench/gen -n "$n" -out "$dir"

  # The same findings before any timing.
  "$CONFTEST" test --all-namespaces --policy "$OUT/port" --data "$OUT/port/data" -o json "$dir" > "$OUT/conftest-pack.json" 2>/dev/null || true
  "$OUT/ladderctl" lint -o json "$dir" > "$OUT/ladderctl-pack.json" 2>/dev/null || true
  pack=$(python3 bench/same.py "$OUT/conftest-pack.json" "$OUT/ladderctl-pack.json") || { echo "the built-in pack and its conftest port disagree on $n ladders" >&2; exit 1; }
  c=$("$CONFTEST" test --policy bench/policy -o json "$dir" 2>/dev/null | conftest_counts || true)
  l=$("$OUT/ladderctl" lint --no-builtin -p bench/policy -o json "$dir" 2>/dev/null | ladderctl_counts || true)
  if [ "$c" != "$l" ]; then
    echo "counts differ on $n ladders: conftest (failures warnings) $c, ladderctl (errors warnings) $l" >&2
    exit 1
  fi

  # The halves are hard links: regular files, read as the whole directory's are.
  for half in a b; do rm -rf "$dir-$half"; mkdir "$dir-$half"; done
  ls "$dir" | awk -v d="$dir" 'NR % 2 { print d "/" $0 " " d "-a/" } !(NR % 2) { print d "/" $0 " " d "-b/" }' | xargs -n 2 ln
  half_a="GOMAXPROCS=1 $OUT/ladderctl lint $dir-a >/dev/null 2>&1"
  half_b="GOMAXPROCS=1 $OUT/ladderctl lint $dir-b >/dev/null 2>&1"
  for name in conftest-pack ladderctl-pack conftest-style ladderctl-style ladderctl-1cpu ladderctl-2cpu halves-after halves-beside; do : > "$OUT/$name.$n"; done
  for _ in $(seq "$RUNS"); do
    run conftest-pack "$CONFTEST" test --all-namespaces --policy "$OUT/port" --data "$OUT/port/data" "$dir"
    run ladderctl-pack "$OUT/ladderctl" lint "$dir"
    run conftest-style "$CONFTEST" test --policy bench/policy "$dir"
    run ladderctl-style "$OUT/ladderctl" lint --no-builtin -p bench/policy "$dir"
    run ladderctl-1cpu env GOMAXPROCS=1 "$OUT/ladderctl" lint "$dir"
    run ladderctl-2cpu env GOMAXPROCS=2 "$OUT/ladderctl" lint "$dir"
    run halves-after sh -c "$half_a; $half_b"
    run halves-beside sh -c "$half_a & $half_b; wait"
  done
  for pair in "built-in pack:conftest-pack:ladderctl-pack" "conftest-style:conftest-style:ladderctl-style"; do
    IFS=: read -r what ct lc <<< "$pair"
    for name in "$ct" "$lc"; do
      printf "| %s | %s | %s | %.2f | %.0f |\n" "$n" "$what" "${name%%-*}" "$(wall "$name")" "$(echo "$(peak "$name") / 1024" | bc -l)"
    done
    summary+=$(printf "\n%s ladders, %s: ladderctl %.1fx faster (rounds: %s), %.1fx less memory" "$n" "$what" \
      "$(ratio "$ct" "$lc")" "$(ratios "$ct" "$lc")" "$(echo "$(peak "$ct") / $(peak "$lc")" | bc -l)")
  done
  summary+=$(printf "\n%s ladders: same findings with the pack (conftest failures warnings: %s), same counts conftest-style (%s)" "$n" "$pack" "$c")
  summary+=$(printf "\n%s ladders: GOMAXPROCS 1 -> 2: %.2fx (medians %.2f s -> %.2f s; rounds: %s); ceiling on this machine, two one-core processes on the halves, one after the other -> side by side: %.2fx (medians %.2f s -> %.2f s; rounds: %s)" \
    "$n" "$(ratio ladderctl-1cpu ladderctl-2cpu)" "$(wall ladderctl-1cpu)" "$(wall ladderctl-2cpu)" "$(ratios ladderctl-1cpu ladderctl-2cpu)" \
    "$(ratio halves-after halves-beside)" "$(wall halves-after)" "$(wall halves-beside)" "$(ratios halves-after halves-beside)")
done
echo "$summary"

# One file, start-up and the compile of the pack included: ladderctl with its pack, conftest
# with the port of the pack and with the conftest-style policy.
n=one
for name in ladderctl-one conftest-one conftest-style-one; do : > "$OUT/$name.$n"; done
for _ in $(seq 10); do
  run ladderctl-one "$OUT/ladderctl" lint ladders/acme-engineering.yaml
  run conftest-one "$CONFTEST" test --all-namespaces --policy "$OUT/port" --data "$OUT/port/data" ladders/acme-engineering.yaml
  run conftest-style-one "$CONFTEST" test --policy bench/policy ladders/acme-engineering.yaml
done
printf "one file: ladderctl lint (built-in pack) %.3f s; conftest with the port of the pack %.3f s, with the conftest-style policy %.3f s (medians of 10)\n" \
  "$(wall ladderctl-one)" "$(wall conftest-one)" "$(wall conftest-style-one)"

#!/usr/bin/env bash
# `whatif --suggest` on the bundled record and on the issue's synthetic record
# (5,000 actors, 2,000 issues, 100,000 positions, 20,000 demands, 10,000
# concessions), by the most active party (actor-00000: the generator's skew
# gives it the most claims, so the most conflicts to try) and by a middling one.
# Targets (issue 18): bundled < 2 s; synthetic with --by one party < 30 s.
# Usage: bash benches/suggest.sh [RUNS]   (default 3; medians of wall-clock seconds)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}
cargo build --release --quiet --bin stancemap
bin=target/release/stancemap
work=target/bench-records
mkdir -p "$work"
[ -f "$work/x1/actors.yaml" ] || $bin synth --quiet -o "$work/x1" --actors 5000 --issues 2000 --positions 100000 --demands 20000 --concessions 10000 --files 50

# measure NAME CMD...: median wall-clock seconds over $runs runs, and the tries
# the answer reports.
measure() {
  local name=$1; shift
  local times=() out
  for _ in $(seq "$runs"); do
    local start end
    start=$(date +%s.%N)
    out=$("$@")
    end=$(date +%s.%N)
    times+=("$(awk -v a="$start" -v b="$end" 'BEGIN {printf "%.2f", b - a}')")
  done
  local t
  t=$(printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  local tried
  tried=$(printf '%s' "$out" | grep -o '"singles_tried": [0-9]*\|"pairs_tried": [0-9]*' | tr '\n' ' ')
  printf '%-34s %8s s   %s\n' "$name" "$t" "$tried"
}

echo "median of $runs runs, wall-clock seconds (load, state, search, answer)"
measure "bundled, every party" $bin whatif --suggest data --format json
measure "bundled, --by russia" $bin whatif --suggest --by russia data --format json
measure "synthetic, --by actor-00000" $bin whatif --suggest --by actor-00000 "$work/x1" --format json
measure "synthetic, --by actor-00100" $bin whatif --suggest --by actor-00100 "$work/x1" --format json
measure "synthetic, check only" $bin check --quiet "$work/x1"

#!/usr/bin/env bash
# `whatif --suggest` on the bundled record and on the issue's synthetic record
# (5,000 actors, 2,000 issues, 100,000 positions, 20,000 demands, 10,000
# concessions), by the most active party (actor-00000: the generator's skew
# gives it the most claims, so the most conflicts to try) and by a middling one.
# Targets (issue 18): bundled < 2 s; synthetic with --by one party < 30 s.
# Usage: bash benches/suggest.sh [RUNS]   (default 3; medians of wall-clock and of
# CPU seconds: on a loaded machine the CPU figure is the one to compare)
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -x /usr/bin/time ]; then echo "needs /usr/bin/time (apt-get install time)" >&2; exit 2; fi
runs=${1:-3}
cargo build --release --quiet --bin stancemap
bin=target/release/stancemap
work=target/bench-records
mkdir -p "$work"
[ -f "$work/x1/actors.yaml" ] || $bin synth --quiet -o "$work/x1" --actors 5000 --issues 2000 --positions 100000 --demands 20000 --concessions 10000 --files 50

# measure NAME CMD...: median wall-clock and CPU (user+sys) seconds over $runs
# runs (GNU time), and the tries the answer reports.
measure() {
  local name=$1; shift
  local walls=() cpus=() out
  for _ in $(seq "$runs"); do
    out=$(/usr/bin/time -o "$work/time.txt" -f "%e %U %S" "$@")
    walls+=("$(awk '{print $1}' "$work/time.txt")")
    cpus+=("$(awk '{printf "%.2f", $2 + $3}' "$work/time.txt")")
  done
  median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
  local tried
  tried=$(printf '%s' "$out" | grep -o '"singles_tried": [0-9]*\|"pairs_tried": [0-9]*' | tr '\n' ' ' || true)
  printf '%-30s %7s s wall %7s s CPU   %s\n' "$name" "$(median "${walls[@]}")" "$(median "${cpus[@]}")" "$tried"
}

echo "median of $runs runs (load, state, search, answer)"
measure "bundled, every party" $bin whatif --suggest data --format json
measure "bundled, --by russia" $bin whatif --suggest --by russia data --format json
measure "synthetic, --by actor-00000" $bin whatif --suggest --by actor-00000 "$work/x1" --format json
measure "synthetic, --by actor-00100" $bin whatif --suggest --by actor-00100 "$work/x1" --format json
measure "synthetic, check only" $bin check --quiet "$work/x1"

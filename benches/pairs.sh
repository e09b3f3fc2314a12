#!/usr/bin/env bash
# Rows a second of `conflicts --pairs --format json` and `overlaps --pairs
# --format json` on the 100k-position synthetic record, whole process (load on a
# warm cache, state, rows, sort, JSON). Target (issue 14): at least 1 M rows a
# second for conflicts.
# Usage: bash benches/pairs.sh [RUNS]        (default 3 runs each; medians)
#        PAIRS_FILE=1 bash benches/pairs.sh   also writes each answer to a file
#                                             under target/ (about 5-6 GB each,
#                                             deleted after each run)
#        PAIRS_BIN=path bash benches/pairs.sh measures another build (e.g. an
#                                             older one, for before/after)
#        PAIRS_FORMAT=jsonl bash benches/pairs.sh  JSON Lines instead of the
#                                             pretty document
# Prints rows, then for /dev/null (and the file) the median wall seconds, CPU
# seconds (user + sys) and peak memory, and rows a second of each. On a machine
# shared with other work quote the CPU figure: wall time there measures the
# machine's load. Needs GNU time (/usr/bin/time, Debian package `time`).
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}
if [ ! -x /usr/bin/time ]; then
  echo "needs /usr/bin/time (apt-get install time)" >&2
  exit 2
fi
cargo build --release --quiet --bin stancemap
bin=${PAIRS_BIN:-target/release/stancemap}
work=target/bench-records
mkdir -p "$work"
# The same record as benches/compare.sh's x1 (the `synth` defaults).
[ -f "$work/x1/actors.yaml" ] || target/release/stancemap synth --quiet -o "$work/x1" --actors 5000 --issues 2000 --positions 100000 --demands 20000 --concessions 10000 --files 50
cache="$work/pairs-cache"
rm -rf "$cache"
$bin check --quiet --cache "$cache" "$work/x1" || true # fills the cache

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
# measure LABEL ROWS OUT CMD...: $runs runs of CMD writing to OUT; prints the
# medians and rows a second by wall and by CPU time.
measure() {
  local label=$1 rows=$2 out=$3
  shift 3
  local walls=() cpus=() mems=()
  for _ in $(seq "$runs"); do
    /usr/bin/time -o "$work/pairs-time.txt" -f "%e %U %S %M" "$@" >"$out"
    [ "$out" = /dev/null ] || rm -f "$out"
    read -r w u s m <"$work/pairs-time.txt"
    walls+=("$w")
    cpus+=("$(awk -v u="$u" -v s="$s" 'BEGIN {printf "%.2f", u + s}')")
    mems+=("$m")
  done
  local w c m
  w=$(printf '%s\n' "${walls[@]}" | median)
  c=$(printf '%s\n' "${cpus[@]}" | median)
  m=$(printf '%s\n' "${mems[@]}" | median)
  awk -v l="$label" -v r="$rows" -v w="$w" -v c="$c" -v m="$m" 'BEGIN {
    printf "%-30s %7.2f s wall %7.2f s CPU %7.0f MiB   %5.2f M rows/s wall  %5.2f M rows/s CPU\n",
      l, w, c, m / 1024, r / w / 1e6, r / c / 1e6 }'
}

echo "median of $runs runs, $work/x1, cache warm"
format=${PAIRS_FORMAT:-json}
for q in conflicts overlaps; do
  cmd=("$bin" "$q" --pairs --format "$format" --cache "$cache" "$work/x1")
  if [ "$format" = jsonl ]; then
    rows=$("${cmd[@]}" | wc -l)
  else
    # A row's own keys sit three levels deep (six spaces); its claims' keys deeper.
    rows=$("${cmd[@]}" | grep -c '^      "kind": ' || true)
  fi
  bytes=$("${cmd[@]}" | wc -c)
  echo "$q --pairs --format $format: $rows rows, $bytes bytes"
  measure "$q to /dev/null" "$rows" /dev/null "${cmd[@]}"
  if [ -n "${PAIRS_FILE:-}" ]; then
    measure "$q to a file" "$rows" "$work/pairs-out.json" "${cmd[@]}"
  fi
done
rm -rf "$cache" "$work/pairs-time.txt"

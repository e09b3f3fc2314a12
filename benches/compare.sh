#!/usr/bin/env bash
# Whole-process comparison on a synthetic record (issue targets in brackets).
# The loader (issue 16):
#   check (cold, --no-cache) wall time vs one thread running the YAML parser's
#     events over the same files (examples/event_floor.rs)          [≤ 1.5×]
#   check peak memory vs the record's size on disk                  [≤ 6×]
#   the record doubled vs the record, time and peak memory           [≤ 2.1×]
#   check on a warm cache vs cold                                    [≤ 0.25×]
#   benches/peer.py (PyYAML + networkx, writing JSON lines) vs
#     `conflicts --pairs --format jsonl` on a warm cache            [≥ 30× slower]
#     (the same pairs as a pretty JSON document are measured too, no target)
# The queries (issue 9): conflicts, overlaps, coalitions vs check    [≤ 2×]
# Usage: bash benches/compare.sh [RUNS]   (default 3 runs each; medians are quoted;
#        each run is stopped after COMPARE_TIMEOUT s, default 300, the peer after
#        PEER_TIMEOUT s, default 3600)
#        ONLY=loader bash benches/compare.sh   skips the query comparisons
# Needs GNU time (/usr/bin/time, Debian package `time`) and, for the peer, python3
# with PyYAML and networkx; installs time when root.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}
if [ ! -x /usr/bin/time ]; then
  if [ "$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq time >/dev/null; else echo "needs /usr/bin/time (apt-get install time)" >&2; exit 2; fi
fi
cargo build --release --quiet --bin stancemap --example parse_floor --example event_floor
bin=target/release/stancemap
work=target/bench-records
mkdir -p "$work"
# The issue's size: 5,000 actors, 2,000 issues, 100,000 positions, 20,000 demands,
# 10,000 concessions in 50 files; and the same doubled.
[ -f "$work/x1/actors.yaml" ] || $bin synth --quiet -o "$work/x1" --actors 5000 --issues 2000 --positions 100000 --demands 20000 --concessions 10000 --files 50
[ -f "$work/x2/actors.yaml" ] || $bin synth --quiet -o "$work/x2" --actors 10000 --issues 4000 --positions 200000 --demands 40000 --concessions 20000 --files 100

# measure NAME CMD...: median wall seconds, median user+sys seconds, median peak
# KiB and the bytes the command writes, over $runs runs. A run longer than $limit
# seconds is stopped and the command reported as "timeout" (a query whose answer
# explodes must not hang the comparison).
limit=${COMPARE_TIMEOUT:-300}
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
measure() {
  local name=$1; shift
  local walls=() times=() mems=() bytes=0 status key=${name//[^a-zA-Z0-9]/_}
  for _ in $(seq "$runs"); do
    local out
    # GNU time writes its figures to a file of its own; the command's answer is
    # only counted, its diagnostics dropped.
    status=0
    bytes=$( { /usr/bin/time -o "$work/time.txt" -f "%e %U %S %M" timeout "$limit" "$@" 2>/dev/null || echo $? >"$work/status.txt"; } | wc -c)
    if [ -s "$work/status.txt" ]; then status=$(cat "$work/status.txt"); rm -f "$work/status.txt"; fi
    if [ "$status" = 124 ]; then
      printf '%-22s   timeout (> %s s)\n' "$name" "$limit"
      eval "W_$key=timeout; T_$key=timeout; M_$key=timeout"
      return
    fi
    out=$(tail -1 "$work/time.txt")
    walls+=("$(echo "$out" | awk '{print $1}')")
    times+=("$(echo "$out" | awk '{printf "%.3f", $2 + $3}')")
    mems+=("$(echo "$out" | awk '{print $4}')")
  done
  local w t m
  w=$(printf '%s\n' "${walls[@]}" | median)
  t=$(printf '%s\n' "${times[@]}" | median)
  m=$(printf '%s\n' "${mems[@]}" | median)
  printf '%-24s %8s s wall %8s s CPU %9s MiB %12s bytes out\n' "$name" "$w" "$t" "$(awk -v m="$m" 'BEGIN {printf "%.1f", m/1024}')" "$bytes"
  eval "W_$key=$w; T_$key=$t; M_$key=$m"
}
ratio() {
  if [ "$1" = timeout ] || [ "$2" = timeout ]; then echo "  -  "; else awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", a/b}'; fi
}

cache="$work/cache"
rm -rf "$cache"
$bin check --quiet --cache "$cache" "$work/x1" || true  # fills the cache for the warm runs

echo "median of $runs runs: wall seconds, CPU seconds (user+sys), peak resident memory"
measure event_floor_x1 target/release/examples/event_floor "$work/x1"
measure parse_plain_x1 target/release/examples/parse_floor "$work/x1"
measure check_x1 $bin check --quiet --no-cache "$work/x1"
measure check_warm_x1 $bin check --quiet --cache "$cache" "$work/x1"
measure check_x2 $bin check --quiet --no-cache "$work/x2"
measure pairs_warm_x1 $bin conflicts --pairs --format jsonl --cache "$cache" "$work/x1"
measure pairs_json_warm_x1 $bin conflicts --pairs --format json --cache "$cache" "$work/x1"
if python3 -c 'import yaml, networkx' 2>/dev/null; then
  # The peer takes minutes (PyYAML reads 37 MB at under 1 MB/s): its own limit.
  limit=${PEER_TIMEOUT:-3600} measure peer_x1 python3 benches/peer.py "$work/x1"
else
  echo "peer_x1: needs python3 with PyYAML and networkx (pip install pyyaml networkx)"; W_peer_x1=timeout
fi
if [ "${ONLY:-}" != loader ]; then
  for q in conflicts overlaps coalitions; do
    measure "${q}_x1" $bin $q --format json --no-cache "$work/x1"
  done
  measure render_x1 $bin render --map overview --quiet --no-cache "$work/x1"
fi

size_kib=$(du -sk "$work/x1" | cut -f1)
echo
echo "ratios (wall time unless marked)"
echo "check / event-parse floor     $(ratio "$W_check_x1" "$W_event_floor_x1")   (target ≤ 1.5)"
echo "check / serde-saphyr plain    $(ratio "$W_check_x1" "$W_parse_plain_x1")   (no target; the floor of issue 9)"
echo "peak memory / record on disk  $(ratio "$M_check_x1" "$size_kib")   (target ≤ 6; record $(awk -v k="$size_kib" 'BEGIN {printf "%.1f", k/1024}') MiB)"
echo "check x2 / x1 time            $(ratio "$W_check_x2" "$W_check_x1")   (target ≤ 2.1; CPU $(ratio "$T_check_x2" "$T_check_x1"))"
echo "check x2 / x1 peak memory     $(ratio "$M_check_x2" "$M_check_x1")   (target ≤ 2.1)"
echo "check warm / cold             $(ratio "$W_check_warm_x1" "$W_check_x1")   (target ≤ 0.25)"
echo "peer.py / conflicts --pairs warm  $(ratio "$W_peer_x1" "$W_pairs_warm_x1")   (target ≥ 30; both write JSON lines; CPU $(ratio "$T_peer_x1" "$T_pairs_warm_x1"))"
echo "peer.py / --pairs --format json   $(ratio "$W_peer_x1" "$W_pairs_json_warm_x1")   (no target; a pretty document, 1.6× the bytes)"
if [ "${ONLY:-}" != loader ]; then
  for q in conflicts overlaps coalitions; do
    v="T_${q}_x1"; printf '%-30s%s   (CPU; target ≤ 2)\n' "$q / check" "$(ratio "${!v}" "$T_check_x1")"
  done
  echo "render overview / check       $(ratio "$T_render_x1" "$T_check_x1")   (CPU; no target; DOT of at most 150 nodes)"
fi

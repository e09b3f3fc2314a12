#!/usr/bin/env bash
# Whole-process comparison on a synthetic record (issue targets in brackets):
#   check        vs serde-saphyr's plain parse of the same files   [≤ 1.5×]
#   conflicts, overlaps, coalitions vs check                      [≤ 2×]
#   the record doubled vs the record                               [≤ 2.2× time and peak memory]
#   peak memory vs the record's size on disk                       [≤ 10×]
# Usage: bash benches/compare.sh [RUNS]   (default 3 runs each; medians are quoted)
# Needs GNU time (/usr/bin/time, Debian package `time`); installs it when root.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}
if [ ! -x /usr/bin/time ]; then
  if [ "$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq time >/dev/null; else echo "needs /usr/bin/time (apt-get install time)" >&2; exit 2; fi
fi
cargo build --release --quiet --bin stancemap --example parse_floor
bin=target/release/stancemap
floor=target/release/examples/parse_floor
work=target/bench-records
mkdir -p "$work"
# The issue's size: 5,000 actors, 2,000 issues, 100,000 positions, 20,000 demands,
# 10,000 concessions in 50 files; and the same doubled.
[ -f "$work/x1/actors.yaml" ] || $bin synth --quiet -o "$work/x1" --actors 5000 --issues 2000 --positions 100000 --demands 20000 --concessions 10000 --files 50
[ -f "$work/x2/actors.yaml" ] || $bin synth --quiet -o "$work/x2" --actors 10000 --issues 4000 --positions 200000 --demands 40000 --concessions 20000 --files 100

# measure NAME CMD...: median user+sys seconds, median peak KiB and the bytes the
# command writes, over $runs runs. A run longer than $limit seconds is stopped and
# the command reported as "timeout" (a query whose answer explodes must not hang
# the comparison).
limit=${COMPARE_TIMEOUT:-120}
measure() {
  local name=$1; shift
  local times=() mems=() bytes=0 status
  for _ in $(seq "$runs"); do
    local out
    # GNU time writes its figures to a file of its own; the command's answer is
    # only counted, its diagnostics dropped.
    status=0
    bytes=$( { /usr/bin/time -o "$work/time.txt" -f "%U %S %M" timeout "$limit" "$@" 2>/dev/null || echo $? >"$work/status.txt"; } | wc -c)
    if [ -s "$work/status.txt" ]; then status=$(cat "$work/status.txt"); rm -f "$work/status.txt"; fi
    if [ "$status" = 124 ]; then
      printf '%-22s   timeout (> %s s)\n' "$name" "$limit"
      eval "T_${name//[^a-zA-Z0-9]/_}=timeout; M_${name//[^a-zA-Z0-9]/_}=timeout"
      return
    fi
    out=$(tail -1 "$work/time.txt")
    times+=("$(echo "$out" | awk '{printf "%.3f", $1 + $2}')")
    mems+=("$(echo "$out" | awk '{print $3}')")
  done
  local t m
  t=$(printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  m=$(printf '%s\n' "${mems[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  printf '%-22s %9s s %9s MiB %12s bytes out\n' "$name" "$t" "$(awk -v m="$m" 'BEGIN {printf "%.1f", m/1024}')" "$bytes"
  eval "T_${name//[^a-zA-Z0-9]/_}=$t; M_${name//[^a-zA-Z0-9]/_}=$m"
}

echo "median of $runs runs, CPU seconds (user+sys) and peak resident memory"
measure parse_x1 $floor "$work/x1"
measure check_x1 $bin check --quiet "$work/x1"
for q in conflicts overlaps coalitions; do
  if $bin $q --help >/dev/null 2>&1; then measure "${q}_x1" $bin $q --format json "$work/x1"; fi
done
measure render_x1 $bin render --map overview --quiet "$work/x1"
measure check_x2 $bin check --quiet "$work/x2"

size_kib=$(du -sk "$work/x1" | cut -f1)
ratio() {
  if [ "$1" = timeout ]; then echo "  >  "; else awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", a/b}'; fi
}
echo
echo "ratios"
echo "check / parse                 $(ratio "$T_check_x1" "$T_parse_x1")   (target ≤ 1.5)"
for q in conflicts overlaps coalitions; do
  v="T_${q}_x1"; [ -n "${!v:-}" ] && printf '%-30s%s   (target ≤ 2)\n' "$q / check" "$(ratio "${!v}" "$T_check_x1")"
done
echo "render overview / check       $(ratio "$T_render_x1" "$T_check_x1")   (no target; DOT of at most 150 nodes)"
echo "check x2 / x1 time            $(ratio "$T_check_x2" "$T_check_x1")   (target ≤ 2.2)"
echo "check x2 / x1 peak memory     $(ratio "$M_check_x2" "$M_check_x1")   (target ≤ 2.2)"
echo "peak memory / record on disk  $(ratio "$M_check_x1" "$size_kib")   (target ≤ 10; record $(awk -v k="$size_kib" 'BEGIN {printf "%.1f", k/1024}') MiB)"

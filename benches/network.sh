#!/usr/bin/env bash
# Whole-process timings of the discourse networks on the 100k-position synthetic
# record (issue 17's targets in brackets):
#   network --kind congruence (issue counts)   vs check            [≤ 1.5×]
#   a 12-window series (--window 1m over 2025)  vs check            [≤ 3×]
#   the same live congruence count in Python with networkx
#   (benches/peer_network.py)                   vs stancemap network [≥ 20× slower],
#   cold (both parse every file) and warm (stancemap's cache of parsed files)
#   peak memory of network vs check (linear in parties + edges)
# Usage: bash benches/network.sh [RUNS]   (default 3 runs each; medians quoted)
# Needs GNU time (/usr/bin/time), python3 with networkx and PyYAML.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}
command -v /usr/bin/time >/dev/null || { echo "needs /usr/bin/time (apt-get install time)" >&2; exit 2; }
cargo build --release --quiet --bin stancemap
bin=target/release/stancemap
work=target/bench-records
mkdir -p "$work"
[ -f "$work/x1/actors.yaml" ] || $bin synth --quiet -o "$work/x1" --actors 5000 --issues 2000 --positions 100000 --demands 20000 --concessions 10000 --files 50
rec=$work/x1

# measure NAME CMD...: median user+sys seconds and median peak KiB over $runs runs.
measure() {
  local name=$1; shift
  local times=() mems=()
  for _ in $(seq "$runs"); do
    /usr/bin/time -o "$work/time.txt" -f "%U %S %M" "$@" >/dev/null 2>&1
    times+=("$(tail -1 "$work/time.txt" | awk '{printf "%.3f", $1 + $2}')")
    mems+=("$(tail -1 "$work/time.txt" | awk '{print $3}')")
  done
  local t m
  t=$(printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  m=$(printf '%s\n' "${mems[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  printf '%-24s %8s s %9s MiB\n' "$name" "$t" "$(awk -v m="$m" 'BEGIN {printf "%.1f", m/1024}')"
  eval "T_$name=$t; M_$name=$m"
}

echo "median of $runs runs: CPU seconds (user+sys), peak resident memory"
# The cache is off throughout: every command parses the record, as the peer does.
measure check $bin check --quiet --no-cache "$rec"
measure network $bin network --quiet --no-cache --kind congruence --format json "$rec"
measure series12 $bin network --quiet --no-cache --kind congruence --window 1m --from 2025-01-01 --to 2025-12-31 --format json "$rec"
measure peer python3 benches/peer_network.py "$rec"
# As a user runs it a second time: the parsed files come from the warm cache.
cache=$work/network-cache
$bin network --quiet --cache "$cache" --kind congruence --format json "$rec" >/dev/null
measure network_warm $bin network --quiet --cache "$cache" --kind congruence --format json "$rec"

ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", a/b}'; }
echo
echo "network / check         $(ratio "$T_network" "$T_check")   (target ≤ 1.5)"
echo "12 windows / check      $(ratio "$T_series12" "$T_check")   (target ≤ 3)"
echo "peer / network          $(ratio "$T_peer" "$T_network")   (target ≥ 20; both parse the YAML)"
echo "peer / network (warm)   $(ratio "$T_peer" "$T_network_warm")   (stancemap's second run, cache warm)"
echo "network / check memory  $(ratio "$M_network" "$M_check")"

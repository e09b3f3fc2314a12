#!/usr/bin/env bash
# Every map kind on the 100k-position synthetic record (issue 15's scale targets in brackets):
#   stancemap render --map KIND -o FILE.dot     whole process, load included   [DOT < 5 s]
#   dot -Tsvg FILE.dot                          Graphviz layout of the capped map [< 30 s]
# and `check` on the same record, the load alone, for comparison. Each map says on
# itself what its caps cut (`Cut: …` under the title); the script prints that line.
# Usage: bash benches/maps.sh [RUNS]   (default 3 runs each; medians of wall and CPU seconds)
# Needs GNU time (/usr/bin/time) and Graphviz's `dot`.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}
cargo build --release --quiet --bin stancemap
bin=target/release/stancemap
work=target/bench-records
mkdir -p "$work/maps"
# The same record as benches/compare.sh: 5,000 actors, 2,000 issues, 100,000
# positions, 20,000 demands, 10,000 concessions in 50 files.
[ -f "$work/x1/actors.yaml" ] || $bin synth --quiet -o "$work/x1" --actors 5000 --issues 2000 --positions 100000 --demands 20000 --concessions 10000 --files 50
record=$work/x1
# The first top-level issue and the first actor of the record, for the issue and actor maps.
issue=$(awk '/^- id:|^  - id:/ {print $NF; exit}' "$record"/issues*.yaml)
actor=$(awk '/^- id:|^  - id:/ {print $NF; exit}' "$record"/actors*.yaml)

# median SECONDS of "$@" over $runs runs (wall clock, as a reader waits); the
# median CPU seconds (user+sys) of the same runs are left in $cpu, since on a
# shared machine wall time says as much about the neighbours as about us.
median() {
  local times=() cpus=()
  for _ in $(seq "$runs"); do
    /usr/bin/time -o "$work/maps/time.txt" -f "%e %U %S" "$@" >/dev/null 2>&1
    times+=("$(awk '{print $1}' "$work/maps/time.txt")")
    cpus+=("$(awk '{printf "%.2f", $2 + $3}' "$work/maps/time.txt")")
  done
  cpu=$(printf '%s\n' "${cpus[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'
}

echo "record: $record (issue map: $issue, actor map: $actor); median of $runs runs, wall seconds"
median $bin check --quiet "$record" >"$work/maps/wall.txt"
printf '%-28s %8s %8s\n' "check (load alone)" "$(cat "$work/maps/wall.txt")" "$cpu"
printf '%-28s %8s %8s %8s %7s %7s  %s\n' map "DOT s" "DOT cpu" "dot s" nodes edges "cut (said on the map)"
for map in overview conflicts coalitions demands timeline "issue:$issue" "actor:$actor"; do
  out="$work/maps/${map//[:]/-}.dot"
  median $bin render --quiet "$record" --map "$map" -o "$out" >"$work/maps/wall.txt"
  t=$(cat "$work/maps/wall.txt") c=$cpu
  l=$(median dot -Tsvg "$out" -o "$out.svg")
  nodes=$(grep -cE '^\s*"[^"]+" \[' "$out" || true)
  edges=$(grep -c ' -> ' "$out" || true)
  cut=$(grep -o 'Cut: [^"]*' "$out" | head -1 | cut -c6- | sed 's/\\n.*//' || true)
  printf '%-28s %8s %8s %8s %7s %7s  %s\n' "$map" "$t" "$c" "$l" "$nodes" "$edges" "${cut:-none}"
done

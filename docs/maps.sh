#!/usr/bin/env bash
# Regenerates the PNGs of docs/maps.md: the six map kinds of the bundled record.
# Usage: bash docs/maps.sh   (needs Graphviz's `dot`; builds stancemap if needed)
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p docs/maps
for map in overview conflicts coalitions demands timeline issue:ukraine-territory; do
  cargo run --quiet --release -- render data --map "$map" -o "docs/maps/${map/:/-}.png"
done

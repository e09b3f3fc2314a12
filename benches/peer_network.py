#!/usr/bin/env python3
"""The live congruence network of a stancemap record, computed with networkx:
the peer that `stancemap network --kind congruence` is measured against.

Reads every *.yaml file of the record (PyYAML's C loader when present), folds
people into their party (first `member_of` up the chain), keeps each party's
latest position per issue (a later date wins; ambiguous points no way,
conditional counts as support), and weighs each pair of parties by the number
of issues on which they are on the same side: the count stancemap makes by
default. Prints the seconds taken by each stage and the edge count.

Usage: python3 benches/peer_network.py RECORD_DIR [--out edges.csv]
"""
import glob
import os
import sys
import time
from itertools import combinations

import networkx as nx
import yaml

Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def main():
    record = sys.argv[1]
    out = sys.argv[sys.argv.index("--out") + 1] if "--out" in sys.argv else None
    t0 = time.perf_counter()
    actors, positions = {}, []
    for path in sorted(glob.glob(os.path.join(record, "*.yaml"))):
        with open(path, encoding="utf-8") as f:
            doc = yaml.load(f, Loader=Loader) or {}
        for a in doc.get("actors") or []:
            actors[a["id"]] = a
        positions.extend(doc.get("positions") or [])
    t1 = time.perf_counter()

    def party(a):
        seen = 0
        while actors.get(a, {}).get("kind") == "person" and actors[a].get("member_of") and seen < len(actors):
            a = actors[a]["member_of"][0]
            seen += 1
        return a

    def observer(a):
        x = actors.get(a, {})
        return x.get("kind") == "analyst" or x.get("observer") is True

    latest = {}
    for p in positions:
        who = party(p["actor"])
        if observer(who) or observer(p["actor"]):
            continue
        key = (who, p["issue"])
        date = str(p["date"])
        if key not in latest or latest[key][0] <= date:
            latest[key] = (date, p["stance"])
    sides = {}
    for (who, issue), (_, stance) in latest.items():
        side = {"support": 0, "conditional": 0, "oppose": 1}.get(stance)
        if side is not None:
            sides.setdefault((issue, side), []).append(who)
    g = nx.Graph()
    for members in sides.values():
        for a, b in combinations(sorted(members), 2):
            if g.has_edge(a, b):
                g[a][b]["weight"] += 1
            else:
                g.add_edge(a, b, weight=1)
    t2 = time.perf_counter()
    if out:
        with open(out, "w") as f:
            f.write("a,b,weight\n")
            for a, b, d in sorted((min(a, b), max(a, b), d) for a, b, d in g.edges(data=True)):
                f.write(f"{a},{b},{d['weight']}\n")
    t3 = time.perf_counter()
    print(f"load {t1 - t0:.2f} s, network {t2 - t1:.2f} s, write {t3 - t2:.2f} s, total {t3 - t0:.2f} s; {g.number_of_edges()} edges")


if __name__ == "__main__":
    main()

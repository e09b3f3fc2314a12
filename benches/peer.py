#!/usr/bin/env python3
"""The script an analyst would write instead of `stancemap conflicts --pairs`:
the peer that issue 16's warm-cache target is measured against.

Reads every *.yaml file of the record with PyYAML's C loader (the fastest PyYAML
has), folds people into their party (first `member_of` up the chain of people),
leaves observers out (kind analyst or `observer: true`), and takes each party's
current stance on each issue as stancemap does in outline: its latest claims
(positions, and demands still open, of the latest date) decide its side
(support and conditional for, oppose against; ambiguous no side), and older open
demands pointing the same way stay behind it. The parties are nodes of a
networkx graph with an edge per issue they are opposed on; every pair of claims
across each edge is written as one JSON line (kind, issue, a, b, both claims
with their sources), as `conflicts --pairs --format json` writes its rows.
Like any such script it skips what stancemap adds (validation, sub-issue
polarity, named `conflicts_with`, severity order), so its row count is close to,
not equal to, stancemap's; the figures compare the work, not the answers.

Usage: python3 benches/peer.py RECORD_DIR > pairs.jsonl
Prints the seconds taken by each stage and the row count on stderr.
"""
import glob
import json
import os
import sys
import time

import networkx as nx
import yaml

Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
SIDE = {"support": 1, "conditional": 1, "oppose": -1}


def main():
    record = sys.argv[1]
    t0 = time.perf_counter()
    sections = {k: [] for k in ("actors", "issues", "positions", "demands")}
    for path in sorted(glob.glob(os.path.join(record, "*.yaml"))):
        with open(path, encoding="utf-8") as f:
            for doc in yaml.load_all(f, Loader=Loader):
                for key, entries in (doc or {}).items():
                    if key in sections and entries:
                        sections[key].extend(entries)
    t1 = time.perf_counter()

    actors = {a["id"]: a for a in sections["actors"]}

    def party(a):
        steps = 0
        while actors.get(a, {}).get("kind") == "person" and actors[a].get("member_of") and steps < len(actors):
            up = actors[a]["member_of"]
            a = up[0] if isinstance(up, list) else up
            steps += 1
        return a

    def observer(a):
        x = actors.get(a, {})
        return x.get("kind") == "analyst" or x.get("observer") is True

    # Claims per (party, issue): (date, kind, side, claim as written out).
    claims = {}
    for p in sections["positions"]:
        who = party(p["actor"])
        side = SIDE.get(p.get("stance"))
        if observer(who) or observer(p["actor"]):
            continue
        claims.setdefault((who, p["issue"]), []).append((str(p["date"]), "position", side, p))
    for d in sections["demands"]:
        if d.get("status", "open") != "open":
            continue
        who = party(d["by"])
        if observer(who) or observer(d["by"]):
            continue
        side = SIDE.get(d.get("stance"))
        claims.setdefault((who, d["issue"]), []).append((str(d["date"]), "demand", side, d))

    # Each party's stance per issue: the side of its latest claims, and the
    # claims behind it.
    sides = {}
    for (who, issue), found in claims.items():
        latest = max(c[0] for c in found)
        now = [c for c in found if c[0] == latest]
        side = now[0][2] if all(c[2] == now[0][2] for c in now) else None
        if side is None:
            continue
        behind = now + [c for c in found if c[0] != latest and c[1] == "demand" and c[2] == side]
        sides.setdefault(issue, {1: [], -1: []})[side].append((who, behind))

    g = nx.MultiGraph()
    for issue, camp in sides.items():
        for a, a_claims in camp[1]:
            for b, b_claims in camp[-1]:
                g.add_edge(a, b, issue=issue, a=a, b=b, claims=(a_claims, b_claims))
    t2 = time.perf_counter()

    def claim(c):
        _, kind, _, body = c
        text = body.get("summary") or body.get("text")
        return {"kind": kind, "id": body.get("id"), "actor": body.get("actor") or body.get("by"),
                "stance": body.get("stance"), "date": c[0], "text": text, "sources": body.get("sources")}

    rows = 0
    out = sys.stdout
    for _, _, e in sorted(g.edges(data=True), key=lambda e: (e[2]["issue"], e[2]["a"], e[2]["b"])):
        a_claims, b_claims = e["claims"]
        for ca in a_claims:
            for cb in b_claims:
                kinds = {ca[1], cb[1]}
                kind = "opposed-positions" if kinds == {"position"} else (
                    "demand-vs-demand" if kinds == {"demand"} else "demand-vs-position")
                out.write(json.dumps({"kind": kind, "issue": e["issue"], "a": e["a"], "b": e["b"],
                                      "claim_a": claim(ca), "claim_b": claim(cb)}) + "\n")
                rows += 1
    t3 = time.perf_counter()
    print(f"load {t1 - t0:.2f} s, pairs {t2 - t1:.2f} s, write {t3 - t2:.2f} s, total {t3 - t0:.2f} s; {rows} rows",
          file=sys.stderr)


if __name__ == "__main__":
    main()

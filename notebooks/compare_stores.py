#!/usr/bin/env python3
"""Compares two `flowverify sweep` stores of the same runs made by two tool versions (or two
policies): runs are matched by their coordinates (m, d, n, ε, bias, activation, initialization,
data seed, initialization seed), not by hash, since the hash includes the tool version. Prints,
per width m and in all: the runs in both, how many have the same outcome, each change of outcome
(old → new, with its count), the runs escalated in either, and the CPU time (`cpu_seconds`) of
both stores' matched runs, in all and over the runs escalated in either, with the ratio new/old.
Runs without a CPU time in either store are left out of the time sums (their count is printed).
Usage: compare_stores.py OLD.sqlite NEW.sqlite"""
import sqlite3
import sys
from collections import Counter, defaultdict

KEY = ("width", "input_dimension", "sample_size", "scale", "bias", "activation", "initialization",
       "data_seed", "initialization_seed")


def runs(path):
    columns = ", ".join(KEY + ("outcome", "escalated", "cpu_seconds", "tool_version"))
    rows = {}
    try:
        db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        for r in db.execute(f"select {columns} from runs"):
            key = r[:len(KEY)]
            if key in rows:
                raise SystemExit(f"compare_stores.py: {path} has two runs with the coordinates {key}")
            rows[key] = r[len(KEY):]
        db.close()
    except sqlite3.Error as error:
        raise SystemExit(f"compare_stores.py: {path} is not a readable sweep store: {error}")
    return rows


def hours(seconds):
    return f"{seconds / 3600:.3f} h"


def ratio(new, old):
    return f"{new / old:.3f}" if old > 0 else "–"


def summary(label, pairs):
    same = sum(1 for o, n in pairs if o[0] == n[0])
    changes = Counter(f"{o[0]} → {n[0]}" for o, n in pairs if o[0] != n[0])
    escalated = [(o, n) for o, n in pairs if o[1] or n[1]]
    timed = [(o, n) for o, n in pairs if o[2] is not None and n[2] is not None]
    untimed = len(pairs) - len(timed)
    old_all, new_all = sum(o[2] for o, _ in timed), sum(n[2] for _, n in timed)
    timed_escalated = [(o, n) for o, n in timed if o[1] or n[1]]
    old_esc, new_esc = sum(o[2] for o, _ in timed_escalated), sum(n[2] for _, n in timed_escalated)
    text = ", ".join(f"{c}: {k}" for c, k in sorted(changes.items())) or "none"
    print(f"{label}: {len(pairs)} runs in both, the same outcome in {same} (changed: {text}); "
          f"escalated in either: {len(escalated)} (old {sum(1 for o, _ in pairs if o[1])}, "
          f"new {sum(1 for _, n in pairs if n[1])}); CPU time new {hours(new_all)} against old {hours(old_all)} "
          f"(ratio {ratio(new_all, old_all)}), in the runs escalated in either {hours(new_esc)} against "
          f"{hours(old_esc)} (ratio {ratio(new_esc, old_esc)})"
          + (f"; {untimed} runs without a CPU time in one store left out of the times" if untimed else ""))


def main():
    if len(sys.argv) != 3:
        raise SystemExit(__doc__)
    old, new = runs(sys.argv[1]), runs(sys.argv[2])
    versions = lambda rows: ", ".join(sorted({v[3] for v in rows.values()})) or "none"
    both = sorted(set(old) & set(new))
    print(f"old: {sys.argv[1]} ({len(old)} runs, tool version {versions(old)}); "
          f"new: {sys.argv[2]} ({len(new)} runs, tool version {versions(new)})")
    by_width = defaultdict(list)
    for key in both:
        by_width[key[0]].append((old[key], new[key]))
    for m in sorted(by_width):
        summary(f"m = {m}", by_width[m])
    summary("all", [(old[k], new[k]) for k in both])


if __name__ == "__main__":
    main()

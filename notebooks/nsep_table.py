#!/usr/bin/env python3
"""The measured n_sep(m, d) of a `flowverify sweep report` as one table, for the groups whose runs
have all finished (`complete_groups.py`): a row per width m and bias b, a column per input
dimension d, each cell n_sep with its range at the report's level in report.md's notation
("– ≥ 7": no n of the sweep reaches the level, 7 the least n that still may). A cell gives one
value when every scale ε of the sweep gives the same estimate and range, and each ε's otherwise
(so the table shows whether the map depends on ε); a sweep with several activations or
initialization families gets a row for each, named by them; "…" marks an (m, d, b) with a group not yet
finished, and a cell of the grid the report has no group for is empty. A second table, in the same
form, gives the report's n_opt: the least n with a certified recovery, which for m ≥ 2 is the
paper's reading of n_sep ("positive measure", README, "Threshold maps").

Below it, per candidate formula of n_sep and width m, in how many of the complete groups it holds, fails and is
undecided in (the report's judgements, candidates.csv).
Usage: nsep_table.py REPORT_DIR SWEEP_FILE"""
import csv
import os
import sys
from collections import defaultdict

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from complete_groups import complete_groups  # noqa: E402


def estimate(row, quantity):
    """n_sep or n_opt and its range as report.md writes them: "4 [3, 4]", "5", "– ≥ 7", "– outside
    the grid", with "(not monotone: n = …)" when the report flags it."""
    value, lower, upper = row[quantity], row[f"{quantity}_lower"], row[f"{quantity}_upper"]
    if lower and upper:
        bounds = lower if lower == upper else f"[{lower}, {upper}]"
    elif lower or upper:
        bounds = f"≥ {lower}" if lower else f"≤ {upper}"
    else:
        bounds = "outside the grid"
    if row[f"{quantity}_not_monotone_at"]:
        bounds += f" (not monotone: n = {', '.join(row[f'{quantity}_not_monotone_at'].split())})"
    return bounds if value and bounds == value else f"{value or '–'} {bounds}"


def key_of(row):
    return int(row["m"]), int(row["d"]), row["bias"] == "1", row["activation"], row["scale"]


def main():
    if len(sys.argv) != 3:
        raise SystemExit(__doc__.rsplit("\n", 1)[-1])
    report, sweep_file = sys.argv[1], sys.argv[2]
    for name in ("thresholds.csv", "candidates.csv", "cells.csv", "report.md"):
        if not os.path.isfile(os.path.join(report, name)):
            raise SystemExit(f"nsep_table.py: {report} is not a sweep report (no {name})")
    complete = complete_groups(report, sweep_file)
    rows = list(csv.DictReader(open(os.path.join(report, "thresholds.csv"), newline="")))
    level = ", ".join(sorted({r["level"] for r in rows}))
    print_table(f"n_sep at level {level}", "n_sep", rows, complete)
    print_table("n_opt, the least n with a certified recovery (for m ≥ 2 the paper's n_sep)", "n_opt", rows, complete)
    print(f"{len(complete)} groups finished, {len({key_of(r) for r in rows} - complete)} not yet.\n")
    print_candidates(report, complete)


def print_table(title, quantity, rows, complete):
    # (m, b, activation, initialization family) → d → ε → estimate, or None if not finished
    by_cell = defaultdict(dict)
    for r in rows:
        m, d, b, activation, scale = key_of(r)
        row = (m, b, activation, r["initialization"])
        by_cell[row].setdefault(d, {})[scale] = estimate(r, quantity) if key_of(r) in complete else None
    dimensions = sorted({key_of(r)[1] for r in rows})
    print(f"{title}:\n")
    print("| m | bias | " + " | ".join(f"d = {d}" for d in dimensions) + " |")
    print("|---:|:---:|" + "---|" * len(dimensions))
    for row in sorted(by_cell):
        m, b = row[0], row[1]
        cells = [cell(by_cell[row].get(d)) for d in dimensions]
        # The activation and the family (canonical JSON, seed left out) where the sweep has several.
        told = [row[i] for i in (2, 3) if len({k[i] for k in by_cell}) > 1]
        name = f"{m} ({', '.join(told)})" if told else f"{m}"
        print(f"| {name} | {'yes' if b else 'no'} | " + " | ".join(cells) + " |")
    print()


def cell(by_scale):
    if not by_scale:
        return ""
    if any(v is None for v in by_scale.values()):
        return "…"
    if len(set(by_scale.values())) == 1:
        return next(iter(by_scale.values()))
    return "; ".join(f"ε = {s}: {v}" for s, v in sorted(by_scale.items()))


def print_candidates(report, complete):
    counts = defaultdict(lambda: defaultdict(int))     # (formula, m) → judgement → groups
    for r in csv.DictReader(open(os.path.join(report, "candidates.csv"), newline="")):
        if r["quantity"] == "n_sep" and key_of(r) in complete:
            counts[(r["formula"], int(r["m"]))][r["judgement"]] += 1
    print("| n_sep candidate | m | holds | fails | undecided |")
    print("|---|---:|---:|---:|---:|")
    for (formula, m), by in counts.items():
        print(f"| {formula} | {m} | {by['holds']} | {by['fails']} | {by['undecided']} |")


if __name__ == "__main__":
    main()

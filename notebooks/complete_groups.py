#!/usr/bin/env python3
"""The threshold and candidate-formula rows of a `flowverify sweep report` (report.md, "Thresholds"
and "Candidate formulas") for the groups whose runs have all finished, for a report of a store
that is still being filled: a group (m, d, bias, ε, …) is complete when it has a cell for every n
of the sweep file's n range at that (m, d, b) and every cell holds the sweep's number of draws.
Prints each table (header and the rows of complete groups) and, below it, how many rows are left
out.

The sweep file gives the n axis (a range "n": {"from": …, "to": …} or a list, of integer forms in
m, d and b such as "3d + 2"; a file that is not a sweep file is refused with one line, exit 1) and the draws (seeds.data.count, or the length of its list).
Usage: complete_groups.py REPORT_DIR SWEEP_FILE"""
import csv
import json
import re
import sys
from collections import defaultdict


def form(text, m, d, b):
    """An integer form in m, d, b ("3d + 2", "m + 2d - 1")."""
    if not re.fullmatch(r"[0-9mdb+\-*() ]+", text):
        raise SystemExit(f"complete_groups.py: not an integer form in m, d, b: {text!r}")
    return int(eval(re.sub(r"(\d)\s*([mdb(])", r"\1*\2", text), {"__builtins__": {}}, {"m": m, "d": d, "b": b}))


def main():
    if len(sys.argv) != 3:
        raise SystemExit(__doc__)
    report, sweep_file = sys.argv[1], sys.argv[2]
    complete = complete_groups(report, sweep_file)
    lines = open(f"{report}/report.md").read().split("\n")
    for section in ("Thresholds", "Candidate formulas"):
        table, rows = section_table(lines, section), []
        for line in table[2:]:
            if label_key(line.split("|")[1]) in complete:
                rows.append(line)
        print(f"{section}:\n")
        print("\n".join(table[:2] + rows))
        print(f"\n{len(rows)} rows of complete groups listed, {len(table) - 2 - len(rows)} left out.\n")


def complete_groups(report, sweep_file):
    """The (m, d, bias, activation, ε) of the report's groups whose runs have all finished."""
    try:
        spec = json.load(open(sweep_file))
        n_range = spec["axes"]["n"]
        seeds = spec["seeds"]["data"]
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise SystemExit(f"{sweep_file}: not a sweep file with an n range and data seeds ({error})")
    draws = int(seeds["count"]) if isinstance(seeds, dict) else len(seeds)
    cells = defaultdict(dict)
    with open(f"{report}/cells.csv", newline="") as f:
        for r in csv.DictReader(f):
            key = (r["m"], r["d"], r["bias"], r["activation"], r["scale"], r["initialization"])
            cells[key][int(r["n"])] = int(r["runs"])
    # A report.md label names m, d, bias, activation and ε, and the initialization family only by
    # name, so a label counts as complete when every group it may stand for is.
    complete, incomplete = set(), set()
    for key, by_n in cells.items():
        m, d, b = int(key[0]), int(key[1]), int(key[2])
        wanted = ([form(v, m, d, b) for v in n_range] if isinstance(n_range, list)
                  else range(form(n_range["from"], m, d, b), form(n_range["to"], m, d, b) + 1))
        finished = all(by_n.get(n) == draws for n in wanted)
        (complete if finished else incomplete).add((m, d, b == 1, key[3], key[4]))
    return complete - incomplete


def label_key(label):
    """(m, d, bias, activation, ε) of a report.md group label, "m=2 d=3 bias tanh ε=1e-6 gaussian"."""
    words = label.split()
    bias = words[2] == "bias"
    return (int(words[0].removeprefix("m=")), int(words[1].removeprefix("d=")), bias, words[3 if bias else 2],
            re.search(r"ε=(\S+)", label).group(1))


def section_table(lines, section):
    """The first markdown table under "## section" (header, rule and rows)."""
    start = lines.index(f"## {section}")
    table = []
    for line in lines[start + 1:]:
        if line.startswith("|"):
            table.append(line)
        elif table or line.startswith("## "):
            break
    return table


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Prices the rest of a sweep from two `flowverify sweep report` directories (their cells.csv):

  PILOT      a report of a double-only pilot of the sweep (sweeps/nsep-law-m3-4-double.json): per
             (m, d), the share of runs the double fast path leaves undecided, which the full
             sweep's policy would escalate, with a 95 % Clopper–Pearson interval (the widest of
             the per-ε ones, `share_interval`), and the CPU time of a double run;
  ESCALATED  a report of a store whose escalated runs have measured CPU times (`cpu_seconds`):
             the mean CPU time of an escalated run, per (m, d) where the store has some, else
             over its whole width m, else over the whole store.

The full sweep has DRAWS draws where the pilot has PILOT_DRAWS, on the same grid, so each (m, d)
has DRAWS / PILOT_DRAWS times the pilot's runs; its CPU time is that many double runs plus the
escalated share times the escalated cost (with the share's interval). A pilot that is one shard
1/K of the sweep (`sweep run --shard 1/K`: every K-th run, round-robin over the grid) has the
same shape: PILOT_DRAWS = 1, DRAWS = K. Prints a markdown table.
With a fifth argument, a report of the full sweep's own store (where it has run), the table also
shows the share of that store's runs that were escalated, for the (m, d) it has: a check of the
pilot's estimate.
With --by-width the rows are per width m (every d pooled) instead of per (m, d): for a pilot with
few runs per (m, d), such as one shard of a large sweep, whose per-(m, d) intervals would be too
wide to price anything.
With --full-policy the pilot ran the sweep's whole policy (sweeps/nsep-law-m3-4-pilot.json), so
the share is that of its escalated runs (not of its undecided ones, which escalation may have
decided) and a double run costs what its runs that were not escalated cost; the same report then
serves as ESCALATED, and the prices are all the tool version's that ran the pilot.
Usage: escalation_price.py [--by-width] [--full-policy] PILOT_REPORT ESCALATED_REPORT PILOT_DRAWS DRAWS [FULL_REPORT]"""
import csv
import sys
from collections import defaultdict
from dataclasses import dataclass, field

from scipy.stats import beta


def cells(report):
    try:
        with open(f"{report}/cells.csv", newline="") as f:
            return list(csv.DictReader(f))
    except OSError as error:
        raise SystemExit(f"escalation_price.py: {report} is not a sweep report directory: {error}")


def clopper_pearson(k, n, level=0.95):
    a = (1 - level) / 2
    lower = 0.0 if k == 0 else beta.ppf(a, k, n - k + 1)
    upper = 1.0 if k == n else beta.ppf(1 - a, k + 1, n - k)
    return lower, upper


@dataclass
class PilotCell:
    """One (m, d) of the pilot: its runs and undecided runs, the CPU seconds of the runs with a
    measured CPU time, and [runs, undecided] per scale ε."""
    runs: int = 0
    undecided: int = 0
    cpu_seconds: float = 0.0
    cpu_measured: int = 0
    by_scale: dict = field(default_factory=lambda: defaultdict(lambda: [0, 0]))


def row_key(r, by_width):
    """(m, d) of a cells.csv row, or (m, "all") when pooling every d."""
    return (int(r["m"]), "all" if by_width else int(r["d"]))


def pilot_rows(rows, by_width, full_policy=False):
    """row_key → PilotCell; `undecided` counts the runs left undecided in double: the pilot's
    undecided runs, or with `full_policy` its escalated ones (whose CPU time is then left out of
    the double runs')."""
    out = defaultdict(PilotCell)
    for r in rows:
        s = out[row_key(r, by_width)]
        runs, escalated = int(r["runs"]), int(r["escalated"])
        undecided = escalated if full_policy else int(r["undecided"])
        s.runs += runs; s.undecided += undecided
        s.by_scale[r["scale"]][0] += runs; s.by_scale[r["scale"]][1] += undecided
        if int(r["cpu_measured"]) == runs:
            if full_policy:
                s.cpu_seconds += float(r["cpu_seconds"]) - float(r["escalated_cpu_seconds"])
                s.cpu_measured += runs - escalated
            else:
                s.cpu_seconds += float(r["cpu_seconds"]); s.cpu_measured += runs
    return out


def share_interval(by_scale):
    """The widest of the per-ε intervals: the runs of two scales ε share their seeds and mostly
    their outcome (a near-duplicate, not a second draw), so pooling them would count each draw
    twice and narrow the interval falsely."""
    bounds = [clopper_pearson(k, n) for n, k in by_scale.values()]
    return min(b[0] for b in bounds), max(b[1] for b in bounds)


def escalated_costs(rows):
    """Mean CPU seconds of an escalated run per (m, d), per m, and overall (fully measured cells only)."""
    by = defaultdict(lambda: [0.0, 0])
    for r in rows:
        if int(r["cpu_measured"]) != int(r["runs"]) or int(r["escalated"]) == 0:
            continue
        m, d = int(r["m"]), int(r["d"])
        for key in [(m, d), (m, None), (None, None)]:
            by[key][0] += float(r["escalated_cpu_seconds"]); by[key][1] += int(r["escalated"])
    return {k: (v[0] / v[1], v[1]) for k, v in by.items()}


def escalated_shares(rows, by_width):
    """row_key → (escalated, runs) over a report's cells."""
    out = defaultdict(lambda: [0, 0])
    for r in rows:
        s = out[row_key(r, by_width)]
        s[0] += int(r["escalated"]); s[1] += int(r["runs"])
    return out


def cost_for(costs, m, d):
    for key, label in [((m, d), "this (m, d)"), ((m, None), f"m = {m}"), ((None, None), "all")]:
        if key in costs:
            return costs[key][0], costs[key][1], label
    raise SystemExit("the escalated report has no escalated run with a measured CPU time")


def main():
    flags = {"--by-width", "--full-policy"}
    by_width, full_policy = "--by-width" in sys.argv, "--full-policy" in sys.argv
    args = [a for a in sys.argv[1:] if a not in flags]
    if len(args) not in (4, 5) or not (args[2].isdigit() and args[3].isdigit() and int(args[2]) > 0):
        raise SystemExit(__doc__)
    pilot_report, escalated_report, pilot_draws, draws = args[0], args[1], int(args[2]), int(args[3])
    pilot = pilot_rows(cells(pilot_report), by_width, full_policy)
    costs = escalated_costs(cells(escalated_report))
    full_store = escalated_shares(cells(args[4]), by_width) if len(args) > 4 else {}
    scale = draws / pilot_draws
    print("| m | d | pilot runs | undecided in double | share (95 % CI) | full store's escalated share | double run (s) "
          "| escalated run (s, from) | full runs | projected CPU h (share's CI) |")
    print("|---:|---:|---:|---:|---|---|---:|---|---:|---|")
    total = [0.0, 0.0, 0.0]
    for (m, d) in sorted(pilot):
        cell = pilot[(m, d)]
        runs, undecided = cell.runs, cell.undecided
        lo, hi = share_interval(cell.by_scale)
        per_run = cell.cpu_seconds / cell.cpu_measured if cell.cpu_measured else float("nan")
        esc, count, label = cost_for(costs, m, d)
        full = runs * scale
        hours = [(full * per_run + full * share * esc) / 3600 for share in (undecided / runs, lo, hi)]
        total = [t + h for t, h in zip(total, hours)]
        k, n = full_store.get((m, d), (0, 0))
        check = f"{k}/{n} = {k / n:.3f}" if n else "–"
        print(f"| {m} | {d} | {runs} | {undecided} | {undecided / runs:.3f} ({lo:.3f}–{hi:.3f}) | {check} | {per_run:.2f} "
              f"| {esc:.0f} ({label}, {count} runs) | {full:.0f} | {hours[0]:.1f} ({hours[1]:.1f}–{hours[2]:.1f}) |")
    print(f"| all | | | | | | | | | {total[0]:.1f} ({total[1]:.1f}–{total[2]:.1f}) |")
    runs = sum(c.runs for c in pilot.values()); measured = sum(c.cpu_measured for c in pilot.values())
    cpu = sum(c.cpu_seconds for c in pilot.values())
    which = "runs not escalated" if full_policy else "runs"
    print(f"\nThe pilot: {runs} runs, {cpu / 3600:.2f} CPU h over the {measured} {which} with a measured CPU time.")


if __name__ == "__main__":
    main()

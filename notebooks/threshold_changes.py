#!/usr/bin/env python3
"""The threshold estimates that differ between two `flowverify sweep report` directories (their
thresholds.csv), as a markdown table: for example a store's report against the report of the same
store with re-decided runs put in place of its undecided ones. A group is (m, d, bias, activation,
ε, initialization, level); a range is printed as the README's tables print it: "5" when closed
on one value, "\\[5, 6\\]" (brackets escaped, as in report.md), "≥ 7" when open above, "≤ 7" when open below.
Usage: threshold_changes.py OLD_REPORT NEW_REPORT"""
import csv
import sys

GROUP = ("m", "d", "bias", "activation", "scale", "initialization", "level")


def thresholds(report):
    with open(f"{report}/thresholds.csv", newline="") as f:
        return {tuple(r[k] for k in GROUP): r for r in csv.DictReader(f)}


def estimate(row, name):
    """(estimate, range) of n_opt or n_sep as text."""
    point, lower, upper = row[name], row[f"{name}_lower"], row[f"{name}_upper"]
    if lower and upper:
        span = lower if lower == upper else f"\\[{lower}, {upper}\\]"
    elif lower:
        span = f"≥ {lower}"
    elif upper:
        span = f"≤ {upper}"
    else:
        span = "–"
    return point or "–", span


def group_name(row):
    bias = " bias" if row["bias"] == "1" else ""
    return f"m={row['m']} d={row['d']}{bias} {row['activation']} ε={row['scale']}"


def main():
    old, new = thresholds(sys.argv[1]), thresholds(sys.argv[2])
    print("| group | n\\_opt before | n\\_opt after | n\\_sep before | n\\_sep range before | n\\_sep after | n\\_sep range after |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    changed = 0
    for key in sorted(set(old) & set(new), key=lambda k: (int(k[0]), int(k[1]), k[2], k[3], float(k[4]))):
        a, b = old[key], new[key]
        before = estimate(a, "n_opt") + estimate(a, "n_sep")
        after = estimate(b, "n_opt") + estimate(b, "n_sep")
        if before == after:
            continue
        changed += 1
        print(f"| {group_name(b)} | {before[0]} | {after[0]} | {before[2]} | {before[3]} | {after[2]} | {after[3]} |")
    only = len(set(old) ^ set(new))
    print(f"\n{changed} of {len(set(old) & set(new))} groups changed"
          + (f"; {only} groups are in only one of the two reports." if only else "."))


if __name__ == "__main__":
    main()

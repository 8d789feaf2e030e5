#!/usr/bin/env python3
"""Checks the analysis scripts whose output the README pastes (complete_groups.py,
nsep_table.py, carry_past_guard.py and compare_stores.py) on a real small sweep: the store and
report `make sweep-notebook-check` writes for sweeps/slurm-test.json.

- complete_groups.py lists every group of the full store and none left out; with one run of a
  group deleted (a copy of the store, reported again by FLOWVERIFY) it leaves out exactly that
  group's rows.
- nsep_table.py writes each group's n_sep and n_opt with their ranges as report.md (written by FLOWVERIFY) does,
  and "…" for exactly the group of the deleted run; a second initialization family (added to a
  copy of the report's CSV files) gets rows of its own instead of overwriting the first's cells.
- carry_past_guard.py writes one sweep file per run undecided at the flow-time guard: none for a
  store without such runs; with one run marked so (in a copy), one file whose template is that
  run's problem and whose policy carries the attempts above double to the new guard.
- compare_stores.py finds a store the same as itself, and in a copy with one run's outcome
  changed and its CPU time doubled, that one change and the time it added.
Exit 1 on the first failed check.
Usage: check_analysis_scripts.py SWEEP_DIR FLOWVERIFY   (SWEEP_DIR holds store.sqlite and report/)"""
import csv
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
SPEC = os.path.join(HERE, "..", "sweeps", "slurm-test.json")


def check(condition, what):
    if not condition:
        print(f"check_analysis_scripts: FAILED: {what}", file=sys.stderr)
        sys.exit(1)
    print(f"check_analysis_scripts: ok: {what}")


def script(name, *args):
    return subprocess.run([sys.executable, os.path.join(HERE, name), *args], capture_output=True, text=True,
                          check=True).stdout


def copy_store(store, path):
    """A writable copy of the store at path, opened (with what the store's WAL holds, which a file
    copy could miss)."""
    source = sqlite3.connect(f"file:{store}?mode=ro", uri=True)
    db = sqlite3.connect(path)
    source.backup(db)
    source.close()
    return db


def threshold_rows(output):
    section = output.split("Candidate formulas:")[0]
    return [l for l in section.split("\n") if l.startswith("| m=")]


def table_cells(output, table=0):
    """The non-empty d columns of nsep_table.py's n_sep table (0) or n_opt table (1)."""
    rows = output.split("\n\n")[1 + 2 * table].split("\n")[2:]
    return sorted(c.strip() for l in rows for c in l.split("|")[3:-1] if c.strip())


def report_cells(output, columns=slice(4, 6)):
    """n_sep (or, with columns 2:4, n_opt) and its range of each threshold row of report.md
    (through complete_groups.py), as nsep_table.py is to write them: the range alone where it is
    the value itself."""
    cells = []
    for line in threshold_rows(output):
        value, bounds = (c.strip().replace("\\[", "[").replace("\\]", "]") for c in line.split("|")[columns])
        cells.append(bounds if value == bounds else f"{value} {bounds}")
    return sorted(cells)


OTHER_FAMILY = '{"first_layer_zero":{}}'


def two_family_report(report, out):
    """A copy of the report's CSV files and report.md in which every group appears a second time,
    for the initialization family OTHER_FAMILY, its cells complete and its n_sep 99 (a value no
    group of the small sweep has)."""
    os.makedirs(out)
    for name in ("candidates.csv", "report.md"):
        shutil.copy(os.path.join(report, name), out)
    for name, changed in (("cells.csv", {}), ("thresholds.csv", {"n_sep": "99", "n_sep_lower": "99",
                                                                 "n_sep_upper": "99", "n_sep_not_monotone_at": ""})):
        with open(os.path.join(report, name), newline="") as f:
            reader = csv.DictReader(f)
            rows = list(reader)
        with open(os.path.join(out, name), "w", newline="") as f:
            writer = csv.DictWriter(f, fieldnames=reader.fieldnames)
            writer.writeheader()
            writer.writerows(rows + [{**r, "initialization": OTHER_FAMILY, **changed} for r in rows])
    return out


def main():
    if len(sys.argv) != 3:
        raise SystemExit(__doc__)
    sweep_dir, flowverify = sys.argv[1], sys.argv[2]
    store, report = os.path.join(sweep_dir, "store.sqlite"), os.path.join(sweep_dir, "report")
    with open(os.path.join(report, "thresholds.csv")) as f:
        groups = sum(1 for _ in f) - 1
    listed = script("complete_groups.py", report, SPEC)
    full = threshold_rows(listed)
    check(len(full) == groups and groups > 0, f"complete_groups.py: all {groups} groups of a finished sweep listed")
    table = script("nsep_table.py", report, SPEC)
    check(table_cells(table) == report_cells(listed) and table_cells(table, 1) == report_cells(listed, slice(2, 4)),
          f"nsep_table.py: the n_sep and n_opt of each of the {groups} groups as report.md writes them")

    with tempfile.TemporaryDirectory() as tmp:
        copy = os.path.join(tmp, "store.sqlite")
        db = copy_store(store, copy)
        hash_, m, d, bias, scale = db.execute(
            "select hash, width, input_dimension, bias, scale from runs order by hash limit 1").fetchone()
        db.execute("delete from runs where hash = ?", (hash_,))
        db.commit()
        subprocess.run([flowverify, "sweep", "report", copy, "--out", os.path.join(tmp, "report"), "--level", "0.5"],
                       capture_output=True, check=True)
        partial = threshold_rows(script("complete_groups.py", os.path.join(tmp, "report"), SPEC))
        label = f"m={m} d={d} {'bias ' if bias else ''}tanh ε={scale} "
        check(len(partial) == groups - 1 and not any(l.startswith(f"| {label}") for l in partial),
              f"complete_groups.py: the group of a deleted run ({label.strip()}) left out, the others listed")
        partial_table = script("nsep_table.py", os.path.join(tmp, "report"), SPEC)
        cells, row = table_cells(partial_table), [l for l in partial_table.split("\n") if "…" in l]
        check(cells.count("…") == 1 and len(cells) == groups and len(row) == 2 and row[0] == row[1]
              and row[0].startswith(f"| {m} | {'yes' if bias else 'no'} |"),
              "nsep_table.py: \"…\" in the cell of the deleted run's group alone")

        two = two_family_report(report, os.path.join(tmp, "two-families"))
        rows = [l for l in script("nsep_table.py", two, SPEC).split("\n\n")[1].split("\n")[2:] if l]
        cells_of = lambda lines: sorted(c.strip() for l in lines for c in l.split("|")[3:-1] if c.strip())  # noqa: E731
        check(cells_of(l for l in rows if OTHER_FAMILY in l) == ["99"] * groups
              and cells_of(l for l in rows if OTHER_FAMILY not in l) == report_cells(listed),
              "nsep_table.py: a second initialization family gets rows of its own, the first family's cells unchanged")

        none = script("carry_past_guard.py", store, os.path.join(tmp, "none"))
        expected = db.execute("select count(*) from runs where outcome = 'undecided' "
                              "and reason like '%reached the flow-time guard%'").fetchone()[0]
        check(none.startswith(f"{expected} sweep files"), f"carry_past_guard.py: {expected} files for the store as run")
        problem, policy = db.execute("select problem, policy from runs order by hash limit 1").fetchone()
        db.execute("update runs set outcome = 'undecided', reason = 'at 128 bits: …; 256 bits, 512 bits not tried: "
                   "the attempt at 128 bits reached the flow-time guard 1e12 with every quantity the rule compares "
                   "resolved' where problem = ?", (problem,))
        db.commit()
        out = os.path.join(tmp, "carried")
        script("carry_past_guard.py", copy, out, "1e15", "500")
        files = sorted(os.listdir(out))
        check(len(files) == expected + 1, "carry_past_guard.py: one more file for the run marked undecided at the guard")
        specs = [json.load(open(os.path.join(out, f))) for f in files]
        mine = [s for s in specs if s["template"] == json.loads(problem)]
        old = json.loads(policy)
        check(len(mine) == 1 and mine[0]["policy"]["escalationMaximumTime"] == "1e15"
              and mine[0]["policy"]["escalationSteps"] == "500"
              and mine[0]["policy"]["maximumTime"] == old["maximumTime"]
              and mine[0]["policy"]["precisions"] == [str(b) for b in old["precisions"]],
              "carry_past_guard.py: that file's template is the run's problem and its policy the carried one")

        source = sqlite3.connect(f"file:{store}?mode=ro", uri=True)
        runs, total = source.execute("select count(*), sum(cpu_seconds) from runs").fetchone()
        source.close()
        itself = script("compare_stores.py", store, store).split("\n")[-2]
        check(itself.startswith(f"all: {runs} runs in both, the same outcome in {runs} (changed: none)")
              and "(ratio 1.000)" in itself, "compare_stores.py: a store is the same as itself")
        changed = os.path.join(tmp, "changed.sqlite")
        db2 = copy_store(store, changed)
        outcome, seconds = db2.execute("select outcome, cpu_seconds from runs order by hash desc limit 1").fetchone()
        other = "recovered" if outcome != "recovered" else "not-recovered"
        db2.execute("update runs set outcome = ?, cpu_seconds = 2 * cpu_seconds where hash = "
                    "(select hash from runs order by hash desc limit 1)", (other,))
        db2.commit()
        db2.close()
        line = script("compare_stores.py", store, changed).split("\n")[-2]
        check(line.startswith(f"all: {runs} runs in both, the same outcome in {runs - 1} (changed: {outcome} → {other}: 1)")
              and f"(ratio {(total + seconds) / total:.3f})" in line,
              "compare_stores.py: one changed outcome and its doubled CPU time found")


if __name__ == "__main__":
    main()

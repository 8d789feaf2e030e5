#!/usr/bin/env python3
"""A composite sweep store: a copy of BASE in which the runs of each OVERLAY store take the place
of BASE's runs with the same coordinates (m, d, n, ε, bias, activation, initialization family,
data seed, initialization seed), overlays applied in order, so a later one wins. An overlay
written `decided:FILE` gives only its decided runs (recovered or not recovered); the others
give every run. Every row keeps its own hash, tool version and policy, so the composite says
which run decided what; `flowverify sweep report` reads it like any store (a store of mixed
versions is for reading, not for resuming a sweep into).

For example the 0.1.5 nsep-law store with the saddle re-decisions in place
(proofs/claim-09.md, "Carried past the guard with 0.1.8"):

    composite_store.py composite.sqlite nsep-law-0.1.5.sqlite decided:redecide-0.1.7.sqlite \\
        saddle-esc1e16.sqlite saddle-pass2.sqlite

Prints, per overlay, how many of the composite's rows it replaced and how many it added.
Usage: composite_store.py OUT.sqlite BASE.sqlite [decided:]OVERLAY.sqlite ..."""
import os
import sqlite3
import sys

KEY = ("width, input_dimension, sample_size, scale, bias, activation, initialization, "
       "data_seed, initialization_seed")


def main():
    if len(sys.argv) < 4:
        raise SystemExit(__doc__.rsplit("\n", 2)[-2])
    out, base, overlays = sys.argv[1], sys.argv[2], sys.argv[3:]
    if os.path.lexists(out) and not os.path.isfile(out):
        raise SystemExit(f"{out} exists and is not a regular file")
    if not os.path.isfile(base):
        raise SystemExit(f"{base}: no such store")
    temporary = out + ".partial"
    if os.path.lexists(temporary):
        os.remove(temporary)
    db = sqlite3.connect(temporary)
    with sqlite3.connect(base) as source:   # the backup API: includes what is still in BASE's WAL
        source.backup(db)
    columns = ", ".join(row[1] for row in db.execute("pragma main.table_info(runs)"))
    for overlay in overlays:
        decided = overlay.startswith("decided:")
        path = overlay.removeprefix("decided:")
        if not os.path.isfile(path):
            raise SystemExit(f"{path}: no such store")
        db.execute("attach ? as o", (path,))
        where = "outcome != 'undecided'" if decided else "1"
        chosen = f"select {KEY} from o.runs where {where}"
        replaced = db.execute(f"select count(*) from main.runs where ({KEY}) in ({chosen})").fetchone()[0]
        taken = db.execute(f"select count(*) from o.runs where {where}").fetchone()[0]
        db.execute(f"delete from main.runs where ({KEY}) in ({chosen})")
        db.execute(f"insert into main.runs ({columns}) select {columns} from o.runs where {where}")
        db.commit()
        db.execute("detach o")
        print(f"{overlay}: {taken} runs, {replaced} replaced, {taken - replaced} added")
    total = db.execute("select count(*) from main.runs").fetchone()[0]
    db.close()
    os.replace(temporary, out)
    print(f"{out}: {total} runs")


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Writes one one-run sweep file per run of a sweep store that ended undecided at the flow-time
guard with every compared quantity resolved (a saddle plateau or a degenerate point that may still
drift), with the policy of proofs/claim-09.md, "Carried past the guard": the same precisions and
double attempt, the attempts above double carried to flow time GUARD with STEPS steps each.

Each file's template is the run's instantiated problem (the store's `problem` column), so
`flowverify sweep run FILE --store PASS.sqlite` reruns exactly that run under the new policy
(a new hash: the policy is part of it). README, "Priced again with 0.1.13", ran the pilot's.

Usage: carry_past_guard.py STORE OUT_DIR [GUARD [STEPS]]   (defaults: 1e16, 2000)"""
import json
import os
import sqlite3
import sys


def main():
    if len(sys.argv) not in (3, 4, 5):
        raise SystemExit(__doc__)
    store, out = sys.argv[1], sys.argv[2]
    guard = sys.argv[3] if len(sys.argv) > 3 else "1e16"
    steps = sys.argv[4] if len(sys.argv) > 4 else "2000"
    db = sqlite3.connect(f"file:{store}?mode=ro", uri=True)
    rows = db.execute("select hash, problem, policy from runs where outcome = 'undecided' "
                      "and reason like '%reached the flow-time guard%' "
                      "order by width, input_dimension, sample_size, hash").fetchall()
    os.makedirs(out, exist_ok=True)
    for i, (run_hash, problem, policy) in enumerate(rows):
        p = json.loads(policy)
        carried = {"precisions": [str(b) for b in p["precisions"]], "maximumTime": p["maximumTime"],
                   "doubleSteps": str(p["doubleSteps"]), "escalationSteps": steps, "escalationMaximumTime": guard}
        spec = {"name": f"carried-{run_hash[:12]}", "description": f"run {run_hash} carried past the guard to {guard}",
                "template": json.loads(problem), "policy": carried}
        path = os.path.join(out, f"{i:03d}.json")
        with open(path + ".tmp", "w") as f:
            f.write(json.dumps(spec, indent=1) + "\n")
        os.replace(path + ".tmp", path)
    print(f"{len(rows)} sweep files in {out}")


if __name__ == "__main__":
    main()

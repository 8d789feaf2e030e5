#!/usr/bin/env python3
"""Side-by-side timing of flowverify and heyoka (Taylor's method, LLVM) on one problem file.

The problem is instantiated by flowverify itself (`flowverify problem`), so both integrators see
exactly the same data and θ(0); heyoka then integrates the same gradient flow
(a_k' = −(1/n) Σ_i e_i σ(u_ik), w_k' = −(a_k/n) Σ_i e_i σ'(u_ik) x_i, proofs/THEORY.md §1) to the same
time. Printed: both wall times, their ratio, and the largest relative difference of the final
states. Needs the `heyoka` Python package (pip install heyoka); without it, says so and exits 0.

usage: compare.py PROBLEM.json [--precision double|BITS] [--until T] [--flowverify PATH]
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile
import time

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("problem")
    ap.add_argument("--precision", default="double")
    ap.add_argument("--until", default=None)
    ap.add_argument("--flowverify", default=os.path.join(os.path.dirname(__file__), "../../.build/release/flowverify"))
    args = ap.parse_args()
    try:
        import heyoka as hy
    except ImportError:
        print("heyoka is not installed (pip install heyoka): nothing to compare")
        return 0

    spec = json.loads(subprocess.check_output([args.flowverify, "problem", args.problem, "--precision", args.precision]))
    net = spec["network"]
    if net["activation"] not in ("tanh", "linear") or net["bias"]:
        print(f"compare.py handles tanh/linear networks without bias, not {net}")
        return 0
    m, d = net["width"], net["inputDimension"]
    until = args.until or spec.get("until")
    if until in (None, "converged"):
        print("give --until T: heyoka needs a final time")
        return 2
    mp = args.precision != "double"
    if mp:
        prec = int(args.precision)
        num = lambda s: hy.real(s, prec)
    else:
        num = float
    xs = [[num(v) for v in row] for row in spec["inputs"]]
    ys = [num(v) for v in spec["labels"]]
    n = len(ys)
    sigma = hy.tanh if net["activation"] == "tanh" else (lambda u: u)
    dsigma = (lambda t: 1 - t * t) if net["activation"] == "tanh" else (lambda t: 1.0)

    names = []
    for k in range(m):
        names.append(f"a{k}")
        names += [f"w{k}_{j}" for j in range(d)]
    variables = hy.make_vars(*names)
    a = [variables[k * (d + 1)] for k in range(m)]
    w = [[variables[k * (d + 1) + 1 + j] for j in range(d)] for k in range(m)]
    cst = (lambda v: hy.expression(v)) if not mp else (lambda v: hy.expression(v))
    t_ik = [[sigma(hy.sum([w[k][j] * cst(xs[i][j]) for j in range(d)])) for k in range(m)] for i in range(n)]
    e = [hy.sum([a[k] * t_ik[i][k] for k in range(m)]) - cst(ys[i]) for i in range(n)]
    inv_n = cst(num(1) / num(n)) if mp else 1.0 / n
    rhs = []
    for k in range(m):
        rhs.append(-inv_n * hy.sum([e[i] * t_ik[i][k] for i in range(n)]))
        for j in range(d):
            rhs.append(-inv_n * a[k] * hy.sum([e[i] * dsigma(t_ik[i][k]) * cst(xs[i][j]) for i in range(n)]))
    system = list(zip(variables, rhs))
    state = [num(v) for v in spec["initialParameters"]]

    start = time.perf_counter()
    if mp:
        ta = hy.taylor_adaptive(system, state, fp_type=hy.real, prec=prec)
    else:
        ta = hy.taylor_adaptive(system, state)
    setup = time.perf_counter() - start
    start = time.perf_counter()
    ta.propagate_until(num(until) if mp else float(until))
    heyoka_seconds = time.perf_counter() - start
    heyoka_state = list(ta.state)

    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "run.json")
        subprocess.check_call([args.flowverify, "run", args.problem, "--precision", args.precision,
                               "--until", str(until), "--out", out, "--quiet"], stdout=subprocess.DEVNULL)
        record = json.load(open(out))
    fv_seconds = record["work"]["wallSeconds"]
    ours = [num(v) for v in record["finalState"]]
    rel = max(abs((ours[i] - heyoka_state[i]) / heyoka_state[i]) for i in range(len(ours)))
    print(f"problem {args.problem} at {args.precision}, t = {until}")
    print(f"heyoka     {heyoka_seconds:10.3f} s  (+{setup:.1f} s JIT compilation)")
    print(f"flowverify {fv_seconds:10.3f} s  ({record['work']['acceptedSteps']} steps, {record['provenance']['integrator']})")
    print(f"ratio flowverify/heyoka {fv_seconds / heyoka_seconds:.2f}")
    print(f"largest relative difference of the final states {float(rel):.3e}")
    print("note: heyoka's tolerance is absolute below |x| = 1, so from a small initialization (ε ≪ 1)")
    print("its escape phase is not resolved to relative accuracy; flowverify's error control is")
    print("relative to ‖θ‖ (compare flowverify's own double and high-precision runs for accuracy).")
    return 0

if __name__ == "__main__":
    sys.exit(main())

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

def heyoka_system(spec, prec):
    """The flow of `spec` (as printed by `flowverify problem`) as a heyoka system, its initial
    state, and the number type (float, or heyoka.real at `prec` bits when prec is not None)."""
    import heyoka as hy
    net = spec["network"]
    m, d = net["width"], net["inputDimension"]
    num = (lambda s: hy.real(s, prec)) if prec else float
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
    cst = hy.expression
    t_ik = [[sigma(hy.sum([w[k][j] * cst(xs[i][j]) for j in range(d)])) for k in range(m)] for i in range(n)]
    e = [hy.sum([a[k] * t_ik[i][k] for k in range(m)]) - cst(ys[i]) for i in range(n)]
    inv_n = cst(num(1) / num(n)) if prec else 1.0 / n
    rhs = []
    for k in range(m):
        rhs.append(-inv_n * hy.sum([e[i] * t_ik[i][k] for i in range(n)]))
        for j in range(d):
            rhs.append(-inv_n * a[k] * hy.sum([e[i] * dsigma(t_ik[i][k]) * cst(xs[i][j]) for i in range(n)]))
    return list(zip(variables, rhs)), [num(v) for v in spec["initialParameters"]], num


def run_heyoka(spec, precision, until):
    """heyoka's Taylor integrator on `spec` to `until`: (JIT seconds, integration seconds, final
    state as decimal strings)."""
    import heyoka as hy
    prec = None if precision == "double" else int(precision)
    system, state, num = heyoka_system(spec, prec)
    start = time.perf_counter()
    if prec:
        ta = hy.taylor_adaptive(system, state, fp_type=hy.real, prec=prec)
    else:
        ta = hy.taylor_adaptive(system, state)
    setup = time.perf_counter() - start
    start = time.perf_counter()
    ta.propagate_until(num(until) if prec else float(until))
    seconds = time.perf_counter() - start
    return setup, seconds, [str(v) if prec else repr(float(v)) for v in ta.state]


def run_flowverify(flowverify, problem, precision, until, time_limit=None, workers=1):
    """`flowverify run` on the same problem, by default on one worker as heyoka runs on one
    thread: (wall seconds, accepted steps, integrator, final state as decimal strings)."""
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "run.json")
        command = [flowverify, "run", problem, "--precision", precision, "--until", str(until), "--out", out,
                   "--workers", str(workers), "--quiet"]
        if time_limit:
            command += ["--time-limit", str(int(time_limit))]
        subprocess.run(command, stdout=subprocess.DEVNULL, check=False)
        record = json.load(open(out)) if os.path.exists(out) else None
    if record is None or record.get("status") != "reached-time":
        return None
    work = record["work"]
    return work["wallSeconds"], work["acceptedSteps"], record["provenance"]["integrator"], record["finalState"]


def largest_relative_difference(ours, theirs, bits):
    """max_j |ours_j − theirs_j| / |theirs_j|, computed with mpmath at `bits` + 64 bits."""
    import mpmath
    mpmath.mp.prec = bits + 64
    return max(abs((mpmath.mpf(x) - mpmath.mpf(y)) / mpmath.mpf(y)) for x, y in zip(ours, theirs))


def scientific(x, digits=2):
    """x (an mpmath number) in scientific notation; not through float, which underflows to 0
    below 1e-308, where differences at 2,048 bits and more lie."""
    import mpmath
    return mpmath.nstr(x, digits, min_fixed=1, max_fixed=0)


def instantiate(flowverify, problem, precision):
    """The problem as `flowverify problem` prints it, or None (said why) for a network this
    script does not translate (only tanh or linear, without bias)."""
    spec = json.loads(subprocess.check_output([flowverify, "problem", problem, "--precision", precision]))
    net = spec["network"]
    if net["activation"] not in ("tanh", "linear") or net["bias"]:
        print(f"compare.py handles tanh/linear networks without bias, not {net}")
        return None
    return spec


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("problem")
    ap.add_argument("--precision", default="double")
    ap.add_argument("--until", default=None)
    ap.add_argument("--flowverify", default=os.path.join(os.path.dirname(__file__), "../../.build/release/flowverify"))
    ap.add_argument("--heyoka-only", action="store_true",
                    help="run heyoka alone and print one JSON line (setup, seconds, state); for precision_table.py")
    args = ap.parse_args()
    try:
        import heyoka  # noqa: F401
    except ImportError:
        print("heyoka is not installed (pip install heyoka): nothing to compare")
        return 0
    spec = instantiate(args.flowverify, args.problem, args.precision)
    if spec is None:
        return 0
    until = args.until or spec.get("until")
    if until in (None, "converged"):
        print("give --until T: heyoka needs a final time")
        return 2
    setup, heyoka_seconds, heyoka_state = run_heyoka(spec, args.precision, until)
    if args.heyoka_only:
        print(json.dumps({"setup": setup, "seconds": heyoka_seconds, "state": heyoka_state}))
        return 0
    ours = run_flowverify(args.flowverify, args.problem, args.precision, until)
    if ours is None:
        print("flowverify did not reach the final time")
        return 1
    fv_seconds, steps, integrator, state = ours
    bits = 53 if args.precision == "double" else int(args.precision)
    rel = largest_relative_difference(state, heyoka_state, bits)
    print(f"problem {args.problem} at {args.precision}, t = {until}")
    print(f"heyoka     {heyoka_seconds:10.3f} s  (+{setup:.1f} s JIT compilation)")
    print(f"flowverify {fv_seconds:10.3f} s  ({steps} steps, {integrator})")
    print(f"ratio flowverify/heyoka {fv_seconds / heyoka_seconds:.2f}")
    print(f"largest relative difference of the final states {scientific(rel, 4)}")
    print("note: heyoka's tolerance is absolute below |x| = 1, so from a small initialization (ε ≪ 1)")
    print("its escape phase is not resolved to relative accuracy; flowverify's error control is")
    print("relative to ‖θ‖ (compare flowverify's own double and high-precision runs for accuracy).")
    return 0

if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Cost against precision, flowverify and heyoka side by side in one run (issue 12's table).

For each precision, heyoka (in a subprocess of compare.py, so that a timeout can stop it) and
then `flowverify run` integrate the same problem to the same time; printed as a Markdown table:
both times, their ratio, flowverify's steps, the largest relative difference of the two
final states, and that of flowverify's final state from its run at the previous (lower)
precision: a measured error of that run, which does not rely on heyoka's tolerance (absolute
below |x| = 1). A heyoka run cut at --timeout seconds (or failing) is shown as "> timeout"; a
flowverify run that did not reach the final time (its --time-limit, or a failure) as
"not at t within … s". With --workers N > 1, flowverify also runs on N workers (the
collocation's loops and the Taylor jets on N threads, `flowverify run --workers`): its time,
and whether its final state is the one-worker run's to the last digit (it must be).
Needs the `heyoka` Python package; without it, says so and exits 0.

usage: precision_table.py PROBLEM.json [--precisions double,128,...] [--until T] [--timeout S] [--workers N]
"""
import argparse
import json
import os
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import compare  # noqa: E402


def heyoka_in_subprocess(problem, precision, until, flowverify, timeout):
    command = [sys.executable, os.path.join(os.path.dirname(os.path.abspath(__file__)), "compare.py"), problem,
               "--precision", precision, "--until", str(until), "--flowverify", flowverify, "--heyoka-only"]
    try:
        out = subprocess.run(command, capture_output=True, text=True, timeout=timeout, check=True).stdout
    except (subprocess.TimeoutExpired, subprocess.CalledProcessError):
        return None
    try:
        return json.loads(out.strip().splitlines()[-1])
    except (json.JSONDecodeError, IndexError):   # compare.py said why it did not run
        print(out.strip(), file=sys.stderr)
        return {"skipped": True}


def seconds_text(value, timeout):
    return f"> {timeout:.0f}" if value is None else f"{value:.3f}"


def precision_list(text):
    """"double" or bit counts 2 … 4096 (flowverify's range), comma-separated."""
    items = text.split(",")
    for item in items:
        if item != "double" and not (item.isdigit() and 2 <= int(item) <= 4096):
            raise argparse.ArgumentTypeError(f"{item!r} is neither 'double' nor a bit count in 2 … 4096")
    return items


def positive_number(text):
    try:
        value = float(text)
    except ValueError:
        value = float("nan")
    if not (value > 0 and value < float("inf")):
        raise argparse.ArgumentTypeError(f"{text!r} is not a positive finite number")
    return text


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("problem")
    ap.add_argument("--precisions", type=precision_list, default="double,128,256,512,1024,2048,4096")
    ap.add_argument("--until", type=positive_number, default="50")
    ap.add_argument("--timeout", type=lambda t: float(positive_number(t)), default=600)
    ap.add_argument("--flowverify", default=os.path.join(os.path.dirname(__file__), "../../.build/release/flowverify"))
    ap.add_argument("--workers", type=int, choices=range(1, 65), default=1, metavar="N")
    args = ap.parse_args()
    try:
        import heyoka
    except ImportError:
        print("heyoka is not installed (pip install heyoka): nothing to compare")
        return 0
    flowverify = os.path.abspath(args.flowverify)
    version = subprocess.check_output([flowverify, "--version"], text=True).splitlines()[0]
    print(f"{args.problem} to t = {args.until}; {version}, heyoka {heyoka.__version__}; "
          f"load average at start {os.getloadavg()[0]:.2f}; timeout {args.timeout:.0f} s per run")
    print()
    many = args.workers > 1
    extra = (f" flowverify, {args.workers} workers (s) | same state |", "---:|:---:|") if many else ("", "")
    print(f"| bits | heyoka (s) | flowverify (s) | flowverify / heyoka | steps | vs heyoka | vs previous row |{extra[0]}")
    print(f"|---:|---:|---:|---:|---:|---:|---:|{extra[1]}")
    previous = None
    started = time.perf_counter()
    for precision in args.precisions:
        bits = 53 if precision == "double" else int(precision)
        theirs = heyoka_in_subprocess(args.problem, precision, args.until, flowverify, args.timeout)
        ours = compare.run_flowverify(flowverify, args.problem, precision, args.until, time_limit=args.timeout)
        skipped = bool(theirs and theirs.get("skipped"))
        if skipped:
            theirs = None
        h = theirs["seconds"] if theirs else None
        f = ours[0] if ours else None
        ratio = f"{f / h:.2f}" if h and f else "–"
        steps = str(ours[1]) if ours else "–"
        diff = "–"
        if theirs and ours:
            diff = compare.scientific(compare.largest_relative_difference(ours[3], theirs['state'], bits))
        self_diff = "–"
        if ours and previous:
            self_diff = compare.scientific(compare.largest_relative_difference(previous, ours[3], bits))
        previous = ours[3] if ours else None
        label = "53 (double)" if precision == "double" else precision
        ours_text = f"{f:.3f}" if ours else f"not at t within {args.timeout:.0f} s"
        columns = ""
        if many:
            shared = compare.run_flowverify(flowverify, args.problem, precision, args.until, time_limit=args.timeout,
                                            workers=args.workers)
            same = "–" if not (ours and shared) else ("yes" if shared[3] == ours[3] else "NO")
            columns = (f" {shared[0]:.3f} |" if shared else f" not at t within {args.timeout:.0f} s |") + f" {same} |"
        print(f"| {label} | {'not run' if skipped else seconds_text(h, args.timeout)} | {ours_text} | {ratio} | {steps} | {diff} "
              f"| {self_diff} |{columns}", flush=True)
    print()
    print(f"total {time.perf_counter() - started:.0f} s; load average at end {os.getloadavg()[0]:.2f}. heyoka's times "
          "exclude its JIT compilation; its tolerance is absolute below |x| = 1, so from ε ≪ 1 its double run does not "
          "resolve the escape to relative accuracy (compare.py's note).")
    return 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Writes a synthetic report.json that exercises every part of the notebook.

Usage: make_sample_report.py OUT/report.json

The numbers are made up from simple closed forms (exponential growth, a log escape time,
digits growing with the bits); they verify nothing. The sample has what a real report may
lack while the claim checks are being written: figures of every scale and series style
(including a non-positive value on a log axis, which the notebook must drop), ladders with
both sweeps and the precision-need rows, every verdict, and every optional field both present
and absent. It follows schemas/report.schema.json (`make notebook-check` validates it).
"""
import json
import math
import sys
from decimal import Decimal, localcontext
from datetime import datetime, timezone
from pathlib import Path

LOG10_2 = math.log10(2)


def combined(verdicts):
    """Verdict.combining: fails if any fails, holds if all hold, undecided otherwise."""
    if "fails" in verdicts:
        return "fails"
    return "holds" if verdicts and all(v == "holds" for v in verdicts) else "undecided"


def claim_info(id, title, status, latex=None):
    info = {
        "id": id,
        "title": title,
        "status": status,
        "statement": f"Synthetic statement of claim {id} (sample report).",
        "hypotheses": ["synthetic"],
        "proofFile": f"proofs/claim-{id:02d}.md",
        "quantities": [f"a synthetic quantity of claim {id}"],
    }
    if latex is not None:
        info["latex"] = latex
    return info


def comparison(quantity, measured, relation, bound, uncertainty, reference=None, digits=None):
    """Comparison.decide, for the sample's comparisons (measured None: not finite)."""
    c = {
        "quantity": quantity,
        "measuredText": repr(measured) if measured is not None else "inf",
        "relation": relation,
        "bound": bound,
        "boundText": repr(bound),
        "boundReason": "synthetic bound",
        "uncertainty": uncertainty,
        "uncertaintyText": repr(uncertainty),
        "uncertaintySource": "synthetic uncertainty",
    }
    if measured is None:
        c["verdict"] = "undecided"
    else:
        c["measured"] = measured
        low, high = measured - uncertainty, measured + uncertainty
        inside = high <= bound if relation == "atMost" else low >= bound
        outside = low > bound if relation == "atMost" else high < bound
        c["verdict"] = "holds" if inside else "fails" if outside else "undecided"
        near = high if relation == "atMost" else low
        if c["verdict"] == "undecided":
            c["marginDigits"] = 0.0
        elif near > 0 and bound > 0:
            side = 1 if c["verdict"] == "holds" else -1
            c["marginDigits"] = side * abs(math.log10(near / bound))
    if reference is not None:
        c["reference"] = reference
    if digits is not None:
        c["agreementDigits"] = digits
    return c


def third(bits, digits):
    """1/3 with relative error 10^-digits, to the decimal digits `bits` carry (at most 40)."""
    with localcontext() as ctx:
        ctx.prec = max(1, min(int(bits * LOG10_2), 40))
        return str(Decimal(1) / 3 * (1 + Decimal(10) ** Decimal(-digits)))


def ladder_point(bits, digits, tolerance_bits=None, flags=()):
    """The quantity 1/3 at `digits` digits of agreement (relative error 10^-digits)."""
    p = {
        "precision": "double" if bits == 53 else str(bits),
        "bits": bits,
        "value": third(bits, digits),
        "digits": digits,
        "seconds": 1e-4 * bits / 53,
        "flags": list(flags),
    }
    if tolerance_bits is not None:
        p["toleranceBits"] = tolerance_bits
    if digits < bits * LOG10_2 - 0.5:  # the top rung is its own reference: no relative error
        p["relativeError"] = 10 ** -digits
    return p


def sample():
    claims = []

    # Claim 1: holds; a ladder with both sweeps and the precision-need rows; a linear figure.
    ts = [0.5 * i for i in range(41)]
    claims.append({
        "claim": claim_info(1, "Imbalance conservation (sample)", "derived", latex=r"\frac{dC_k}{dt} = 0"),
        "verdict": "holds",
        "marginDigits": 12.5,
        "digits": 30.1,
        "precision": "256",
        "comparisons": [comparison("relative drift of C", 3e-40, "atMost", 1e-27, 1e-45,
                                   reference="0 (conserved)", digits=30.1)],
        "figures": [{
            "id": "claim-01-imbalance",
            "title": "C_k(t) along the flow (sample)",
            "xLabel": "t", "yLabel": "C_k(t)",
            "xScale": "linear", "yScale": "linear",
            "series": [
                {"label": "C_1", "style": "line", "points": [[t, 0.3 + 1e-3 * math.sin(t)] for t in ts]},
                {"label": "C_1(0)", "style": "reference", "points": [[0, 0.3], [20, 0.3]]},
            ],
            "caption": "Flat lines: the imbalance does not move (sample).",
        }],
        "notes": ["Synthetic sample: the numbers verify nothing."],
        "ladder": {
            "quantity": "C_1 after escape",
            "reference": "top rung (1024 bits)",
            "points": [ladder_point(53, 4.2, 50, ["cancellation"]), ladder_point(128, 21.0, 125),
                       ladder_point(256, 59.7, 250), ladder_point(512, 136.8, 500),
                       ladder_point(1024, 1024 * LOG10_2, 1020)],
            "roundingSweep": [ladder_point(b, min(b * LOG10_2 - 12, 60.0), 200) for b in (64, 128, 256, 512)],
            "toleranceSweep": [ladder_point(256, tb * LOG10_2 - 3, tb) for tb in (40, 80, 120, 160, 200)],
            "fixedToleranceBits": 200,
            "fixedPrecisionBits": 256,
            "precisionNeeded": [
                {"scale": "1e-10", "digitsWanted": 10, "measuredBits": 128, "formulaBits": (10 + 20) / LOG10_2},
                {"scale": "1e-30", "digitsWanted": 10, "measuredBits": 256, "formulaBits": (10 + 60) / LOG10_2},
                {"scale": "1e-300", "digitsWanted": 10, "formulaBits": (10 + 600) / LOG10_2},
            ],
        },
        "seconds": 2.5,
    })

    # Claim 3: holds; a log-y figure with a measured line, a dashed closed form and a zero
    # (dropped on the log axis).
    growth = [[t, 1e-30 * math.exp(t)] for t in ts]
    claims.append({
        "claim": claim_info(3, "Linear phase, closed form (sample)", "derived-exact"),
        "verdict": "holds",
        "marginDigits": 3.0,
        "digits": 45.0,
        "precision": "256",
        "comparisons": [comparison("relative error of z(t)", 1e-45, "atMost", 1e-42, 1e-50,
                                   reference="closed form e^t", digits=45.0)],
        "figures": [{
            "id": "claim-03-linear-phase",
            "title": "z(t) in the linear phase (sample)",
            "xLabel": "t", "yLabel": "|z(t)|",
            "xScale": "linear", "yScale": "log",
            "series": [
                {"label": "measured", "style": "line", "points": [[0.0, 0.0]] + growth[1:]},
                {"label": "closed form", "style": "reference", "points": growth},
            ],
            "caption": "The measured curve lies on the dashed closed form (sample).",
        }],
        "notes": [],
        "seconds": 1.0,
    })

    # Claim 4: undecided; a log-log sweep of unjoined points against a dashed prediction;
    # a comparison whose measurement is not finite (no measured, no margin).
    eps = [10.0 ** -k for k in range(2, 31, 4)]
    claims.append({
        "claim": claim_info(4, "Escape time (sample)", "paper+derived"),
        "verdict": "undecided",
        "marginDigits": 0.0,
        "precision": "double",
        "comparisons": [
            comparison("escape time slope", 1.02, "atMost", 1.03, 0.02),
            comparison("escape time at ε = 1e-400", None, "atMost", 1.0, 1e308),
        ],
        "figures": [{
            "id": "claim-04-escape-time",
            "title": "Escape time against ε (sample)",
            "xLabel": "ε", "yLabel": "T_escape",
            "xScale": "log", "yScale": "log",
            "series": [
                {"label": "measured", "style": "points", "points": [[e, 1.02 * math.log(1 / e)] for e in eps]},
                {"label": "log(1/ε)", "style": "reference", "points": [[e, math.log(1 / e)] for e in eps]},
            ],
            "caption": "Points on the dashed line: T grows like log(1/ε) (sample).",
        }],
        "notes": ["A comparison at ε = 1e-400 is out of double range: undecided."],
        "seconds": 0.5,
    })

    # Claim 12: fails; a ladder without the optional fields (no tolerances, no sweeps).
    claims.append({
        "claim": claim_info(12, "Integrator reference (sample)", "paper-empirical"),
        "verdict": "fails",
        "marginDigits": -1.5,
        "digits": 2.0,
        "precision": "512",
        "comparisons": [comparison("risk at t = 100", 3.2e-3, "atMost", 1e-4, 1e-6,
                                   reference="reference integrator", digits=2.0)],
        "figures": [],
        "notes": ["Fails on purpose (sample)."],
        "ladder": {
            "quantity": "risk at t = 100",
            "reference": "closed form 1/3",
            "points": [ladder_point(53, 2.0), ladder_point(256, 2.0), ladder_point(512, 2.0)],
            "roundingSweep": [],
            "toleranceSweep": [],
            "precisionNeeded": [],
        },
        "seconds": 0.25,
    })

    # Claim 10: readings (Verification.Reading), each with its own verdict over its own
    # comparisons (indices into the claim's list); the claim fails because reading 10a fails.
    readings = [
        ("10a", "per direction, monotone", "Each direction's risk does not rise as ε decreases (sample).",
         [comparison("(10a) worst direction: increment", 3e-6, "atMost", 0.0, 1e-10)]),
        ("10b", "convergence", "The risk converges as ε → 0 (sample).",
         [comparison("(10b) worst direction: rate", 0.97, "atLeast", 0.5, 0.02)]),
        ("10c", "averaged over directions", "The mean risk does not rise as ε decreases (sample).",
         [comparison("(10c) mean increment, 1e-2 → 1e-3", -3e-6, "atMost", 0.0, 9e-6),
          comparison("(10c) mean increment, 1e-3 → 1e-4", -2e-7, "atMost", 0.0, 8e-7)]),
    ]
    comparisons, reading_entries = [], []
    for id, title, meaning, cs in readings:
        reading_entries.append({"id": id, "title": title, "meaning": meaning,
                                "verdict": combined([x["verdict"] for x in cs]),
                                "comparisons": list(range(len(comparisons), len(comparisons) + len(cs)))})
        comparisons += cs
    claims.append({
        "claim": claim_info(10, "Smaller initialization generalizes better (sample)", "paper"),
        "verdict": "fails",
        "precision": "double",
        "comparisons": comparisons,
        "readings": reading_entries,
        "verdictSummary": "Fails in reading 10a (per direction, monotone) only; 10b (convergence) holds; "
                          "10c (averaged over directions) is undecided.",
        "figures": [],
        "notes": ["Readings with their own verdicts (sample)."],
        "seconds": 0.75,
    })
    # ClaimResult.marginDigits: the smallest margin among the comparisons with the claim's
    # verdict (here the failing one is against a bound of 0, which has none: absent).
    margins = [x["marginDigits"] for x in comparisons if x["verdict"] == "fails" and "marginDigits" in x]
    if margins:
        claims[-1]["marginDigits"] = min(margins)

    # Each comparison list decides its claim's verdict, as ClaimResult.init does; so does
    # each reading's.
    for c in claims:
        assert combined([x["verdict"] for x in c["comparisons"]]) == c["verdict"], c["claim"]["id"]
        for r in c.get("readings", []):
            assert combined([c["comparisons"][i]["verdict"] for i in r["comparisons"]]) == r["verdict"], r["id"]

    verdicts = [c["verdict"] for c in claims]
    verdict = combined(verdicts)
    return {
        "schema": "flowverify-report/1",
        "provenance": {
            "tool": "make_sample_report.py (synthetic sample, verifies nothing)",
            "gmp": "sample", "mpfr": "sample", "mpfi": "sample",
            "created": datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
            "cores": 1,
            "paper": "arXiv:2405.13787",
        },
        "options": {"claims": [c["claim"]["id"] for c in claims], "quick": True,
                    "precisionBits": 256, "ladder": [53, 128, 256, 512, 1024]},
        "claims": claims,
        "verdict": verdict,
        "exitCode": {"holds": 0, "fails": 1, "undecided": 2}[verdict],
        "counts": {v: verdicts.count(v) for v in ("holds", "fails", "undecided")},
        "seconds": sum(c["seconds"] for c in claims),
    }


def main(argv):
    if len(argv) != 2:
        print(__doc__.strip(), file=sys.stderr)
        return 64
    out = Path(argv[1])
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(sample(), indent=2, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"sample report: {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

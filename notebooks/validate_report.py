#!/usr/bin/env python3
"""Validates report.json files against schemas/report.schema.json (draft 2020-12).

Usage: validate_report.py REPORT.json [REPORT.json ...]

Besides the schema, checks what a JSON Schema cannot express: the counts, the combined
verdict and options.claims agree with the claims, figure ids are unique, and every comparison's
verdict follows from its full-precision texts (measuredText, boundText, uncertaintyText),
re-decided here in exact rational arithmetic. Exits 1 on the first file with errors, listing
all of that file's errors.
"""
import json
import sys
from fractions import Fraction
from pathlib import Path

from jsonschema import Draft202012Validator

SCHEMA = Path(__file__).resolve().parent.parent / "schemas" / "report.schema.json"


def consistency_errors(report):
    """The report's internal agreements (Report.init in Sources/Verification/Report.swift)."""
    errors = []
    verdicts = [c["verdict"] for c in report["claims"]]
    counts = {v: verdicts.count(v) for v in ("holds", "fails", "undecided")}
    if counts != report["counts"]:
        errors.append(f"counts {report['counts']} but the claims' verdicts tally {counts}")
    combined = ("fails" if "fails" in verdicts else
                "holds" if verdicts and all(v == "holds" for v in verdicts) else "undecided")
    if combined != report["verdict"]:
        errors.append(f"verdict {report['verdict']!r} but the claims combine to {combined!r}")
    ids = [c["claim"]["id"] for c in report["claims"]]
    if ids != report["options"]["claims"]:
        errors.append(f"options.claims {report['options']['claims']} but the claims are {ids}")
    figure_ids = [f["id"] for c in report["claims"] for f in c["figures"]]
    duplicates = sorted({i for i in figure_ids if figure_ids.count(i) > 1})
    if duplicates:
        errors.append(f"figure ids not unique: {duplicates}")
    errors += reading_errors(report)
    errors += decision_errors(report)
    for c in report["claims"]:
        key = f"claim-{c['claim']['id']:02d}"
        for f in c["figures"]:
            if not f["id"].startswith(key):
                errors.append(f"figure {f['id']!r} belongs to {key} but does not start with its key")
    return errors


def combined(verdicts):
    """Verdict.combining: fails if any fails, holds if all hold, undecided otherwise."""
    if "fails" in verdicts:
        return "fails"
    return "holds" if verdicts and all(v == "holds" for v in verdicts) else "undecided"


def reading_errors(report):
    """Readings (Verification.Reading): their comparison indices exist and belong to one reading
    only, each reading's verdict combines its comparisons', its id starts with the claim's id."""
    errors = []
    for c in report["claims"]:
        cid, n = c["claim"]["id"], len(c["comparisons"])
        used = []
        for r in c.get("readings", []):
            if not r["id"].startswith(str(cid)) or not r["id"][len(str(cid)):].isalpha():
                errors.append(f"claim {cid}: reading {r['id']!r} is not named after its claim")
            bad = [i for i in r["comparisons"] if i >= n]
            if bad:
                errors.append(f"claim {cid}: reading {r['id']} points past the {n} comparisons: {bad}")
                continue
            used += r["comparisons"]
            verdict = combined([c["comparisons"][i]["verdict"] for i in r["comparisons"]])
            if verdict != r["verdict"]:
                errors.append(f"claim {cid}: reading {r['id']} says {r['verdict']!r}, its comparisons combine to {verdict!r}")
        if len(used) != len(set(used)):
            errors.append(f"claim {cid}: a comparison belongs to more than one reading")
        if combined([x["verdict"] for x in c["comparisons"]]) != c["verdict"]:
            errors.append(f"claim {cid}: verdict {c['verdict']!r} but its comparisons combine otherwise")
    return errors


def exact(text):
    """A decimal text as an exact rational; None for inf, nan or text that is not one number."""
    try:
        return Fraction(text)
    except (ValueError, ZeroDivisionError):
        return None


def decided(m, relation, b, u, f=None):
    """Comparison.decide on exact rationals: holds outside the bound's wrong side by more than u;
    fails beyond the fail bound f (default: the bound) by more than u."""
    low, high = m - u, m + u
    if relation == "atMost":
        f = b if f is None else max(f, b)
        return "holds" if high <= b else "fails" if low > f else "undecided"
    f = b if f is None else min(f, b)
    return "holds" if low >= b else "fails" if high < f else "undecided"


def decision_errors(report):
    """Each comparison's verdict against the rule applied to its texts. Checked where the texts are
    the values: measuredText one number that reads back as `measured` (when a double is given), and
    bound and uncertainty finite; an infinite uncertainty or a non-finite measurement decides nothing."""
    errors = []
    for c in report["claims"]:
        for i, k in enumerate(c["comparisons"]):
            where = f"claim {c['claim']['id']}: comparison {i} ({k['quantity'][:40]})"
            m, b, u = exact(k["measuredText"]), exact(k["boundText"]), exact(k["uncertaintyText"])
            if k["uncertaintyText"] == "inf" or k["measuredText"] in ("inf", "-inf", "nan"):
                if k["verdict"] != "undecided":
                    errors.append(f"{where}: {k['verdict']!r} without a finite measurement and uncertainty")
                continue
            if m is None or b is None or u is None or ("measured" in k and float(k["measuredText"]) != k["measured"]):
                continue
            f = exact(k["failBoundText"]) if "failBoundText" in k else None
            if "failBoundText" in k and f is None:
                continue
            expected = decided(m, k["relation"], b, u, f)
            if expected != k["verdict"]:
                errors.append(f"{where}: verdict {k['verdict']!r}, its texts decide {expected!r}")
    return errors


def validate(path, schema):
    """All errors of one report, as lines (empty: valid)."""
    report = json.loads(Path(path).read_text(encoding="utf-8"))
    validator = Draft202012Validator(schema)
    errors = [f"{'/'.join(map(str, e.absolute_path)) or '(root)'}: {e.message}"
              for e in sorted(validator.iter_errors(report), key=lambda e: list(map(str, e.absolute_path)))]
    if not errors:
        errors = consistency_errors(report)
    return errors


def main(argv):
    if len(argv) < 2:
        print(__doc__.strip(), file=sys.stderr)
        return 64
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    for path in argv[1:]:
        errors = validate(path, schema)
        if errors:
            print(f"{path}: {len(errors)} error(s) against {SCHEMA.name}:", file=sys.stderr)
            for line in errors[:50]:
                print(f"  {line}", file=sys.stderr)
            return 1
        print(f"{path}: valid ({SCHEMA.name})")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

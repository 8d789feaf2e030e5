#!/usr/bin/env python3
"""Validates a sweep report and executes notebooks/thresholds.ipynb headless against it.

Usage: run_thresholds.py REPORT_DIR [--timeout SECONDS]

REPORT_DIR is what `flowverify sweep report STORE --out REPORT_DIR` wrote. report.json is
validated against schemas/sweep-report.schema.json (jsonschema); then the notebook runs in the
kernel `make venv` registers (chosen as notebooks/run_notebook.py chooses it), with
FLOWVERIFY_SWEEP_REPORT set; the executed copy goes to REPORT_DIR/thresholds.ipynb. The
committed notebook must carry no outputs.
"""
import argparse
import json
import os
import sys
import time
from pathlib import Path

import jsonschema
import nbformat
from jupyter_client.kernelspec import NoSuchKernel
from nbclient import NotebookClient

sys.path.insert(0, str(Path(__file__).resolve().parent))
from run_notebook import kernel_in_this_environment, stored_outputs  # noqa: E402

HERE = Path(__file__).resolve().parent
NOTEBOOK = HERE / "thresholds.ipynb"
SCHEMA = HERE.parent / "schemas" / "sweep-report.schema.json"


def main():
    parser = argparse.ArgumentParser(description=__doc__.strip().splitlines()[0])
    parser.add_argument("report_dir", type=Path)
    parser.add_argument("--timeout", type=int, default=300)
    args = parser.parse_args()
    directory = args.report_dir.resolve()
    for name in ("report.json", "cells.csv", "thresholds.csv", "candidates.csv"):
        if not (directory / name).is_file():
            raise SystemExit(f"no {name} in {directory}")
    jsonschema.validate(json.loads((directory / "report.json").read_text()), json.loads(SCHEMA.read_text()))
    nb = nbformat.read(NOTEBOOK, as_version=4)
    if stored_outputs(nb):
        raise SystemExit(f"{NOTEBOOK} carries outputs in cells {stored_outputs(nb)}; strip them before committing")
    try:
        kernel = kernel_in_this_environment("flowverify-venv")
    except NoSuchKernel:
        kernel = kernel_in_this_environment("python3")
    os.environ["FLOWVERIFY_SWEEP_REPORT"] = str(directory)
    start = time.monotonic()
    client = NotebookClient(nb, timeout=args.timeout, kernel_name=kernel,
                            extra_arguments=["--IPKernelApp.log_level=ERROR"],
                            resources={"metadata": {"path": str(HERE)}})
    try:
        client.execute()
    finally:
        nbformat.write(nb, directory / "thresholds.ipynb")
    print(f"{NOTEBOOK.name} on {directory}: report.json valid, executed in {time.monotonic() - start:.1f} s (kernel {kernel})")


if __name__ == "__main__":
    main()

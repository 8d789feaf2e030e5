#!/usr/bin/env python3
"""Executes notebooks/report.ipynb headless (nbclient) against a report.json.

Usage: run_notebook.py REPORT.json [--timeout SECONDS] [--kernel NAME]

The kernel is the one `make venv` registers inside .venv (flowverify-venv) when there is one,
else python3; either way it must run this interpreter's environment, so the notebook sees the
venv's packages. The executed notebook (with its outputs) is written next to the report as
notebook.ipynb; the committed notebook must carry no outputs, and this script refuses one that
does. FLOWVERIFY_FIGURES passes through to the notebook (PNG files next to the report).
"""
import argparse
import os
import sys
import time
from pathlib import Path

import nbformat
from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel
from nbclient import NotebookClient

NOTEBOOK = Path(__file__).resolve().parent / "report.ipynb"


def stored_outputs(nb):
    """Code cells that carry outputs or execution counts (the committed notebook must not)."""
    return [i for i, cell in enumerate(nb.cells)
            if cell.cell_type == "code" and (cell.get("outputs") or cell.get("execution_count") is not None)]


def kernel_in_this_environment(name):
    """The kernel `name`, checked to start this environment's Python (sys.prefix)."""
    spec = KernelSpecManager().get_kernel_spec(name)
    python = Path(spec.argv[0])
    if python.name.startswith("python") and not python.is_absolute():
        python = Path(sys.executable)  # ipykernel's native spec: "python", this interpreter
    if not str(python.absolute()).startswith(sys.prefix.rstrip("/") + "/"):
        raise SystemExit(f"kernel {name!r} runs {python}, outside this environment ({sys.prefix}); run `make venv`")
    return name


def main():
    parser = argparse.ArgumentParser(description=__doc__.strip().splitlines()[0])
    parser.add_argument("report", type=Path)
    parser.add_argument("--timeout", type=int, default=300, help="seconds per cell (default 300)")
    parser.add_argument("--kernel", default=None, help="kernel name (default flowverify-venv, else python3)")
    args = parser.parse_args()

    report = args.report.resolve()
    if not report.is_file():
        raise SystemExit(f"no report at {report}")
    nb = nbformat.read(NOTEBOOK, as_version=4)
    if stored_outputs(nb):
        raise SystemExit(f"{NOTEBOOK} carries outputs in cells {stored_outputs(nb)}; strip them before committing")
    if args.kernel:
        kernel = kernel_in_this_environment(args.kernel)
    else:
        try:
            kernel = kernel_in_this_environment("flowverify-venv")
        except NoSuchKernel:
            kernel = kernel_in_this_environment("python3")

    os.environ["FLOWVERIFY_REPORT"] = str(report)  # the kernel inherits this process's environment
    start = time.monotonic()
    # The kernel's log at ERROR: ipykernel warns that a local kernel talks over TCP unencrypted.
    client = NotebookClient(nb, timeout=args.timeout, kernel_name=kernel,
                            extra_arguments=["--IPKernelApp.log_level=ERROR"],
                            resources={"metadata": {"path": str(NOTEBOOK.parent)}})
    try:
        client.execute()
    finally:
        executed = report.parent / "notebook.ipynb"
        nbformat.write(nb, executed)
    print(f"{NOTEBOOK.name} on {report}: executed in {time.monotonic() - start:.1f} s (kernel {kernel}); "
          f"outputs in {executed}")


if __name__ == "__main__":
    main()

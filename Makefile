# FlowVerify — the two commands of the README:
#   make verify   installs what is missing, builds, runs the main job
#   make test     installs what is missing, builds, passes the tests
SWIFT        ?= swift
APT_PACKAGES := libgmp-dev libmpfr-dev libmpfi-dev libsqlite3-dev
TEST_TOOLS   := valgrind chromium
RELEASE_BIN   = $(shell $(SWIFT) build -c release --show-bin-path)
# The release build's CPU: haswell (AVX2, FMA, BMI2) where this machine has those, so the double
# fast path's fused multiply-adds are instructions rather than calls into libm; else the
# compiler's portable default. Swift neither contracts nor reassociates floating point, so the
# results are the same bits either way. For machines other than this one (a cluster's nodes):
# make build TARGET_CPU=   (empty: portable).
TARGET_CPU   ?= $(shell awk '/^flags/ { n = split("avx avx2 fma bmi1 bmi2 f16c abm movbe", f); \
                  for (i = 1; i <= n; i++) if (index($$0 " ", " " f[i] " ") == 0) exit; print "haswell"; exit }' /proc/cpuinfo 2>/dev/null)
CPU_FLAGS     = $(if $(TARGET_CPU),-Xswiftc -target-cpu -Xswiftc $(TARGET_CPU))
# -enable-testing: the unit tests run against this same release build (`@testable import`), so
# `make test` compiles the package once, optimized, instead of a debug build (whose numerical
# tests run several times slower) plus a release build for the binary. The flag left the
# binary's speed unchanged within the noise (P1 and P2 at 256 bits, side by side).
SWIFT_RELEASE = $(SWIFT) build -c release $(CPU_FLAGS) -Xswiftc -enable-testing
# The tests of the build above; --skip-build because `swift test` would build with a plan of
# its own and recompile the package twice (once for it, once more for the next `swift build`).
SWIFT_TEST    = $(SWIFT) test -c release $(CPU_FLAGS) -Xswiftc -enable-testing --skip-build

.PHONY: all setup setup-test-tools build test manifest-check unit-tests release-checks leakcheck verify bench bench-heyoka bench-precision clean \
        venv notebook-check

all: build

# Installs the Debian packages the build needs (GMP, MPFR, MPFI) when they are missing:
# as root directly, otherwise through sudo; says what to run when neither is possible.
setup:
	@./.ci/install-debian-packages $(APT_PACKAGES)

setup-test-tools:
	@./.ci/install-debian-packages $(TEST_TOOLS)

build: setup
	$(SWIFT_RELEASE) --product flowverify

# The manifest check (every target declares what it imports), unit tests (the release build), the notebooks
# on a quick report and a small sweep, the one-node Slurm test, then the checks that need a fresh process: aliasing in a release build
# and valgrind's leak check on mpcheck.
test: setup setup-test-tools manifest-check unit-tests notebook-check sweep-notebook-check test-slurm release-checks leakcheck

unit-tests:
	$(SWIFT_RELEASE) --build-tests
	$(SWIFT_TEST)

# Package.swift declares exactly what each target imports (.ci/check-target-imports).
manifest-check:
	./.ci/check-target-imports

release-checks:
	$(SWIFT_RELEASE) --product mpcheck
	$(RELEASE_BIN)/mpcheck aliasing

# 0 bytes definitely lost (possibly-lost blocks belong to the Swift runtime's metadata caches),
# and no heap allocation by the in-place API.
leakcheck:
	$(SWIFT) build --product mpcheck
	valgrind --leak-check=full --errors-for-leak-kinds=definite --error-exitcode=1 \
	    $$($(SWIFT) build --show-bin-path)/mpcheck leaks 20000
	./.ci/check-inplace-allocations $$($(SWIFT) build --show-bin-path)/mpcheck

# The main job: every claim checked with the default ladder (53,128,256,512,1024 bits) on all
# cores; the table on stdout, the report in reports/verify/ (index.html, report.md,
# report.json). flowverify's exit code says holds (0) / fails (1) / undecided (2); make succeeds
# whenever the report was written and says so, and fails only when the job itself did (≥ 3).
verify: build
	@rc=0; $(RELEASE_BIN)/flowverify verify --out reports/verify || rc=$$?; \
	if [ $$rc -gt 2 ]; then echo "make verify: flowverify verify failed (exit code $$rc)" >&2; exit $$rc; fi; \
	echo "make verify: report in reports/verify/index.html (flowverify verify exit code $$rc: 0 all hold, 1 some fail, 2 some undecided)"

# The notebook's Python environment (.venv, notebooks/requirements.txt). The stamp file makes a
# second `make` a no-op; a changed requirements list reinstalls. Where `python3 -m venv` fails
# because Debian's python3-venv is missing, that package is installed first. The venv's
# ipykernel is registered inside the venv (kernel flowverify-venv) so the notebook runs there.
PYTHON3      ?= python3
VENV         := .venv
VENV_PYTHON  := $(VENV)/bin/python
VENV_STAMP   := $(VENV)/.flowverify-installed

venv: $(VENV_STAMP)

$(VENV_STAMP): notebooks/requirements.txt
	@$(PYTHON3) -m venv $(VENV) >/dev/null 2>&1 || { \
	    echo "$(PYTHON3) -m venv failed: installing Debian's python3-venv, then trying again" >&2; \
	    rm -rf $(VENV); ./.ci/install-debian-packages python3-venv && $(PYTHON3) -m venv $(VENV); }
	$(VENV_PYTHON) -m pip install --quiet -r notebooks/requirements.txt
	$(VENV_PYTHON) -m ipykernel install --sys-prefix --name flowverify-venv --display-name "FlowVerify (.venv)" >/dev/null
	touch $@

# The notebook against a fresh quick report and against a synthetic sample with every kind of
# figure and a full ladder: both validated against schemas/report.schema.json, then the
# notebook executed headless. Exit codes 0, 1, 2 of `verify` are verdicts (the report is
# written); anything else fails.
notebook-check: build venv
	rm -rf reports/quick reports/sample
	@rc=0; $(RELEASE_BIN)/flowverify verify --quick --out reports/quick || rc=$$?; \
	    if [ $$rc -gt 2 ]; then echo "notebook-check: flowverify verify --quick exited with $$rc" >&2; exit 1; fi
	$(VENV_PYTHON) notebooks/validate_report.py reports/quick/report.json
	$(VENV_PYTHON) notebooks/make_sample_report.py reports/sample/report.json
	$(VENV_PYTHON) notebooks/validate_report.py reports/sample/report.json
	FLOWVERIFY_FIGURES=1 $(VENV_PYTHON) notebooks/run_notebook.py reports/sample/report.json
	$(VENV_PYTHON) notebooks/run_notebook.py reports/quick/report.json

# The Benchmarks package reaches the main one by path; when a source file is added there, its
# cached build plan can still list the old files ("cannot find … in scope"), so it is dropped
# first (planning again takes a second; nothing is recompiled that has not changed).
bench: setup
	rm -f Benchmarks/.build/release.yaml Benchmarks/.build/*/release/description.json
	cd Benchmarks && $(SWIFT) run -c release $(CPU_FLAGS) flowverify-bench

# flowverify against heyoka (Taylor, LLVM) on P1 in double and at 256 bits, when `import heyoka`
# works (HEYOKA_PYTHON: a Python that has it, e.g. a venv with `pip install heyoka mpmath`).
HEYOKA_PYTHON ?= python3
bench-heyoka: build
	$(HEYOKA_PYTHON) Benchmarks/heyoka/compare.py problems/P1.json --precision double --flowverify $(RELEASE_BIN)/flowverify
	$(HEYOKA_PYTHON) Benchmarks/heyoka/compare.py problems/P1.json --precision 256 --flowverify $(RELEASE_BIN)/flowverify

# Cost against precision, flowverify and heyoka side by side (about an hour and a half): P1 to
# t = 400 from double to 2,048 bits, and to t = 50 up to 4,096 bits; P2 (stiff convergence tail) to
# t = 1e6 at 256 bits; runs over 900 s are cut and shown as such. flowverify runs on one worker
# beside heyoka's one thread, and again on BENCH_WORKERS (default: the cores) with its state checked.
BENCH_WORKERS ?= $(shell nproc)
BENCH_PRECISION = $(HEYOKA_PYTHON) Benchmarks/heyoka/precision_table.py --timeout 900 --workers $(BENCH_WORKERS) \
                  --flowverify $(RELEASE_BIN)/flowverify
bench-precision: build
	$(BENCH_PRECISION) problems/P1.json --until 400 --precisions double,128,256,512,1024,2048
	$(BENCH_PRECISION) problems/P1.json --until 50 --precisions 1024,2048,4096
	$(BENCH_PRECISION) problems/P2.json --until 1e6 --precisions 256

clean:
	rm -rf .build Benchmarks/.build

# ---- Sweeps (threshold maps): flowverify sweep, its notebook and the Slurm test ----------------
.PHONY: sweep-quick sweep-notebook-check test-slurm

# nsep-quick (sweeps/nsep-quick.json) into reports/sweep-quick/store.sqlite (resumes), then its report.
sweep-quick: build
	@mkdir -p reports/sweep-quick
	$(RELEASE_BIN)/flowverify sweep run sweeps/nsep-quick.json --store reports/sweep-quick/store.sqlite
	$(RELEASE_BIN)/flowverify sweep report reports/sweep-quick/store.sqlite --out reports/sweep-quick/report

# The thresholds notebook headless on the report of a small sweep (sweeps/slurm-test.json, seconds),
# after report.json is validated against schemas/sweep-report.schema.json.
sweep-notebook-check: build venv
	rm -rf reports/sweep-small && mkdir -p reports/sweep-small
	$(RELEASE_BIN)/flowverify sweep run sweeps/slurm-test.json --store reports/sweep-small/store.sqlite --quiet
	$(RELEASE_BIN)/flowverify sweep report reports/sweep-small/store.sqlite --out reports/sweep-small/report --level 0.5
	$(VENV_PYTHON) notebooks/run_thresholds.py reports/sweep-small/report
	$(VENV_PYTHON) notebooks/check_analysis_scripts.py reports/sweep-small $(RELEASE_BIN)/flowverify

# A real one-node Slurm cluster on localhost (root; installs slurm-wlm and munge when missing):
# the job array of sweeps/slurm-test.json and its afterok merge must equal a local run row for row.
test-slurm: build
	timeout 600 ./.ci/test-slurm $(RELEASE_BIN)/flowverify sweeps/slurm-test.json 3

# Fuzzing (separate from `make test`, which runs a few thousand cases in process and a sample in
# fresh processes): FUZZ_CASES (default 10,000) mutated problem files, command lines and
# expressions against the release binary, in fresh processes under `timeout` (120 s) and
# `ulimit -v` (8 GiB), deterministic (FUZZ_SEED). Fails on any signal, hang, exit code outside
# 0, 1, 2, 64, 65, 73, output written on a refusal, or exit 0 with a non-finite run record;
# prints the counts and the time taken.
FUZZ_CASES ?= 10000
FUZZ_JOBS  ?= 2
FUZZ_SEED  ?= 20240513
.PHONY: fuzz
fuzz: build
	$(SWIFT_RELEASE) --build-tests
	FLOWVERIFY_FUZZ_CASES=$(FUZZ_CASES) FLOWVERIFY_FUZZ_JOBS=$(FUZZ_JOBS) FLOWVERIFY_FUZZ_SEED=$(FUZZ_SEED) \
	FLOWVERIFY_FUZZ_BINARY=$(RELEASE_BIN)/flowverify \
	    $(SWIFT_TEST) --filter 'FuzzTests/campaign'

# The project's commands. `make test` is what CI runs (.ci/run); `make study` is the main job.
#
#   make setup   the only step that installs anything: the Debian packages every target needs (only those
#                missing; root or sudo once): the build's libraries, the report's pandoc/XeLaTeX, Slurm and
#                munge for test-slurm; and .venv/ with Jupyter's nbformat, nbconvert and ipykernel
#   make format  format the Swift sources (swift format, .swift-format); make lint checks it (part of test)
#   make build   release build of every tool
#   make test    setup, then the whole test suite (release mode: the numeric tests need the speed), the
#                consumer test (packages depending on this one by version, scripts/test-consumers.sh) and
#                the study on a one-node Slurm (scripts/test-slurm.sh, about a minute; make test-slurm alone)
#   make bench   performance figures (matmul GFLOP/s, training-step times, the Swift kernel's cell times)
#   make gallery one PNG of every figure type of the Plot library into docs/gallery/
#   make study   the optimizer study, the final model and the report (results/, docs/report/, informe.pdf);
#                RUNNER=slurm runs it on a Slurm cluster, SEEDS/EPOCHS/SIZE_EPOCHS/WIDTHS/DEPTHS size it,
#                DTYPE=float32 runs it in Float32 (train --dtype),
#                an interrupted study resumes, FRESH=1 starts over (README: "The study on a cluster")
#   make report  the report's PDF, docs/report/informe.pdf, from docs/report/informe.md (pandoc + xelatex)
#   make notebooks  the 14 UDL notebooks: the CLI's outputs into docs/notebooks/output and figures into
#                docs/notebooks/figures; the Swift notebooks (the 14 and the walkthrough recorrido), built from
#                docs/notebooks/swift/*.md and executed on the Swift kernel, into docs/notebooks/ipynb
#   make docs    the libraries' DocC documentation into .build/docs/
#   make fuzz    the libFuzzer harnesses of Tests/Fuzz (CSV and model files, the sbatch generator), FUZZ_SECONDS each (default 600)
#   make clean   remove build products

SWIFT ?= swift
# TARGET_CPU=<llvm cpu> (e.g. znver4, native) compiles the Swift code for one processor: for local builds
# only (the package itself carries no build flags, so other packages can depend on it by version).
BUILD_FLAGS = -c release $(if $(TARGET_CPU),-Xswiftc -target-cpu -Xswiftc $(TARGET_CPU))
# Tests run in release mode: the suites reproduce whole notebook runs and debug builds are 30-1000x slower.
TEST_FLAGS ?= $(BUILD_FLAGS) --disable-testable-imports

.PHONY: setup build test format lint bench gallery notebooks study study-runs test-slurm report docs fuzz clean

setup:
	@sh scripts/setup-system.sh
	@sh scripts/setup-python.sh

build: setup
	$(SWIFT) build $(BUILD_FLAGS)

test: setup lint
	$(SWIFT) build $(BUILD_FLAGS)
	$(SWIFT) test $(TEST_FLAGS)
	sh scripts/test-consumers.sh
	sh scripts/test-slurm.sh
	FUZZ_SECONDS=60 sh scripts/fuzz.sh

# Each fuzz harness runs FUZZ_SECONDS on its seed corpus; a finding lands in Tests/Fuzz/crashes/ and fails.
FUZZ_SECONDS ?= 600
fuzz:
	FUZZ_SECONDS=$(FUZZ_SECONDS) sh scripts/fuzz.sh

# The Swift sources are formatted by the toolchain's swift-format with the committed .swift-format.
FORMAT_PATHS = Package.swift Packages Plugins Tools Tests Benchmarks
format:
	$(SWIFT) format -i -r --configuration .swift-format $(FORMAT_PATHS)

# lint also checks every target's imports against the layers of docs/ARCHITECTURE.md (scripts/lint-imports.py).
lint:
	$(SWIFT) format lint --strict -r --configuration .swift-format $(FORMAT_PATHS)
	python3 scripts/lint-imports.py

bench: build
	.build/release/bench
	.venv/bin/python scripts/bench-kernel.py
	sh scripts/bench-course.sh

gallery: build
	.build/release/plot-gallery --output docs/gallery

notebooks: build
	.build/release/notebook run all --figures docs/notebooks/figures --transcripts docs/notebooks/output
	.venv/bin/python scripts/notebooks.py build

# The study: independent train runs in parallel (one per core), then summaries, the final model (its
# candidates' cross-validation runs are in the plan; their refits on every point are a second list),
# figures, the report and its PDF. RESULTS/JOBS can be overridden; the run lists are $(RESULTS)/runs.txt
# and $(RESULTS)/refits.txt, one shell command per line.
RESULTS ?= results
JOBS ?= $(shell nproc 2>/dev/null || echo 2)
TOOLS = .build/release
BACKPROP = $(TOOLS)/backprop-check --model examples/figure1/model.json --data examples/figure1/data.csv
# Where the runs run: local (xargs -P $(JOBS)) or slurm (a job array through sbatch; SLURM_PARTITION,
# SLURM_TIME, SLURM_PARALLEL, SLURM_JOB_NAME), both resuming: only unfinished runs are started.
RUNNER ?= local
export RUNNER JOBS TOOLS SLURM_PARTITION SLURM_TIME SLURM_PARALLEL SLURM_JOB_NAME
# The study's size, recorded in $(RESULTS)/plan.json (defaults: the study the report describes).
SCOPE = $(if $(SEEDS),--seeds $(SEEDS)) $(if $(EPOCHS),--epochs $(EPOCHS)) \
	$(if $(SIZE_EPOCHS),--size-epochs $(SIZE_EPOCHS)) $(if $(WIDTHS),--widths $(WIDTHS)) \
	$(if $(DEPTHS),--depths $(DEPTHS)) $(if $(EXPERIMENTS),--experiments $(EXPERIMENTS)) \
	$(if $(DTYPE),--dtype $(DTYPE))

# The runs of the plan, then the summary tables. FRESH=1 discards earlier runs first.
study-runs: build
	@if [ -n "$(FRESH)" ]; then rm -rf $(RESULTS)/runs $(RESULTS)/final; fi
	@mkdir -p $(RESULTS)
	$(TOOLS)/study prepare --results $(RESULTS) $(SCOPE)
	$(TOOLS)/study plan --results $(RESULTS) > $(RESULTS)/runs.txt
	@date +%s > $(RESULTS)/runs.started
	sh scripts/run-list.sh plan $(RESULTS)
	$(TOOLS)/study summarize --results $(RESULTS)

study: study-runs
	@mkdir -p models docs/report/figures $(RESULTS)/backprop
	$(TOOLS)/study refits --results $(RESULTS) > $(RESULTS)/refits.txt
	sh scripts/run-list.sh refits $(RESULTS)
	@# The study's wall time is measured when this pass ran every run of both lists (a fresh or FRESH=1 study).
	@pending=$$(cat $(RESULTS)/slurm/plan-pending.txt $(RESULTS)/slurm/refits-pending.txt | wc -l); \
	total=$$(cat $(RESULTS)/runs.txt $(RESULTS)/refits.txt | wc -l); \
	if [ $$pending -eq $$total ]; then \
		printf 'key,value\nruns_seconds,%s\njobs,%s\nruns,%s\n' $$(( $$(date +%s) - $$(cat $(RESULTS)/runs.started) )) \
			$(if $(filter slurm,$(RUNNER)),$${SLURM_PARALLEL:-32},$(JOBS)) $$total > $(RESULTS)/duration.csv; \
	else echo "[study] $$pending of $$total runs ran in this pass: $(RESULTS)/duration.csv keeps the time of the last full one"; fi
	@for activation in sigmoid tanh selu leaky-relu; do \
		$(BACKPROP) --activation $$activation --format json -o $(RESULTS)/backprop/$$activation-mse.json || exit 1; \
		$(BACKPROP) --activation $$activation --format markdown -o $(RESULTS)/backprop/$$activation-mse.md || exit 1; \
	done
	@# SELU and LeakyReLU have two pre-activations on their kink (0 in exact arithmetic): the other side of a'.
	@for activation in selu leaky-relu; do \
		$(BACKPROP) --activation $$activation --kink-derivative right --format json \
			-o $(RESULTS)/backprop/$$activation-right-mse.json || exit 1; \
	done
	$(BACKPROP) --activation sigmoid --format markdown --point 1 --language es --decimals 4 \
		-o $(RESULTS)/backprop/sigmoid-point1.md
	@echo "[study] backpropagation exercise: $(RESULTS)/backprop/"
	$(TOOLS)/study final --results $(RESULTS) && echo "[study] final model: models/optimal.json"
	$(TOOLS)/study report --results $(RESULTS) --figures docs/report/figures \
		--template docs/report/informe.template.md --output docs/report/informe.md
	$(MAKE) --no-print-directory report

# The study's Slurm runner against a one-node Slurm started on this machine (scripts/test-slurm.sh).
test-slurm: build
	sh scripts/test-slurm.sh

# The PDF of the report (the PDF test in `make test` builds it again and checks it).
report:
	sh scripts/report-pdf.sh --input docs/report/informe.md --output docs/report/informe.pdf

# The libraries' DocC catalogs (Packages/<Library>/<Library>.docc) as archives under .build/docs/.
DOC_TARGETS = Tensor NN Optim Datasets Training Plot NNReports Study Notebooks NotebookKernel NotebookSupport
docs: setup
	@mkdir -p .build/docs
	@for target in $(DOC_TARGETS); do \
		$(SWIFT) package --allow-writing-to-directory .build/docs generate-documentation --target $$target \
			--output-path .build/docs/$$target.doccarchive || exit 1; \
	done; echo "docs: .build/docs/*.doccarchive (open with 'docc preview' or any static server)"

clean:
	rm -rf .build Tests/Fuzz/.build-fuzz

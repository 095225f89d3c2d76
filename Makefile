# The project's commands. `make test` is what CI runs (.ci/run); `make study` is the main job.
#
#   make setup   install the Debian packages the build needs (only those missing)
#   make format  format the Swift sources (swift format, .swift-format); make lint checks it (part of test)
#   make build   release build of every tool
#   make test    setup, then the whole test suite (release mode: the numeric tests need the speed) and the
#                consumer test (packages depending on this one by version, scripts/test-consumers.sh)
#   make bench   performance figures (matmul GFLOP/s, training-step times)
#   make gallery one PNG of every figure type of the Plot library into docs/gallery/
#   make study   the optimizer study, the final model and the report (results/, docs/report/)
#   make notebooks  the 14 UDL notebooks: outputs into docs/notebooks/output, figures into docs/notebooks/figures
#   make fuzz    the libFuzzer harnesses of Tests/Fuzz (CSV and model files), FUZZ_SECONDS each (default 600)
#   make clean   remove build products

SWIFT ?= swift
# TARGET_CPU=<llvm cpu> (e.g. znver4, native) compiles the Swift code for one processor: for local builds
# only (the package itself carries no build flags, so other packages can depend on it by version).
BUILD_FLAGS = -c release $(if $(TARGET_CPU),-Xswiftc -target-cpu -Xswiftc $(TARGET_CPU))
# Tests run in release mode: the suites reproduce whole notebook runs and debug builds are 30-1000x slower.
TEST_FLAGS ?= $(BUILD_FLAGS) --disable-testable-imports

.PHONY: setup build test format lint bench gallery notebooks study fuzz clean

setup:
	@sh scripts/setup-system.sh

build: setup
	$(SWIFT) build $(BUILD_FLAGS)

test: setup lint
	$(SWIFT) build $(BUILD_FLAGS)
	$(SWIFT) test $(TEST_FLAGS)
	sh scripts/test-consumers.sh
	FUZZ_SECONDS=60 sh scripts/fuzz.sh

# Each fuzz harness runs FUZZ_SECONDS on its seed corpus; a finding lands in Tests/Fuzz/crashes/ and fails.
FUZZ_SECONDS ?= 600
fuzz:
	FUZZ_SECONDS=$(FUZZ_SECONDS) sh scripts/fuzz.sh

# The Swift sources are formatted by the toolchain's swift-format with the committed .swift-format.
FORMAT_PATHS = Package.swift Packages Tools Tests Benchmarks
format:
	$(SWIFT) format -i -r --configuration .swift-format $(FORMAT_PATHS)

lint:
	$(SWIFT) format lint --strict -r --configuration .swift-format $(FORMAT_PATHS)

bench: build
	.build/release/bench
	sh scripts/bench-course.sh

gallery: build
	.build/release/plot-gallery --output docs/gallery

notebooks: build
	.build/release/notebook run all --figures docs/notebooks/figures --transcripts docs/notebooks/output

# The study: independent train runs in parallel (one per core), then summaries, the final model, figures
# and the report. RESULTS/JOBS can be overridden; the run list is in $(RESULTS)/runs.txt.
RESULTS ?= results
JOBS ?= $(shell nproc 2>/dev/null || echo 2)
TOOLS = .build/release

study: build
	@mkdir -p models docs/report/figures $(RESULTS)/backprop
	$(TOOLS)/study prepare --results $(RESULTS)
	$(TOOLS)/study plan --results $(RESULTS) > $(RESULTS)/runs.txt
	@echo "[study] $$(wc -l < $(RESULTS)/runs.txt) runs on $(JOBS) cores"
	@start=$$(date +%s); tr '\n' '\0' < $(RESULTS)/runs.txt | xargs -0 -P $(JOBS) -n 1 sh -c; \
		printf 'key,value\nruns_seconds,%s\njobs,%s\nruns,%s\n' $$(( $$(date +%s) - start )) $(JOBS) \
		$$(wc -l < $(RESULTS)/runs.txt) > $(RESULTS)/duration.csv
	$(TOOLS)/study summarize --results $(RESULTS)
	@for activation in sigmoid tanh selu leaky-relu; do \
		$(TOOLS)/backprop-check --model examples/figure1/model.json --data examples/figure1/data.csv \
			--activation $$activation --format json -o $(RESULTS)/backprop/$$activation-mse.json || exit 1; \
		$(TOOLS)/backprop-check --model examples/figure1/model.json --data examples/figure1/data.csv \
			--activation $$activation --format markdown -o $(RESULTS)/backprop/$$activation-mse.md || exit 1; \
	done; echo "[study] backpropagation exercise: $(RESULTS)/backprop/"
	$(TOOLS)/study final --results $(RESULTS) && echo "[study] final model: models/optimal.json"
	$(TOOLS)/study report --results $(RESULTS) --figures docs/report/figures \
		--template docs/report/informe.template.md --output docs/report/informe.md

clean:
	rm -rf .build Tests/Fuzz/.build-fuzz

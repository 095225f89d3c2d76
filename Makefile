# The project's commands. `make test` is what CI runs (.ci/run); `make study` is the main job.
#
#   make setup   install the Debian packages the build needs (only those missing)
#   make build   release build of every tool
#   make test    setup, then the whole test suite (release mode: the numeric tests need the speed)
#   make bench   performance figures (matmul GFLOP/s, training-step times)
#   make gallery one PNG of every figure type of the Plot library into docs/gallery/
#   make notebooks  the 14 UDL notebooks: outputs into docs/notebooks/output, figures into docs/notebooks/figures
#   make clean   remove build products

SWIFT ?= swift
# Tests run in release mode: the suites reproduce whole notebook runs and debug builds are 30-1000x slower.
TEST_FLAGS ?= -c release --disable-testable-imports

.PHONY: setup build test bench gallery notebooks clean

setup:
	@sh scripts/setup-system.sh

build: setup
	$(SWIFT) build -c release

test: setup
	$(SWIFT) build -c release
	$(SWIFT) test $(TEST_FLAGS)

bench: build
	.build/release/bench
	sh scripts/bench-course.sh

gallery: build
	.build/release/plot-gallery --output docs/gallery

notebooks: build
	.build/release/notebook run all --figures docs/notebooks/figures --transcripts docs/notebooks/output

clean:
	rm -rf .build

#!/bin/sh
# The fuzz harnesses of Tests/Fuzz (libFuzzer + AddressSanitizer): the CSV reader and writer (read → write →
# read gives the same table), the model file parser and writer (parse → write → parse is bit-identical) and the
# sbatch script generator of `study slurm-script` (no value given to it ends up as a command).
#
# Builds Tests/Fuzz (its own package, depending on this one by path) into Tests/Fuzz/.build-fuzz with
# `swift build --sanitize fuzzer --sanitize address`, then runs each harness for FUZZ_SECONDS (default 600)
# on its committed seed corpus (Tests/Fuzz/corpus/<name>) plus a working corpus in the build folder. A
# finding (crash, trap, leak, timeout) is written to Tests/Fuzz/crashes/<name>/ to be committed with the
# fix, and makes the script fail; so does a harness that cannot be built or run, so a run is never
# silently skipped. Inputs already in Tests/Fuzz/crashes/ are replayed first, as regression tests.
# Usage: FUZZ_SECONDS=60 scripts/fuzz.sh [csv|model|slurm]...
set -eu
seconds=${FUZZ_SECONDS:-600}
root=$(cd "$(dirname "$0")/.." && pwd)
fuzz="$root/Tests/Fuzz"
scratch="$fuzz/.build-fuzz"
harnesses=${*:-csv model slurm}

build() {
    swift build -c release --sanitize fuzzer --sanitize address --package-path "$fuzz" --scratch-path "$scratch"
}
# Whether a harness is instrumented for coverage: libFuzzer reports `cov:` once it has run the seeds.
instrumented() {
    "$1" -runs=0 "$fuzz/corpus/$2" 2>&1 | grep -q "cov: [1-9]"
}
build
bin=$(swift build -c release --sanitize fuzzer --sanitize address --package-path "$fuzz" --scratch-path "$scratch" \
    --show-bin-path)
# An incremental build has been seen to come out without coverage counters (every input then looks alike
# and the run finds nothing): start the build folder afresh, keeping the working corpora, and check again.
for name in $harnesses; do
    if ! instrumented "$bin/fuzz-$name" "$name"; then
        echo "fuzz: fuzz-$name has no coverage instrumentation; rebuilding $scratch from scratch" >&2
        find "$scratch" -mindepth 1 -maxdepth 1 ! -name 'corpus-*' -exec rm -rf {} +
        build
        break
    fi
done
status=0
# Swift's own crash backtracer and AddressSanitizer's get in each other's way: leave crashes to ASan.
export SWIFT_BACKTRACE=enable=no
for name in $harnesses; do
    harness="$bin/fuzz-$name"
    [ -x "$harness" ] || { echo "fuzz: no harness $harness" >&2; exit 1; }
    crashes="$fuzz/crashes/$name"
    work="$scratch/corpus-$name"
    mkdir -p "$crashes" "$work"
    # Earlier findings first: each must pass now.
    for input in "$crashes"/*; do
        [ -f "$input" ] || continue
        "$harness" "$input" > /dev/null 2>&1 || { echo "fuzz-$name: $input still fails" >&2; status=1; }
    done
    echo "fuzz-$name: $seconds s, seeds in Tests/Fuzz/corpus/$name"
    if ! "$harness" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
        -artifact_prefix="$crashes/" "$work" "$fuzz/corpus/$name" > "$scratch/fuzz-$name.log" 2>&1; then
        status=1
        echo "fuzz-$name: FINDING, input in $crashes/ (log: $scratch/fuzz-$name.log)" >&2
        tail -40 "$scratch/fuzz-$name.log" >&2
    fi
    grep -E "^stat::(number_of_executed_units|peak_rss_mb|new_units_added)" "$scratch/fuzz-$name.log" || true
    # The last status line (executions, coverage, corpus); without coverage the run proved nothing.
    if ! grep -E "^#[0-9]+.*cov: [1-9]" "$scratch/fuzz-$name.log" | tail -1; then
        echo "fuzz-$name: no coverage reported; the harness is not instrumented" >&2
        status=1
    fi
done
exit $status

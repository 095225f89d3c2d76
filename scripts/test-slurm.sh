#!/bin/sh
# The study on a real Slurm (make test-slurm): starts a one-node cluster on this machine
# (scripts/slurm-local.sh: munged, slurmctld, slurmd; `make setup` installs slurm-wlm and munge), runs a
# small plan (6 runs of 20 epochs: the size experiment at widths 4 and 10, one layer) once through
# RUNNER=slurm and once through the local runner, checks that the summaries' loss columns are identical,
# checks that a second Slurm pass submits nothing, and that after deleting one run's metrics only that run
# is submitted again. Every daemon it started is stopped by its PID, whatever happens.
# Usage: scripts/test-slurm.sh   (needs `make setup` and `make build` first)
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
work=$(mktemp -d)
cleanup() {
    sh scripts/slurm-local.sh stop "$work/cluster" || true
    rm -rf "$work"
}
trap cleanup EXIT INT TERM
fail() { echo "test-slurm: FAIL: $*" >&2; exit 1; }

started=$(date +%s)
# The cluster's environment comes in a file; the script's standard output must stay empty.
sh scripts/slurm-local.sh start "$work/cluster" > "$work/start.out" || fail "the one-node cluster did not start (above: why)"
[ ! -s "$work/start.out" ] || { cat "$work/start.out" >&2; fail "slurm-local.sh start wrote to standard output"; }
. "$work/cluster/env"
echo "test-slurm: cluster up ($(sinfo -h -o '%P %D nodes, %c CPUs' | head -n 1)) in $(( $(date +%s) - started )) s"

small="EXPERIMENTS=size WIDTHS=4,10 DEPTHS=1 SIZE_EPOCHS=20 SEEDS=0"
for runner in slurm local; do
    make --no-print-directory study-runs RUNNER=$runner RESULTS="$work/$runner" SLURM_PARALLEL=2 \
        SLURM_TIME=00:05:00 $small > "$work/$runner.log" 2>&1 || { cat "$work/$runner.log"; fail "make study-runs RUNNER=$runner"; }
done
grep -q "6 of 6 runs to do (slurm)" "$work/slurm.log" || { cat "$work/slurm.log"; fail "the Slurm runner did not submit the 6 runs"; }
ls "$work/slurm/slurm/plan-"[0-9]*.out > /dev/null 2>&1 || fail "no Slurm task output in $work/slurm/slurm"

# The loss columns of both summaries are byte-identical (the seconds columns measure the machine).
columns() { awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) keep[i] = ($i !~ /seconds/) } { line = ""; for (i = 1; i <= NF; i++) if (keep[i]) line = line $i ","; print line }' "$1"; }
columns "$work/slurm/size.csv" > "$work/slurm-size.txt"
columns "$work/local/size.csv" > "$work/local-size.txt"
[ "$(wc -l < "$work/slurm-size.txt")" -eq 7 ] || fail "size.csv should have 6 runs and a header"
cmp -s "$work/slurm-size.txt" "$work/local-size.txt" || { diff "$work/slurm-size.txt" "$work/local-size.txt"; fail "summaries differ"; }
echo "test-slurm: Slurm and local summaries agree ($(tail -n +2 "$work/slurm-size.txt" | cut -d, -f1 | tr '\n' ' '))"

# Resuming: nothing left to submit; then one missing run is the only one submitted again.
make --no-print-directory study-runs RUNNER=slurm RESULTS="$work/slurm" $small > "$work/again.log" 2>&1 || { cat "$work/again.log"; fail "second pass"; }
grep -q "all 6 runs already finished" "$work/again.log" || { cat "$work/again.log"; fail "a finished plan was submitted again"; }
victim=$(ls "$work/slurm/runs" | head -n 1)
rm "$work/slurm/runs/$victim"
make --no-print-directory study-runs RUNNER=slurm RESULTS="$work/slurm" $small > "$work/resume.log" 2>&1 || { cat "$work/resume.log"; fail "resume"; }
grep -q "1 of 6 runs to do (slurm)" "$work/resume.log" || { cat "$work/resume.log"; fail "resume did not submit exactly the missing run"; }
grep -q "${victim%.csv}" "$work/slurm/slurm/plan-pending.txt" || fail "the resubmitted run is not $victim"
columns "$work/slurm/size.csv" | cmp -s - "$work/local-size.txt" || fail "the resumed summary differs"
echo "test-slurm: ok: 6 runs through Slurm equal the local runner's; a finished plan submits nothing; a deleted run alone is redone ($(( $(date +%s) - started )) s)"

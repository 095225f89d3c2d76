#!/bin/sh
# Runs one of the study's run lists to completion, on this machine or on a Slurm cluster, resuming: only
# the runs that have not finished (missing or incomplete metrics) are started. Called by `make study`.
#
#   scripts/run-list.sh LIST RESULTS
#     LIST      plan or refits (study plan / study refits)
#     RESULTS   the results directory
#   Environment: RUNNER=local|slurm (default local), JOBS (local: runs at once, default the core count),
#     TOOLS (default .build/release); for Slurm SLURM_PARTITION, SLURM_TIME (default 01:00:00),
#     SLURM_PARALLEL (tasks at once, default 32), SLURM_JOB_NAME (default udl-study).
#
# With RUNNER=slurm the pending runs become a job array (study slurm-script: task i runs line i of
# RESULTS/slurm/LIST-pending.txt, one CPU each), submitted with `sbatch --parsable --wait`; each task's
# output is RESULTS/slurm/LIST-<i>.out. Afterwards `study check` names every run that did not finish, by its
# line in the list and its run name (and its task), and exits 75; running the study again resumes.
set -eu
list=${1:?usage: run-list.sh plan|refits RESULTS}
results=${2:?usage: run-list.sh plan|refits RESULTS}
runner=${RUNNER:-local}
tools=${TOOLS:-.build/release}
jobs=${JOBS:-$(nproc 2>/dev/null || echo 2)}

total=$("$tools/study" "$list" --results "$results" --tools "$tools" | wc -l | tr -d ' ')
pending="$results/slurm/$list-pending.txt"
mkdir -p "$results/slurm"
"$tools/study" pending --list "$list" --results "$results" --tools "$tools" > "$pending"
count=$(wc -l < "$pending" | tr -d ' ')
if [ "$count" -eq 0 ]; then
    echo "[study] $list: all $total runs already finished"
else
    echo "[study] $list: $count of $total runs to do ($runner)"
    case "$runner" in
    local)
        tr '\n' '\0' < "$pending" | xargs -0 -P "$jobs" -n 1 sh -c
        ;;
    slurm)
        command -v sbatch >/dev/null 2>&1 || { echo "run-list: RUNNER=slurm needs sbatch on the PATH" >&2; exit 69; }
        script="$results/slurm/$list.sbatch"
        rm -f "$results/slurm/$list"-*.out
        "$tools/study" slurm-script --lines "$pending" --output "$results/slurm/$list-%a.out" \
            ${SLURM_PARTITION:+--partition "$SLURM_PARTITION"} --time "${SLURM_TIME:-01:00:00}" \
            --parallel "${SLURM_PARALLEL:-32}" --job-name "${SLURM_JOB_NAME:-udl-study}" > "$script"
        job=$(sbatch --parsable --wait "$script") || true
        echo "[study] $list: Slurm job ${job:-?} ended"
        ;;
    *)
        echo "run-list: RUNNER=$runner: expected local or slurm" >&2
        exit 64
        ;;
    esac
fi
if [ "$runner" = slurm ]; then
    "$tools/study" check --list "$list" --results "$results" --tools "$tools" --pending "$pending" \
        --task-output "$results/slurm/$list-%a.out"
else
    "$tools/study" check --list "$list" --results "$results" --tools "$tools"
fi

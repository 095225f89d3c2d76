#!/bin/sh
# The course's optimizer comparison run with `train` (part of `make bench`): Net3L(50, 50, 50), ReLU, the
# 40x40 surface grid, 2,500 epochs, the five optimizer / batch-size pairs of the course's notebook, all from
# the same initial weights, one core, float64. Prints time, peak memory and final losses of each run and
# the total.
#
# When PyTorch is importable ($PYTHON, default python3), each run is preceded by the same run in PyTorch's
# tuned float32 loop on one thread (Benchmarks/reference/course_comparison_torch.py --run N --modes tuned32),
# and the script prints train's speed-up over it per run and in total, against the targets: every run
# faster, the total at least 3x. Without PyTorch it prints the recorded figures of
# Benchmarks/reference/torch-course.json instead. train's time is its whole process (start-up, data, final
# evaluation); PyTorch's is its training loop only.
# Usage: scripts/bench-course.sh [epochs]
set -eu
epochs=${1:-2500}
python=${PYTHON:-python3}
torch=no
if "$python" -c 'import torch' 2>/dev/null; then torch=yes; fi
bin=.build/release
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$bin/surface-data" > "$work/data.csv"
"$bin/surface-data" --clean > "$work/clean.csv"
"$bin/train" --data "$work/data.csv" --hidden 50,50,50 --epochs 0 --save "$work/init.json" --quiet

echo "course comparison with train: Net3L(50,50,50), 1600 points, $epochs epochs, float64, one thread"
if [ "$torch" = yes ]; then
    echo "side by side with PyTorch $("$python" -c 'import torch; print(torch.__version__)'), float32 tuned loop, one thread, run just before each"
fi
total=0
torch_total=0
slower=0
index=0
run() {
    label=$1
    shift
    index=$((index + 1))
    if [ "$torch" = yes ]; then
        OMP_NUM_THREADS=1 "$python" Benchmarks/reference/course_comparison_torch.py --run "$index" --modes tuned32 \
            --epochs "$epochs" > "$work/torch.json"
        torch_seconds=$("$python" -c 'import json, sys; print(json.load(open(sys.argv[1]))["seconds"])' "$work/torch.json")
        torch_total=$(awk "BEGIN {print $torch_total + $torch_seconds}")
    fi
    start=$(date +%s.%N)
    "$bin/train" --init-model "$work/init.json" --data "$work/data.csv" --validation "$work/clean.csv" \
        --validation-target z_clean --epochs "$epochs" --eval-every "$epochs" --metrics "$work/m.csv" "$@" \
        2> "$work/log" || { cat "$work/log"; exit 1; }
    end=$(date +%s.%N)
    seconds=$(awk "BEGIN {print $end - $start}")
    total=$(awk "BEGIN {print $total + $seconds}")
    memory=$(sed -n 's/.*peak memory \([0-9]*\) MB.*/\1/p' "$work/log")
    steps=$(sed -n 's/.* \([0-9]*\) steps,.*/\1/p' "$work/log")
    losses=$(tail -n 1 "$work/m.csv" | awk -F, '{printf "train %.3e, test %.3e", $3, $4}')
    step_seconds=$(tail -n 1 "$work/m.csv" | cut -d, -f2)
    per_step=$(awk "BEGIN {printf \"%.1f\", 1e6 * $step_seconds / $steps}")
    printf "  %-52s %7.2f s  %6s us/step  %3s MB  %s\n" "$label" "$seconds" "$per_step" "$memory" "$losses"
    if [ "$torch" = yes ]; then
        printf "  %-52s %7.2f s  train is %.2fx faster\n" "  PyTorch float32, run just before" "$torch_seconds" \
            "$(awk "BEGIN {print $torch_seconds / $seconds}")"
        if awk "BEGIN {exit !($seconds >= $torch_seconds)}"; then slower=$((slower + 1)); fi
    fi
}
run "SGD lr 0.05, batch 1600" --optimizer sgd --lr 0.05 --batch-size full
run "SGD lr 0.1, batch 40" --optimizer sgd --lr 0.1 --batch-size 40
run "SGD lr 0.1, Nesterov 0.9, batch 400" --optimizer sgd --lr 0.1 --momentum 0.9 --nesterov --batch-size 400
run "Adam, batch 400" --optimizer adam --lr 0.001 --batch-size 400
run "L-BFGS lr 1, max_iter 1, strong Wolfe, batch 1600" --optimizer lbfgs --lr 1 --max-iter 1 --line-search strong-wolfe --batch-size full
printf "  %-52s %7.2f s\n" "total (train)" "$total"
if [ "$torch" = yes ]; then
    ratio=$(awk "BEGIN {print $torch_total / $total}")
    printf "  %-52s %7.2f s  train is %.2fx faster (target >= 3x: %s); runs slower than PyTorch: %d (target 0)\n" \
        "total (PyTorch float32)" "$torch_total" "$ratio" \
        "$(awk "BEGIN {print ($ratio >= 3) ? \"met\" : \"NOT MET\"}")" "$slower"
    exit 0
fi

reference=Benchmarks/reference/torch-course.json
if command -v python3 >/dev/null 2>&1 && [ -f "$reference" ]; then
    python3 - "$reference" <<'PY'
import json, sys
data = json.load(open(sys.argv[1]))
print(f"PyTorch {data['torch']} on one thread, {data['epochs']} epochs (recorded by {data['provenance']}):")
for mode in ("course", "tuned32", "tuned64"):
    runs = data["modes"].get(mode)
    if not runs:
        continue
    cells = ", ".join(f"{r['seconds']:.1f}" for r in runs)
    print(f"  {mode:8} total {data['modes'][mode + '_total_seconds']:7.1f} s   per run: {cells} s")
    print(f"           test MSE: " + ", ".join(f"{r['test_mse']:.2e}" for r in runs))
PY
fi

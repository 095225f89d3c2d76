#!/bin/sh
# The course's optimizer comparison run with `train` (part of `make bench`, never run in CI): Net3L(50, 50,
# 50), ReLU, the 40x40 surface grid, 2,500 epochs, the five optimizer / batch-size pairs of the course's
# notebook, all from the same initial weights, one core. Prints, per run, time, time per step, peak memory
# and final losses of train in float64 and, when the binary has `--dtype`, again in float32; then the
# totals and the targets.
#
# Two anchors, each run just before the train run it is compared with, on the same core:
#   PyTorch  Benchmarks/reference/course_comparison_torch.py --run N --modes tuned32: the course's loop,
#            float32, one thread, one torch.randperm per epoch, from train's initial model (--init-model).
#            Target: train in float64 faster on every run, and at least 3x in total.
#   JAX      Benchmarks/reference/course_comparison_jax.py --run N --init-model (train's initial model):
#            float32, one thread, each whole run one jit-compiled XLA computation; its compile time is
#            excluded and shown in parentheses. Target: train in float32 faster on runs 1-4, and at least
#            1.3x in their total. Run 5 of the JAX anchor is optax's L-BFGS, a different algorithm from
#            torch's (whose strong-Wolfe search never searches with max_iter 1), so it is printed but not
#            counted.
# The anchors' Python is $PYTHON (default python3), checked separately for torch and for jax (optax for
# run 5); neither is installed by the project's setup. Without one of them the script prints its recorded
# figures (Benchmarks/reference/torch-course.json, jax-course.json) instead. train's time is its whole
# process (start-up, data, final evaluation); the anchors' is their training loop only. Every process is
# pinned to core 0 with taskset when there is one. Only the table goes to stdout.
# Usage: [BIN=dir] [PYTHON=python] scripts/bench-course.sh [epochs]
set -eu
epochs=${1:-2500}
python=${PYTHON:-python3}
bin=${BIN:-.build/release}
reference=Benchmarks/reference
torch=no
if "$python" -c 'import torch' 2>/dev/null; then torch=yes; fi
jax=no
jax_lbfgs=no
if "$python" -c 'import jax' 2>/dev/null; then
    jax=yes
    if "$python" -c 'import optax' 2>/dev/null; then jax_lbfgs=yes; fi
fi
float32=no
if "$bin/train" --help 2>/dev/null | grep -q -- --dtype; then float32=yes; fi
pin=
if command -v taskset >/dev/null 2>&1; then pin="taskset -c 0"; fi
cpu=$(lscpu 2>/dev/null | sed -n 's/^Model name:[[:space:]]*//p' | head -n 1)
if [ -z "$cpu" ] && [ -r /proc/cpuinfo ]; then
    cpu=$(sed -n 's/^model name[[:space:]]*:[[:space:]]*//p' /proc/cpuinfo | head -n 1)
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$bin/surface-data" > "$work/data.csv"
"$bin/surface-data" --clean > "$work/clean.csv"
"$bin/train" --data "$work/data.csv" --hidden 50,50,50 --epochs 0 --save "$work/init.json" --quiet

# field FILE KEY: one value of a JSON record an anchor printed.
field() {
    "$python" -c 'import json, sys; print(json.load(open(sys.argv[1]))[sys.argv[2]])' "$1" "$2"
}
# ratio A B: A / B with two decimals.
ratio() {
    awk "BEGIN {printf \"%.2f\", $1 / $2}"
}

echo "course comparison with train: Net3L(50,50,50), 1600 points, $epochs epochs, one thread"
echo "CPU: ${cpu:-unknown}${pin:+, every process pinned to core 0 (taskset)}"
if [ "$float32" = yes ]; then
    echo "train in float64 and in float32 (--dtype float32), whole process timed"
else
    echo "train in float64, whole process timed ($bin/train has no --dtype: no float32 runs)"
fi
if [ "$torch" = yes ]; then
    echo "PyTorch $("$python" -c 'import torch; print(torch.__version__)'), float32 tuned loop, one thread," \
        "run just before train float64"
fi
if [ "$jax" = yes ]; then
    echo "JAX $("$python" -c 'import jax; print(jax.__version__)'), float32, whole run jit-compiled, one thread," \
        "compile time excluded (in parentheses), run after train float64 (so just before train float32)," \
        "from train's initial model"
fi

total64=0
total32=0
torch_total=0
jax_total=0
slower64=0
slower32=0
jax_total32=0
index=0

# train_run LABEL OPTIONS...: one train run; sets seconds, prints its line.
train_run() {
    label=$1
    shift
    start=$(date +%s.%N)
    $pin "$bin/train" --init-model "$work/init.json" --data "$work/data.csv" --validation "$work/clean.csv" \
        --validation-target z_clean --epochs "$epochs" --eval-every "$epochs" --metrics "$work/m.csv" "$@" \
        2> "$work/log" || { cat "$work/log" >&2; exit 1; }
    end=$(date +%s.%N)
    seconds=$(awk "BEGIN {print $end - $start}")
    memory=$(sed -n 's/.*peak memory \([0-9]*\) MB.*/\1/p' "$work/log")
    steps=$(sed -n 's/.* \([0-9]*\) steps,.*/\1/p' "$work/log")
    losses=$(tail -n 1 "$work/m.csv" | awk -F, '{printf "train %.3e, test %.3e", $3, $4}')
    step_seconds=$(tail -n 1 "$work/m.csv" | cut -d, -f2)
    per_step=$(awk "BEGIN {printf \"%.1f\", 1e6 * $step_seconds / $steps}")
    printf "    %-24s %8.2f s %20s %7s us/step  %3s MB  %s\n" "$label" "$seconds" "" "$per_step" "$memory" "$losses"
}

# anchor_line LABEL JSON [compile]: the line of an anchor's record.
anchor_line() {
    anchor_seconds=$(field "$2" seconds)
    extra=""
    if [ "${3:-}" = compile ]; then
        extra=$(awk "BEGIN {printf \"(compile %.2f s)\", $(field "$2" compile_seconds)}")
    fi
    losses=$(awk "BEGIN {printf \"last batch %.3e, test %.3e\", $(field "$2" last_batch_loss), $(field "$2" test_mse)}")
    printf "    %-24s %8.2f s %-20s %24s  %s\n" "$1" "$anchor_seconds" " $extra" "" "$losses"
}

run() {
    name=$1
    shift
    index=$((index + 1))
    echo "  $index $name"
    if [ "$torch" = yes ]; then
        OMP_NUM_THREADS=1 $pin "$python" "$reference/course_comparison_torch.py" --run "$index" --modes tuned32 \
            --init-model "$work/init.json" --epochs "$epochs" > "$work/torch.json"
        anchor_line "PyTorch float32" "$work/torch.json"
        torch_seconds=$anchor_seconds
        torch_total=$(awk "BEGIN {print $torch_total + $torch_seconds}")
    fi
    train_run "train float64" "$@"
    seconds64=$seconds
    total64=$(awk "BEGIN {print $total64 + $seconds64}")
    jax_seconds=
    if [ "$jax" = yes ] && { [ "$index" -lt 5 ] || [ "$jax_lbfgs" = yes ]; }; then
        OMP_NUM_THREADS=1 $pin "$python" "$reference/course_comparison_jax.py" --run "$index" \
            --init-model "$work/init.json" --epochs "$epochs" > "$work/jax.json"
        if [ "$index" -eq 5 ]; then
            anchor_line "JAX jit f32 (optax)" "$work/jax.json" compile
        else
            anchor_line "JAX jit float32" "$work/jax.json" compile
        fi
        jax_seconds=$anchor_seconds
    elif [ "$jax" = yes ]; then
        echo "    JAX jit float32          not run: no optax in $python for its L-BFGS"
    fi
    seconds32=
    if [ "$float32" = yes ]; then
        train_run "train float32" "$@" --dtype float32
        seconds32=$seconds
        total32=$(awk "BEGIN {print $total32 + $seconds32}")
    fi
    comparison=""
    if [ "$torch" = yes ]; then
        comparison="train f64 vs PyTorch f32: $(ratio "$torch_seconds" "$seconds64")x"
        if awk "BEGIN {exit !($seconds64 >= $torch_seconds)}"; then slower64=$((slower64 + 1)); fi
    fi
    if [ -n "$jax_seconds" ] && [ -n "$seconds32" ]; then
        comparison="${comparison:+$comparison; }train f32 vs JAX jit f32: $(ratio "$jax_seconds" "$seconds32")x"
        if [ "$index" -eq 5 ]; then
            comparison="$comparison (different L-BFGS, not counted)"
        else
            jax_total=$(awk "BEGIN {print $jax_total + $jax_seconds}")
            jax_total32=$(awk "BEGIN {print $jax_total32 + $seconds32}")
            if awk "BEGIN {exit !($seconds32 >= $jax_seconds)}"; then slower32=$((slower32 + 1)); fi
        fi
    elif [ -n "$jax_seconds" ] && [ "$index" -lt 5 ]; then
        jax_total=$(awk "BEGIN {print $jax_total + $jax_seconds}")
    fi
    if [ -n "$comparison" ]; then echo "    speed-up (anchor time / train time): $comparison"; fi
}
run "SGD lr 0.05, batch 1600" --optimizer sgd --lr 0.05 --batch-size full
run "SGD lr 0.1, batch 40" --optimizer sgd --lr 0.1 --batch-size 40
run "SGD lr 0.1, Nesterov 0.9, batch 400" --optimizer sgd --lr 0.1 --momentum 0.9 --nesterov --batch-size 400
run "Adam, batch 400" --optimizer adam --lr 0.001 --batch-size 400
run "L-BFGS lr 1, max_iter 1, strong Wolfe, batch 1600" --optimizer lbfgs --lr 1 --max-iter 1 --line-search strong-wolfe --batch-size full

echo "  totals"
printf "    %-40s %8.2f s\n" "train float64, runs 1-5" "$total64"
if [ "$float32" = yes ]; then
    printf "    %-40s %8.2f s\n" "train float32, runs 1-5" "$total32"
fi
if [ "$torch" = yes ]; then
    printf "    %-40s %8.2f s\n" "PyTorch float32, runs 1-5" "$torch_total"
fi
if [ "$jax" = yes ]; then
    if [ "$float32" = yes ]; then
        printf "    %-40s %8.2f s\n" "train float32, runs 1-4" "$jax_total32"
    fi
    printf "    %-40s %8.2f s\n" "JAX jit float32, runs 1-4" "$jax_total"
fi
echo "  targets"
if [ "$torch" = yes ]; then
    speedup=$(ratio "$torch_total" "$total64")
    printf "    float64: every run faster than PyTorch f32, total >= 3x: %s (total %sx, %d of 5 runs slower)\n" \
        "$(awk "BEGIN {print ($speedup >= 3 && $slower64 == 0) ? \"met\" : \"NOT MET\"}")" "$speedup" "$slower64"
else
    echo "    float64: every run faster than PyTorch f32, total >= 3x: not measured (no torch in $python)"
fi
if [ "$jax" = yes ] && [ "$float32" = yes ]; then
    speedup=$(ratio "$jax_total" "$jax_total32")
    printf "    float32: every run faster than JAX jit f32, total >= 1.3x: %s (runs 1-4: total %sx, %d of 4 slower)\n" \
        "$(awk "BEGIN {print ($speedup >= 1.3 && $slower32 == 0) ? \"met\" : \"NOT MET\"}")" "$speedup" "$slower32"
    echo "             run 5 is not counted: the JAX anchor's L-BFGS is optax's (zoom line search that searches),"
    echo "             a different algorithm from torch's and train's (max_iter 1: one evaluation per step)"
elif [ "$jax" = yes ]; then
    echo "    float32: every run faster than JAX jit f32, total >= 1.3x: not measured (train has no --dtype)"
else
    echo "    float32: every run faster than JAX jit f32, total >= 1.3x: not measured (no jax in $python)"
fi

# The recorded figures of each anchor that could not run here.
recorded() {
    if command -v python3 >/dev/null 2>&1 && [ -f "$1" ]; then
        python3 - "$1" <<'PY'
import json, sys
data = json.load(open(sys.argv[1]))
where = f"{data['epochs']} epochs, {data.get('machine', '?')}, recorded by {data['provenance']}"
if "torch" in data:
    print(f"  recorded: PyTorch {data['torch']} on one thread, {where}:")
    for mode in ("course", "tuned32", "tuned64"):
        runs = data["modes"].get(mode)
        if not runs:
            continue
        cells = ", ".join(f"{r['seconds']:.1f}" for r in runs)
        print(f"    {mode:8} total {data['modes'][mode + '_total_seconds']:7.1f} s   per run: {cells} s")
        print("             test MSE: " + ", ".join(f"{r['test_mse']:.2e}" for r in runs))
else:
    runs = data["runs"]
    print(f"  recorded: JAX {data['jax']} (optax {data['optax']}), {data['dtype']}, jit, one thread, {where}:")
    cells = ", ".join(f"{r['seconds']:.1f}" for r in runs)
    compile_cells = ", ".join(f"{r['compile_seconds']:.1f}" for r in runs)
    print(f"    total runs 1-4 {data['total_seconds_without_lbfgs']:7.1f} s   per run: {cells} s"
          " (run 5: optax's L-BFGS, a different algorithm)")
    print(f"    compile: {compile_cells} s")
    print("    test MSE: " + ", ".join(f"{r['test_mse']:.2e}" for r in runs))
PY
    fi
}
if [ "$torch" = no ]; then recorded "$reference/torch-course.json"; fi
if [ "$jax" = no ]; then recorded "$reference/jax-course.json"; fi

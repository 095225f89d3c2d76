#!/usr/bin/env python3
"""The course's optimizer comparison in JAX, float32, one thread, each whole run one XLA computation.

The second anchor of `make bench` (scripts/bench-course.sh), next to the PyTorch one
(course_comparison_torch.py): the same surface on linspace(-3, 3, 40) ('ij' meshgrid, 1,600 points, no
noise), Net3L(50, 50, 50) with ReLU, MSE, 2,500 epochs and the five optimizer / batch-size pairs:
  1 SGD lr 0.05 batch 1600; 2 SGD lr 0.1 batch 40; 3 SGD lr 0.1 momentum 0.9 Nesterov batch 400;
  4 Adam (defaults) batch 400; 5 L-BFGS batch 1600, one update per epoch.
Each run is `jax.jit` of a `lax.fori_loop` over the epochs around a `lax.scan` over the epoch's minibatches
(a fresh permutation per epoch from a jax.random key carried by the loop; with a batch that does not divide
the 1,600 points the epoch ends with one smaller minibatch, as torch.randperm(n).split(batch) does; a
full batch is not shuffled, its mean loss being the same in any order), with the parameters and the
optimizer state donated. It is compiled first (`.lower(...).compile()`, timed apart as compile_seconds) and
then the compiled run is timed up to `block_until_ready`: no Python per step, no dispatch, which is the
strictest float32 anchor we know of for a network this small.

SGD, SGD with Nesterov momentum and Adam are written out below exactly as torch.optim defines them. Run 5 is
NOT torch's L-BFGS: it is optax.lbfgs (memory 100, optax's zoom line search for the strong Wolfe
conditions, up to 20 steps, a first guess of 1), one update per epoch on the full batch. torch's LBFGS with
max_iter=1 allows a single function evaluation per step, so its strong-Wolfe search never searches; optax's
does, so the two follow different trajectories and cost different amounts of work per epoch. The figure is
reported, but it does not compare like with like.

Initial weights: --init-model PATH reads a `train` model file (JSON: "inputs", "layers" with "weights"
outputs x inputs, "biases" and "activation"), so the run starts exactly where `train --init-model` starts;
without it, PyTorch's default nn.Linear initialisation (weights and biases uniform in +-1/sqrt(fan_in))
drawn from a NumPy generator seeded with --seed.

One thread: XLA_FLAGS gets "--xla_cpu_multi_thread_eigen=false intra_op_parallelism_threads=1" (appended to
any XLA_FLAGS already set) before jax is imported; scripts/bench-course.sh also pins the process to one
core with taskset.

Run: python3 Benchmarks/reference/course_comparison_jax.py [--epochs 2500] [--init-model init.json]
     writes jax-course.json next to this file;
     python3 Benchmarks/reference/course_comparison_jax.py --run 2 [--init-model init.json]
     prints the JSON record of run 2 alone on stdout (and nothing else), as scripts/bench-course.sh reads it.
"""
import argparse
import importlib.metadata
import json
import math
import os
import pathlib
import sys
import time

from anchors import cpu_model, read_train_model  # noqa: E402

os.environ["XLA_FLAGS"] = " ".join(
    part for part in (os.environ.get("XLA_FLAGS", ""),
                      "--xla_cpu_multi_thread_eigen=false intra_op_parallelism_threads=1") if part)

import numpy as np  # noqa: E402
import jax  # noqa: E402
import jax.numpy as jnp  # noqa: E402
from jax import lax  # noqa: E402

parser = argparse.ArgumentParser()
parser.add_argument("--epochs", type=int, default=2500)
parser.add_argument("--run", type=int, help="time only this run (1-5) and print its record as JSON")
parser.add_argument("--init-model", help="a train model file (JSON) to start from, as train --init-model")
parser.add_argument("--seed", type=int, default=0, help="NumPy seed of the default initialisation")
args = parser.parse_args()
if args.run is not None and not 1 <= args.run <= 5:
    parser.error("--run takes 1 to 5")
if args.epochs < 0:
    parser.error("--epochs must not be negative")
jax.config.update("jax_enable_x64", False)

# The surface of course_comparison_torch.py (and of surface-data without noise), in float32.
g = np.linspace(-3, 3, 40)
xx, yy = np.meshgrid(g, g, indexing="ij")
r2 = xx ** 2 + yy ** 2
with np.errstate(divide="ignore", invalid="ignore"):
    zz = np.where(r2 == 0, 0.0, np.sin(0.8 * r2) / r2 ** 0.9)
X = jnp.asarray(np.stack([xx.ravel(), yy.ravel()], axis=1), dtype=jnp.float32)
Z = jnp.asarray(zz.ravel().reshape(-1, 1), dtype=jnp.float32)
N = X.shape[0]

ACTIVATIONS = {"relu": jax.nn.relu, "identity": lambda a: a, "tanh": jnp.tanh, "sigmoid": jax.nn.sigmoid}


def read_model(path):
    """The layers of a train model file as ([(W, b), ...], [activation, ...]) in float32."""
    params, activations = read_train_model(path, ACTIVATIONS)
    return [(jnp.asarray(w, dtype=jnp.float32), jnp.asarray(b, dtype=jnp.float32)) for w, b in params], activations


def default_model(seed):
    """Net3L(50, 50, 50) as nn.Linear initialises it: U(-1/sqrt(fan_in), 1/sqrt(fan_in)) for W and b."""
    rng = np.random.default_rng(seed)
    sizes = [2, 50, 50, 50, 1]
    params = []
    for fan_in, fan_out in zip(sizes[:-1], sizes[1:]):
        bound = 1 / np.sqrt(fan_in)
        w = rng.uniform(-bound, bound, size=(fan_out, fan_in))
        b = rng.uniform(-bound, bound, size=fan_out)
        params.append((jnp.asarray(w, dtype=jnp.float32), jnp.asarray(b, dtype=jnp.float32)))
    return params, ["relu", "relu", "relu", "identity"]


if args.init_model:
    INIT, ACTS = read_model(args.init_model)
    INIT_NAME = "train model file (--init-model)"
else:
    INIT, ACTS = default_model(args.seed)
    INIT_NAME = f"nn.Linear default, NumPy default_rng({args.seed})"


def forward(params, x):
    for (w, b), name in zip(params, ACTS):
        x = ACTIVATIONS[name](x @ w.T + b)
    return x


def mse(params, x, z):
    return jnp.mean((forward(params, x) - z) ** 2)


loss_and_grad = jax.value_and_grad(mse)
tree_map = jax.tree_util.tree_map


# The optimizers as torch.optim writes them: init(params) -> state, step(params, state, x, z) ->
# (params, state, loss), where loss is the minibatch's loss before the step (what step(closure) returns).
def sgd(lr):
    def init(params):
        return ()

    def step(params, state, x, z):
        loss, grad = loss_and_grad(params, x, z)
        return tree_map(lambda p, g: p - lr * g, params, grad), state, loss
    return init, step


def sgd_nesterov(lr, momentum):
    # torch: b = g on the first step, then b = mu b + g (dampening 0); the step is g + mu b. A buffer
    # starting at zero gives the same first b.
    def init(params):
        return tree_map(jnp.zeros_like, params)

    def step(params, buf, x, z):
        loss, grad = loss_and_grad(params, x, z)
        buf = tree_map(lambda b, g: momentum * b + g, buf, grad)
        params = tree_map(lambda p, g, b: p - lr * (g + momentum * b), params, grad, buf)
        return params, buf, loss
    return init, step


def adam(lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8):
    # torch: m, v moving averages; p -= lr / (1 - beta1^t) * m / (sqrt(v) / sqrt(1 - beta2^t) + eps).
    def init(params):
        zeros = tree_map(jnp.zeros_like, params)
        return jnp.zeros((), jnp.int32), zeros, zeros

    def step(params, state, x, z):
        t, m, v = state
        loss, grad = loss_and_grad(params, x, z)
        t = t + 1
        m = tree_map(lambda m, g: beta1 * m + (1 - beta1) * g, m, grad)
        v = tree_map(lambda v, g: beta2 * v + (1 - beta2) * g * g, v, grad)
        # 1 - beta^t as -expm1(t log beta) with log beta rounded once: torch computes the corrections in
        # double, and 1 - beta2 ** t with beta2 rounded to float32 would be off by 1e-5 relative.
        tf = t.astype(X.dtype)
        step_size = lr / -jnp.expm1(tf * math.log(beta1))
        root_correction = jnp.sqrt(-jnp.expm1(tf * math.log(beta2)))
        params = tree_map(lambda p, m, v: p - step_size * m / (jnp.sqrt(v) / root_correction + eps),
                          params, m, v)
        return params, (t, m, v), loss
    return init, step


def lbfgs_optax():
    # Not torch's algorithm (see the docstring): optax's L-BFGS with its zoom strong-Wolfe line search.
    import optax
    solver = optax.lbfgs(memory_size=100, linesearch=optax.scale_by_zoom_linesearch(
        max_linesearch_steps=20, initial_guess_strategy="one"))

    def init(params):
        return solver.init(params)

    def step(params, state, x, z):
        def value_fn(p):
            return mse(p, x, z)
        loss, grad = optax.value_and_grad_from_state(value_fn)(params, state=state)
        updates, state = solver.update(grad, state, params, value=loss, grad=grad, value_fn=value_fn)
        return optax.apply_updates(params, updates), state, loss
    return init, step


RUNS = [
    ("SGD lr 0.05, batch 1600", 1600, lambda: sgd(0.05)),
    ("SGD lr 0.1, batch 40", 40, lambda: sgd(0.1)),
    ("SGD lr 0.1, Nesterov 0.9, batch 400", 400, lambda: sgd_nesterov(0.1, 0.9)),
    ("Adam, batch 400", 400, lambda: adam()),
    ("L-BFGS (optax, not torch's), zoom strong Wolfe, batch 1600", 1600, lbfgs_optax),
]


def make_run(batch, step, epochs):
    """The whole run as one function of (params, state, key): epochs of shuffled minibatch steps."""
    full, rest = divmod(N, batch)
    if full == 0:
        sys.exit(f"batch {batch} is larger than the {N} points")

    def epoch(_, carry):
        params, state, key, last = carry
        if batch == N:
            params, state, last = step(params, state, X, Z)
            return params, state, key, last
        key, sub = jax.random.split(key)
        order = jax.random.permutation(sub, N)
        batches = order[:full * batch].reshape(full, batch)

        def minibatch(inner, idx):
            params, state, _ = inner
            return step(params, state, X[idx], Z[idx]), None
        (params, state, last), _ = lax.scan(minibatch, (params, state, last), batches)
        if rest:
            idx = order[full * batch:]
            params, state, last = step(params, state, X[idx], Z[idx])
        return params, state, key, last

    def whole(params, state, key):
        last = jnp.full((), jnp.nan, jnp.float32)
        params, state, _, last = lax.fori_loop(0, epochs, epoch, (params, state, key, last))
        return params, state, last
    return jax.jit(whole, donate_argnums=(0, 1))


def time_run(index):
    name, batch, make = RUNS[index - 1]
    init, step = make()
    params = tree_map(jnp.array, INIT)  # fresh buffers: the run donates them
    state = tree_map(lambda leaf: jnp.array(leaf, copy=True), init(params))  # no buffer twice: donated too
    key = jax.random.key(index)
    start = time.perf_counter()
    compiled = make_run(batch, step, args.epochs).lower(params, state, key).compile()
    compile_seconds = time.perf_counter() - start
    start = time.perf_counter()
    params, state, last = compiled(params, state, key)
    jax.block_until_ready((params, state, last))
    seconds = time.perf_counter() - start
    test = float(jax.jit(mse)(params, X, Z))
    return {"run": name, "seconds": seconds, "compile_seconds": compile_seconds,
            "last_batch_loss": float(last), "test_mse": test}


if args.run is not None:
    print(json.dumps({"jax": jax.__version__, **time_run(args.run)}))
    raise SystemExit(0)


import optax  # noqa: E402

runs = []
for index in range(1, len(RUNS) + 1):
    record = time_run(index)
    runs.append(record)
    print(f"{record['run']:60} {record['seconds']:8.2f} s (compile {record['compile_seconds']:.2f} s)  "
          f"last batch {record['last_batch_loss']:.3e}  test MSE {record['test_mse']:.3e}", flush=True)
out = {"provenance": "Benchmarks/reference/course_comparison_jax.py", "jax": jax.__version__,
       "jaxlib": importlib.metadata.version("jaxlib"),
       "optax": optax.__version__, "numpy": np.__version__, "dtype": "float32", "threads": 1,
       "xla_flags": os.environ["XLA_FLAGS"], "epochs": args.epochs, "machine": cpu_model(), "init": INIT_NAME,
       "note": "seconds: the compiled whole run (jit of fori_loop over epochs around scan over minibatches), "
               "compile excluded; run 5 is optax.lbfgs, a different algorithm from torch.optim.LBFGS",
       "runs": runs,
       "total_seconds": sum(r["seconds"] for r in runs),
       "total_seconds_without_lbfgs": sum(r["seconds"] for r in runs[:4]),
       "compile_total_seconds": sum(r["compile_seconds"] for r in runs)}
path = pathlib.Path(__file__).resolve().parent / "jax-course.json"
path.write_text(json.dumps(out, indent=1) + "\n")
print("wrote", path)

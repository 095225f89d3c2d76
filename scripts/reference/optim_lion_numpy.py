#!/usr/bin/env python3
"""Reference trajectories of Lion (Chen et al. 2023, "Symbolic Discovery of Optimization Algorithms",
Algorithm 2) in float64 NumPy, for the Optim test suite.

Writes Tests/Fixtures/optim/lion_numpy.json. Lion is not in torch.optim; this is the paper's update,
written out from its pseudo-code:

    c     = beta1 * m + (1 - beta1) * g
    theta = theta - lr * (sign(c) + weight_decay * theta)
    m     = beta2 * m + (1 - beta2) * g

with m = 0 before the first step. The problems are those of optim_torch_fixtures.py: the quadratic
f(x) = 1/2 x^T A x - b^T x (4 parameters) and the Rosenbrock function (2 parameters). Each run records,
for every step, the loss where the step started and the parameters after it. Since sign(c) jumps at
c = 0, each run also records "margin", the smallest |c| / max(|beta1 m|, |(1 - beta1) g|) over its steps:
above 1e-6 the sign cannot depend on rounding, so a 1e-12 comparison is meaningful.

Usage: python3 scripts/reference/optim_lion_numpy.py   (from the repository root)
"""
import json
import os

import numpy as np

SCRIPT = "scripts/reference/optim_lion_numpy.py"
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "Tests", "Fixtures", "optim")

QUAD_A = np.array([[4.0, 1.0, 0.0, 0.5],
                   [1.0, 3.0, 0.5, 0.0],
                   [0.0, 0.5, 2.0, 0.2],
                   [0.5, 0.0, 0.2, 1.0]])
QUAD_B = np.array([1.0, -2.0, 0.5, 1.0])
QUAD_START = [1.5, -0.5, 2.0, -1.0]
ROSEN_START = [-1.2, 1.0]


def quadratic(x):
    ax = QUAD_A @ x
    return 0.5 * float(x @ ax) - float(QUAD_B @ x), ax - QUAD_B


def rosenbrock(x):
    r = x[1] - x[0] ** 2
    loss = (1 - x[0]) ** 2 + 100 * r ** 2
    return float(loss), np.array([-2 * (1 - x[0]) - 400 * x[0] * r, 200 * r])


def lion(function, start, steps, lr=1e-4, betas=(0.9, 0.99), weight_decay=0.0):
    theta = np.array(start, dtype=np.float64)
    m = np.zeros_like(theta)
    beta1, beta2 = betas
    losses, parameters, margin = [], [theta.tolist()], np.inf
    for _ in range(steps):
        loss, g = function(theta)
        c = beta1 * m + (1 - beta1) * g
        scale = np.maximum(np.abs(beta1 * m), np.abs((1 - beta1) * g))
        margin = min(margin, float(np.min(np.abs(c) / np.where(scale > 0, scale, 1.0))))
        theta = theta - lr * (np.sign(c) + weight_decay * theta)
        m = beta2 * m + (1 - beta2) * g
        losses.append(loss)
        parameters.append(theta.tolist())
    return losses, parameters, margin


RUNS = [
    {},
    {"lr": 0.05},
    {"lr": 0.05, "betas": [0.5, 0.9]},
    {"lr": 0.02, "weight_decay": 0.5},
    {"lr": 0.1, "betas": [0.95, 0.98], "weight_decay": 0.1},
]

PROBLEMS = [
    ({"name": "quadratic", "start": QUAD_START, "A": QUAD_A.tolist(), "b": QUAD_B.tolist()}, quadratic),
    ({"name": "rosenbrock", "start": ROSEN_START}, rosenbrock),
]


def main():
    problems = []
    for problem, function in PROBLEMS:
        runs = []
        for options in RUNS:
            steps = 40
            arguments = {k: tuple(v) if k == "betas" else v for k, v in options.items()}
            losses, parameters, margin = lion(function, problem["start"], steps, **arguments)
            # Cut the run before a step whose sign is decided by rounding.
            while margin < 1e-6 and steps > 5:
                steps -= 5
                losses, parameters, margin = lion(function, problem["start"], steps, **arguments)
            runs.append({"options": options, "steps": steps, "losses": losses, "parameters": parameters,
                         "margin": margin})
        problems.append(dict(problem, runs=runs))
    document = {"provenance": {"script": SCRIPT, "numpy": np.__version__, "dtype": "float64"},
                "problems": problems}
    path = os.path.join(OUT, "lion_numpy.json")
    with open(path, "w") as f:
        json.dump(document, f, indent=1)
        f.write("\n")
    print(f"wrote {os.path.relpath(path)}: " + ", ".join(
        f"{p['name']} {[r['steps'] for r in p['runs']]}" for p in problems))


if __name__ == "__main__":
    main()

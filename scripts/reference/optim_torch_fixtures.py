#!/usr/bin/env python3
"""Reference trajectories of torch.optim in float64, for the Optim test suite.

Writes Tests/Fixtures/optim/torch_<problem>.json (one file per test problem),
Tests/Fixtures/optim/torch_schedules.json (lr_scheduler rates) and Tests/Fixtures/optim/torch_defaults.json
(every optimizer's constructor defaults). Each run records, for every call of
`optimizer.step(closure)`, the value the step returned (the loss at the start of the step),
the flat parameter vector after the step and how many times the step called the closure;
L-BFGS runs also record torch's global state counters (`n_iter`, `func_evals`) and the last
step length `t`. "sensitivity" is torch's own conditioning over the recorded steps (see
`sensitivity()`): runs are cut before it exceeds 1e-12, so a 1e-10 comparison stays meaningful.

Problems (parameters are one flat float64 vector, as in the Swift library):
  quadratic   f(x) = 1/2 x^T A x - b^T x, 4 parameters
  rosenbrock  f(x) = (1 - x0)^2 + 100 (x1 - x0^2)^2, 2 parameters
  mlp         2 -> 4 (tanh) -> 1 network, mean squared error on 8 fixed points; 17 parameters
              in the order W1 (4x2, row-major, torch Linear.weight layout), b1 (4), W2 (1x4), b2 (1)
A run with "sign": -1 minimises -f through `maximize=True` (the closure returns -f).

Usage: python3 scripts/reference/optim_torch_fixtures.py   (from the repository root; CPU, one thread)
"""
import json
import os
import sys

import torch

torch.set_default_dtype(torch.float64)
torch.set_num_threads(1)

SCRIPT = "scripts/reference/optim_torch_fixtures.py"
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "Tests", "Fixtures", "optim")

# ---------------------------------------------------------------- problems

QUAD_A = [[4.0, 1.0, 0.0, 0.5],
          [1.0, 3.0, 0.5, 0.0],
          [0.0, 0.5, 2.0, 0.2],
          [0.5, 0.0, 0.2, 1.0]]
QUAD_B = [1.0, -2.0, 0.5, 1.0]
QUAD_START = [1.5, -0.5, 2.0, -1.0]


def quadratic(x):
    a = torch.tensor(QUAD_A)
    b = torch.tensor(QUAD_B)
    return 0.5 * torch.dot(x, torch.mv(a, x)) - torch.dot(b, x)


ROSEN_START = [-1.2, 1.0]


def rosenbrock(x):
    return (1 - x[0]) ** 2 + 100 * (x[1] - x[0] ** 2) ** 2


MLP_X = [[-1.0, -0.5], [-0.7, 0.8], [-0.3, -0.9], [0.0, 0.2],
         [0.2, -0.4], [0.5, 0.9], [0.8, -0.1], [1.0, 0.6]]
MLP_Y = [0.45, -0.3, 0.8, 0.1, 0.35, -0.6, 0.9, 0.2]
MLP_START = [0.5, -0.3, -0.4, 0.8, 0.7, 0.2, -0.6, -0.5,   # W1 (4x2)
             0.1, -0.2, 0.05, 0.3,                          # b1
             0.6, -0.7, 0.4, 0.9,                           # W2 (1x4)
             -0.1]                                          # b2


def mlp(theta):
    x = torch.tensor(MLP_X)
    y = torch.tensor(MLP_Y)
    w1 = theta[0:8].view(4, 2)
    b1 = theta[8:12]
    w2 = theta[12:16].view(1, 4)
    b2 = theta[16:17]
    h = torch.tanh(x @ w1.T + b1)
    out = (h @ w2.T + b2).view(-1)
    return torch.mean((out - y) ** 2)


# ---------------------------------------------------------------- runs

def make_optimizer(name, options, params):
    o = dict(options)
    if name == "sgd":
        return torch.optim.SGD(params, foreach=False, **o)
    if name == "adam":
        if "betas" in o:
            o["betas"] = tuple(o["betas"])
        return torch.optim.Adam(params, foreach=False, **o)
    if name == "adamw":
        if "betas" in o:
            o["betas"] = tuple(o["betas"])
        return torch.optim.AdamW(params, foreach=False, **o)
    if name == "adagrad":
        return torch.optim.Adagrad(params, foreach=False, **o)
    if name == "rmsprop":
        return torch.optim.RMSprop(params, foreach=False, **o)
    if name == "adadelta":
        return torch.optim.Adadelta(params, foreach=False, **o)
    if name == "lbfgs":
        return torch.optim.LBFGS(params, **o)
    raise ValueError(name)


def run(function, start, name, options, steps, sign=1.0):
    theta = torch.tensor(start, requires_grad=True)
    optimizer = make_optimizer(name, options, [theta])
    calls = [0]

    def closure():
        calls[0] += 1
        optimizer.zero_grad()
        loss = sign * function(theta)
        loss.backward()
        return loss

    record = {"optimizer": name, "options": options, "sign": sign, "steps": steps,
              "losses": [], "parameters": [theta.detach().tolist()], "evaluations": []}
    if name == "lbfgs":
        record["lbfgs"] = {"n_iter": [], "func_evals": [], "t": []}
    for _ in range(steps):
        calls[0] = 0
        loss = optimizer.step(closure)
        record["losses"].append(loss.item())
        record["parameters"].append(theta.detach().tolist())
        record["evaluations"].append(calls[0])
        if name == "lbfgs":
            state = optimizer.state[theta]
            record["lbfgs"]["n_iter"].append(int(state["n_iter"]))
            record["lbfgs"]["func_evals"].append(int(state["func_evals"]))
            t = state.get("t")
            record["lbfgs"]["t"].append(None if t is None else float(t))
    return record


def sensitivity(function, start, name, options, steps, sign, record):
    """torch's own conditioning: the largest relative change of each step's parameters when the start is
    multiplied by (1 + 1e-15). Long L-BFGS runs on the MLP amplify last-bit noise (torch's vectorised tanh
    and summation order differ from libm and from any other implementation) far beyond 1e-10; a trajectory
    is only a fair parity reference while this stays small."""
    other = run(function, [v * (1 + 1e-15) for v in start], name, options, steps, sign)
    return [max(abs(a - b) / max(abs(b), 1.0) for a, b in zip(pa, pb))
            for pa, pb in zip(other["parameters"][1:], record["parameters"][1:])]


SENSITIVITY_LIMIT = 1e-12


def conditioned(function, start, name, options, steps, sign):
    """A run truncated before the first step whose sensitivity exceeds SENSITIVITY_LIMIT."""
    record = run(function, start, name, options, steps, sign)
    sens = sensitivity(function, start, name, options, steps, sign, record)
    keep = next((i for i, v in enumerate(sens) if v > SENSITIVITY_LIMIT), steps)
    if keep < steps:
        print(f"  {name}{options}: kept {keep} of {steps} steps (sensitivity {sens[keep]:.1e} at step {keep + 1})")
        record = run(function, start, name, options, keep, sign)
    record["sensitivity"] = float(f"{max(sens[:keep], default=0.0):.2e}")
    return record


def first_order_configs(lr):
    """Every option of the first-order optimizers, with learning rates scaled for the problem."""
    return [
        ("sgd", {"lr": lr}),
        ("sgd", {"lr": lr, "momentum": 0.9}),
        ("sgd", {"lr": lr, "momentum": 0.9, "dampening": 0.5}),
        ("sgd", {"lr": lr, "momentum": 0.9, "nesterov": True}),
        ("sgd", {"lr": lr, "momentum": 0.5, "weight_decay": 0.1}),
        ("sgd", {"lr": lr, "momentum": 0.9, "nesterov": True, "maximize": True}),
        ("adam", {"lr": 0.05}),
        ("adam", {"lr": 0.05, "betas": [0.8, 0.95], "eps": 1e-6, "weight_decay": 0.1}),
        ("adam", {"lr": 0.05, "amsgrad": True}),
        ("adam", {"lr": 0.05, "maximize": True, "weight_decay": 0.05}),
        ("adamw", {"lr": 0.05}),
        ("adamw", {"lr": 0.05, "weight_decay": 0.1, "amsgrad": True}),
        ("adagrad", {"lr": 0.1}),
        ("adagrad", {"lr": 0.1, "lr_decay": 0.05, "initial_accumulator_value": 0.1, "eps": 1e-8}),
        ("adagrad", {"lr": 0.1, "weight_decay": 0.1, "maximize": True}),
        ("rmsprop", {"lr": 0.01}),
        ("rmsprop", {"lr": 0.01, "centered": True}),
        ("rmsprop", {"lr": 0.005, "momentum": 0.9}),
        ("rmsprop", {"lr": 0.005, "alpha": 0.9, "eps": 1e-6, "centered": True, "momentum": 0.5,
                     "weight_decay": 0.1}),
        ("rmsprop", {"lr": 0.01, "maximize": True}),
        ("adadelta", {}),
        ("adadelta", {"lr": 0.5, "rho": 0.95, "eps": 1e-4, "weight_decay": 0.1}),
        ("adadelta", {"maximize": True}),
    ]


def lbfgs_configs(lr):
    return [
        ("lbfgs", {"lr": lr, "max_iter": 4}),
        ("lbfgs", {"lr": lr, "max_iter": 5, "history_size": 2, "maximize": True}),
        ("lbfgs", {"max_iter": 5, "line_search_fn": "strong_wolfe"}),
        ("lbfgs", {"max_iter": 3, "history_size": 2, "line_search_fn": "strong_wolfe", "tolerance_change": 1e-6}),
        ("lbfgs", {"line_search_fn": "strong_wolfe"}),
        ("lbfgs", {"max_iter": 1, "line_search_fn": "strong_wolfe"}),
        ("lbfgs", {"max_iter": 1, "max_eval": 2, "line_search_fn": "strong_wolfe"}),
    ]


PROBLEMS = {
    "quadratic": (quadratic, QUAD_START, 0.05, 0.2, 30),
    "rosenbrock": (rosenbrock, ROSEN_START, 5e-4, 0.1, 30),
    "mlp": (mlp, MLP_START, 0.1, 1.0, 20),
}


def provenance():
    return {"script": SCRIPT, "torch": torch.__version__, "python": sys.version.split()[0],
            "dtype": "float64", "threads": 1}


def write(name, payload):
    path = os.path.join(OUT, name)
    with open(path, "w") as handle:
        json.dump(payload, handle, separators=(",", ":"))
        handle.write("\n")
    print(f"wrote {os.path.normpath(path)} ({os.path.getsize(path)} bytes)")


def problem_fixture(key):
    function, start, lr, lbfgs_lr, steps = PROBLEMS[key]
    runs = []
    for name, options in first_order_configs(lr) + lbfgs_configs(lbfgs_lr):
        sign = -1.0 if options.get("maximize") else 1.0
        n = 12 if name == "lbfgs" else steps
        runs.append(conditioned(function, start, name, options, n, sign))
    definition = {"name": key, "start": start}
    if key == "quadratic":
        definition.update({"A": QUAD_A, "b": QUAD_B})
    if key == "mlp":
        definition.update({"x": MLP_X, "y": MLP_Y,
                           "layout": "W1 (4x2 row-major), b1 (4), W2 (1x4), b2 (1); tanh hidden, "
                                     "identity output, loss mean((out - y)^2)"})
    return {"provenance": provenance(), "problem": definition, "runs": runs}


def schedules_fixture():
    """torch.optim.lr_scheduler learning rates for 60 steps (index 0 = before any scheduler step)."""
    out = []
    specs = [
        ("step", {"step_size": 7, "gamma": 0.5}, torch.optim.lr_scheduler.StepLR),
        ("exponential", {"gamma": 0.93}, torch.optim.lr_scheduler.ExponentialLR),
        ("cosine", {"T_max": 25, "eta_min": 0.001}, torch.optim.lr_scheduler.CosineAnnealingLR),
        ("cosine", {"T_max": 40}, torch.optim.lr_scheduler.CosineAnnealingLR),
    ]
    for kind, options, cls in specs:
        theta = torch.zeros(1, requires_grad=True)
        optimizer = torch.optim.SGD([theta], lr=0.1)
        scheduler = cls(optimizer, **options)
        rates = [optimizer.param_groups[0]["lr"]]
        for _ in range(60):
            optimizer.step()
            scheduler.step()
            rates.append(optimizer.param_groups[0]["lr"])
        out.append({"schedule": kind, "options": options, "base": 0.1, "rates": rates})
    return {"provenance": provenance(), "schedules": out}


def defaults_fixture():
    """The constructor defaults of every optimizer, as torch reports them in `optimizer.defaults`."""
    classes = {"sgd": torch.optim.SGD, "adam": torch.optim.Adam, "adamw": torch.optim.AdamW,
               "adagrad": torch.optim.Adagrad, "rmsprop": torch.optim.RMSprop,
               "adadelta": torch.optim.Adadelta, "lbfgs": torch.optim.LBFGS}
    internal = {"foreach", "differentiable", "fused", "capturable"}
    out = {}
    for name, cls in classes.items():
        defaults = cls([torch.zeros(1, requires_grad=True)]).defaults
        out[name] = {k: (list(v) if isinstance(v, tuple) else v) for k, v in defaults.items() if k not in internal}
    return {"provenance": provenance(), "defaults": out}


if __name__ == "__main__":
    for key in PROBLEMS:
        print(key)
        write(f"torch_{key}.json", problem_fixture(key))
    write("torch_schedules.json", schedules_fixture())
    write("torch_defaults.json", defaults_fixture())

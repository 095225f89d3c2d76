#!/usr/bin/env python3
"""The course's optimizer comparison in PyTorch, timed on one thread: the reference for `make bench`.

The setup of the course's notebook (the assignment's exercise II-C): the surface on linspace(-3, 3, 40)
('ij' meshgrid, 1,600 points, no noise), Net3L(50, 50, 50) with ReLU and PyTorch's default initialisation,
copied for five runs of 2,500 epochs, MSELoss, a step(closure) per minibatch:
  SGD lr 0.05 batch 1600; SGD lr 0.1 batch 40; SGD lr 0.1 momentum 0.9 Nesterov batch 400;
  Adam (defaults) batch 400; L-BFGS lr 1 max_iter 1 strong Wolfe batch 1600.
Three ways of running the same loop are timed:
  course   DataLoader(shuffle=True) as the course's notebook does, float32;
  tuned32  the same loop indexing the tensors with one torch.randperm per epoch, float32;
  tuned64  the tuned loop in float64 (what `train` computes in).
The per-epoch loss is the loss of the epoch's last minibatch (the course's record); the final clean-target
MSE ("test") is computed after training. Writes torch-course.json next to this file, or with --run N
prints the JSON record of run N (1-5) alone, which is how scripts/bench-course.sh runs PyTorch side by side.
--init-model PATH starts every run from a `train` model file instead (what scripts/bench-course.sh does, so that
train, PyTorch and JAX start from the same weights).
Run: python3 Benchmarks/reference/course_comparison_torch.py [--epochs 2500] [--modes course,tuned32,tuned64]
     python3 Benchmarks/reference/course_comparison_torch.py --run 2 --modes tuned32 [--init-model init.json]
"""
import argparse
import json
import pathlib
import time

from anchors import cpu_model, read_train_model

import numpy as np
import torch

parser = argparse.ArgumentParser()
parser.add_argument("--epochs", type=int, default=2500)
parser.add_argument("--modes", default="course,tuned32,tuned64")
parser.add_argument("--run", type=int, help="time only this run (1-5) and print its record as JSON")
parser.add_argument("--init-model", help="a train model file (JSON) to start from, as train --init-model")
args = parser.parse_args()
torch.set_num_threads(1)

g = np.linspace(-3, 3, 40)
xx, yy = np.meshgrid(g, g, indexing="ij")
r2 = xx ** 2 + yy ** 2
with np.errstate(divide="ignore", invalid="ignore"):
    zz = np.where(r2 == 0, 0.0, np.sin(0.8 * r2) / r2 ** 0.9)
X64 = torch.tensor(np.stack([xx.ravel(), yy.ravel()], axis=1))
Z64 = torch.tensor(zz.ravel()).reshape(-1, 1)

RUNS = [
    ("SGD lr 0.05, batch 1600", 1600, lambda p: torch.optim.SGD(p, lr=0.05)),
    ("SGD lr 0.1, batch 40", 40, lambda p: torch.optim.SGD(p, lr=0.1)),
    ("SGD lr 0.1, Nesterov 0.9, batch 400", 400, lambda p: torch.optim.SGD(p, lr=0.1, momentum=0.9, nesterov=True)),
    ("Adam, batch 400", 400, lambda p: torch.optim.Adam(p)),
    ("L-BFGS lr 1, max_iter 1, strong Wolfe, batch 1600", 1600,
     lambda p: torch.optim.LBFGS(p, lr=1, max_iter=1, line_search_fn="strong_wolfe")),
]


def net():
    return torch.nn.Sequential(torch.nn.Linear(2, 50), torch.nn.ReLU(), torch.nn.Linear(50, 50), torch.nn.ReLU(),
                               torch.nn.Linear(50, 50), torch.nn.ReLU(), torch.nn.Linear(50, 1))


def run(mode):
    dtype = torch.float64 if mode == "tuned64" else torch.float32
    X, Z = X64.to(dtype), Z64.to(dtype)
    torch.manual_seed(0)
    base = net().to(dtype)
    if args.init_model:
        # The Linear layers of the Sequential in order take the file's weights (outputs x inputs) and biases.
        layers, activations = read_train_model(args.init_model, ["relu", "identity"])
        if activations != ["relu", "relu", "relu", "identity"] or [w.shape for w, _ in layers] != [
                (50, 2), (50, 50), (50, 50), (1, 50)]:
            raise SystemExit(f"{args.init_model}: not the course's Net3L(50, 50, 50) with ReLU")
        with torch.no_grad():
            for linear, (w, b) in zip([m for m in base if isinstance(m, torch.nn.Linear)], layers):
                linear.weight.copy_(torch.tensor(w, dtype=dtype))
                linear.bias.copy_(torch.tensor(b, dtype=dtype))
    loss_fn = torch.nn.MSELoss()
    results = []
    for index, (name, batch, make) in enumerate(RUNS, start=1):
        if args.run is not None and index != args.run:
            continue
        model = net().to(dtype)
        model.load_state_dict(base.state_dict())
        opt = make(model.parameters())
        loader = torch.utils.data.DataLoader(torch.utils.data.TensorDataset(X, Z), batch_size=batch, shuffle=True)
        start = time.perf_counter()
        for epoch in range(args.epochs):
            batches = loader if mode == "course" else (
                (X[idx], Z[idx]) for idx in torch.randperm(len(X)).split(batch))
            for xb, zb in batches:
                def closure():
                    opt.zero_grad()
                    loss = loss_fn(model(xb), zb)
                    loss.backward()
                    return loss
                last = opt.step(closure)
        seconds = time.perf_counter() - start
        with torch.no_grad():
            test = loss_fn(model(X), Z).item()
        results.append({"run": name, "seconds": seconds, "last_batch_loss": float(last.detach()), "test_mse": test})
        if args.run is None:
            print(f"{mode:8} {name:52} {seconds:8.2f} s  test MSE {test:.3e}", flush=True)
    return results


if args.run is not None:
    print(json.dumps({"torch": torch.__version__, **run(args.modes.split(",")[0])[0]}))
    raise SystemExit(0)


out = {"provenance": "Benchmarks/reference/course_comparison_torch.py", "torch": torch.__version__, "threads": 1,
       "epochs": args.epochs, "machine": cpu_model(), "modes": {}}
for mode in args.modes.split(","):
    out["modes"][mode] = run(mode)
    out["modes"][mode + "_total_seconds"] = sum(r["seconds"] for r in out["modes"][mode])
path = pathlib.Path(__file__).resolve().parent / "torch-course.json"
path.write_text(json.dumps(out, indent=1) + "\n")
print("wrote", path)

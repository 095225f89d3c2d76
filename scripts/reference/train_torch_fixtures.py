#!/usr/bin/env python3
"""Writes Tests/Fixtures/train/: a small model, a data set, and torch.optim's per-epoch losses.

The `train` tool, run with `--init-model model.json --data data.csv --batch-size full --metrics -`, must
reproduce these losses epoch by epoch (float64). The data: 64 points of the assignment's surface on an
8x8 grid of [-3, 3]^2 plus seeded noise; the model: 2 -> 8 -> 8 -> 1 with tanh (smooth, so that long runs
are not sensitive to kinks) and PyTorch's default initialisation from torch.manual_seed(0).
Row e of each run is the MSE over the whole set after e optimizer steps (row 0: before any step).
Run: python3 scripts/reference/train_torch_fixtures.py  (needs torch; CI never runs it)
"""
import json
import pathlib

import numpy as np
import torch

torch.set_default_dtype(torch.float64)
here = pathlib.Path(__file__).resolve().parents[2] / "Tests/Fixtures/train"

# Data: the surface with noise, written with repr() so the CSV holds the exact doubles.
g = np.linspace(-3, 3, 8)
xx, yy = np.meshgrid(g, g, indexing="ij")
r2 = xx.ravel() ** 2 + yy.ravel() ** 2
z = np.where(r2 == 0, 0.0, np.sin(0.8 * r2) / np.where(r2 == 0, 1, r2) ** 0.9)
np.random.seed(3)
z = z + 0.1 * np.random.normal(size=z.shape)
X = torch.tensor(np.stack([xx.ravel(), yy.ravel()], axis=1))
Y = torch.tensor(z).reshape(-1, 1)
with open(here / "data.csv", "w") as f:
    f.write("# scripts/reference/train_torch_fixtures.py: the surface on an 8x8 grid plus 0.1*N(0,1), seed 3\n")
    f.write("x,y,z\n")
    for (a, b), c in zip(X.tolist(), Y.ravel().tolist()):
        f.write(f"{a!r},{b!r},{c!r}\n")

torch.manual_seed(0)
model = torch.nn.Sequential(torch.nn.Linear(2, 8), torch.nn.Tanh(), torch.nn.Linear(8, 8), torch.nn.Tanh(),
                            torch.nn.Linear(8, 1))
initial = {k: v.clone() for k, v in model.state_dict().items()}
layers = []
linears = [m for m in model if isinstance(m, torch.nn.Linear)]
for i, lin in enumerate(linears):
    layers.append({"weights": lin.weight.tolist(), "biases": lin.bias.tolist(),
                   "activation": "tanh" if i < len(linears) - 1 else "identity"})
(here / "model.json").write_text(json.dumps({"inputs": 2, "layers": layers}) + "\n")

RUNS = [
    ("sgd", ["--lr", "0.05"], lambda p: torch.optim.SGD(p, lr=0.05), 40),
    ("sgd", ["--lr", "0.05", "--momentum", "0.9", "--nesterov"], lambda p: torch.optim.SGD(p, lr=0.05, momentum=0.9, nesterov=True), 40),
    ("sgd", ["--lr", "0.05", "--momentum", "0.8", "--dampening", "0.3", "--weight-decay", "0.01"],
     lambda p: torch.optim.SGD(p, lr=0.05, momentum=0.8, dampening=0.3, weight_decay=0.01), 40),
    ("adam", ["--lr", "0.01"], lambda p: torch.optim.Adam(p, lr=0.01), 40),
    ("adam", ["--lr", "0.01", "--betas", "0.8,0.99", "--amsgrad", "--weight-decay", "0.01"],
     lambda p: torch.optim.Adam(p, lr=0.01, betas=(0.8, 0.99), amsgrad=True, weight_decay=0.01), 40),
    ("adamw", ["--lr", "0.01"], lambda p: torch.optim.AdamW(p, lr=0.01), 40),
    ("adagrad", ["--lr", "0.1"], lambda p: torch.optim.Adagrad(p, lr=0.1), 40),
    ("rmsprop", ["--lr", "0.01"], lambda p: torch.optim.RMSprop(p, lr=0.01), 40),
    ("rmsprop", ["--lr", "0.005", "--centered", "--momentum", "0.5"],
     lambda p: torch.optim.RMSprop(p, lr=0.005, centered=True, momentum=0.5), 40),
    ("adadelta", [], lambda p: torch.optim.Adadelta(p), 40),
    ("lbfgs", ["--lr", "1", "--max-iter", "4"], lambda p: torch.optim.LBFGS(p, lr=1, max_iter=4), 8),
    ("lbfgs", ["--lr", "1", "--max-iter", "1", "--line-search", "strong-wolfe"],
     lambda p: torch.optim.LBFGS(p, lr=1, max_iter=1, line_search_fn="strong_wolfe"), 20),
    ("lbfgs", ["--lr", "1", "--max-iter", "3", "--line-search", "strong-wolfe"],
     lambda p: torch.optim.LBFGS(p, lr=1, max_iter=3, line_search_fn="strong_wolfe"), 8),
]

loss_fn = torch.nn.MSELoss()
runs = []
for name, flags, make, epochs in RUNS:
    model.load_state_dict(initial)
    opt = make(model.parameters())

    def closure():
        opt.zero_grad()
        loss = loss_fn(model(X), Y)
        loss.backward()
        return loss

    losses = [loss_fn(model(X), Y).item()]
    for _ in range(epochs):
        opt.step(closure)
        with torch.no_grad():
            losses.append(loss_fn(model(X), Y).item())
    runs.append({"optimizer": name, "flags": flags, "epochs": epochs, "train_loss": losses})

model.load_state_dict(initial)
with torch.no_grad():
    predictions = model(X).ravel().tolist()
out = {"provenance": "scripts/reference/train_torch_fixtures.py", "torch": torch.__version__, "dtype": "float64",
       "initial_predictions": predictions, "runs": runs}
(here / "torch_runs.json").write_text(json.dumps(out, indent=1) + "\n")
print("wrote", here)

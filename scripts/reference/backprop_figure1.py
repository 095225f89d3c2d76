#!/usr/bin/env python3
"""Writes Tests/Fixtures/nn/figure1.json: the assignment's backpropagation exercise computed with NumPy.

The 2-3-2-1 network of the assignment's Figure 1 (sigmoid hidden layers, linear output) on its three
points, for each loss convention (mse = mean, sse = sum, half-sse = half the sum) and with the hidden
activation replaced by tanh, SELU and LeakyReLU(0.01): per-point forward values f_k, h_k, backward values
dl/df_k, dl/dh_k, the per-point gradients dl_i/dOmega_k and dl_i/dbeta_k, the batch gradient, its central
finite differences (step 1e-6, every parameter and every input), the weights after one gradient step with
learning rate 1, the loss before and after, and, when the loss did not go down, the loss after one step
with each rate of the scan 10^(-j/10), j = 0 ... 40, and then the refined rates on a fine grid (200 rates per
decade from 1e-6 to 1): every interval of rates for which one step lowers the loss (SciPy's brentq on
L(rate) - L(0) at each sign change between neighbouring grid rates; the first starts at 0 when the grid's
smallest rate already lowers the loss), the threshold below which every rate lowers it (the end of that first
interval), and the rate of the lowest loss after one step (SciPy's bounded minimize_scalar between the
neighbours of the grid's best rate). SELU and LeakyReLU have two pre-activations that are 0 in exact
arithmetic (-8e-17 and -6e-17 after rounding), on their kink: their mse cases are computed a second time with
the derivative from the right there ("kink_derivative": "right"; the others are "computed", the side the
rounded value lands on). Written independently of the Swift code, with plain NumPy loops.
Run: python3 scripts/reference/backprop_figure1.py
"""
import json
import math
import pathlib

import numpy as np
from scipy import optimize

OMEGA = [np.array([[0.2, -0.1], [0.5, 0.6], [-1.3, 1.2]]), np.array([[1.3, 0.6, -0.7], [-0.2, 0.1, 0.4]]),
         np.array([[-0.9, 2.1]])]
BETA = [np.array([0.3, 0.7, 0.1]), np.array([-0.3, 0.3]), np.array([0.2])]
X = np.array([[1.0, 1.0], [0.0, 2.0], [-1.0, 1.0]])
Y = np.array([1.0, 1.0, 0.0])
LAMBDA, ALPHA = 1.0507009873554804934193349852946, 1.6732632423543772848170429916717

ACTIVATIONS = {
    "sigmoid": (lambda z: 1 / (1 + np.exp(-z)), lambda z: (1 / (1 + np.exp(-z))) * (1 - 1 / (1 + np.exp(-z)))),
    "tanh": (np.tanh, lambda z: 1 - np.tanh(z) ** 2),
    "selu": (lambda z: LAMBDA * np.where(z > 0, z, ALPHA * (np.exp(z) - 1)),
             lambda z: LAMBDA * np.where(z > 0, 1.0, ALPHA * np.exp(z))),
    "leaky-relu": (lambda z: np.where(z > 0, z, 0.01 * z), lambda z: np.where(z > 0, 1.0, 0.01)),
}
# The point term l_i and the factor from sum_i to L.
LOSSES = {"mse": (1.0, 1 / 3), "sse": (1.0, 1.0), "half-sse": (0.5, 1.0)}


# Where the activation's derivative jumps, a pre-activation this close to 0 is on the kink.
KINK = 1e-9


def point(omega, beta, act, x, y, half, side="computed"):
    a, derivative = ACTIVATIONS[act]

    def da(z):
        if side == "right" and act in ("selu", "leaky-relu"):
            return np.where(np.abs(z) < KINK, derivative(np.full_like(z, 1e-300)), derivative(z))
        return derivative(z)
    f, h = [], []
    hk = x
    for k in range(3):
        fk = beta[k] + omega[k] @ hk
        f.append(fk)
        if k < 2:
            hk = a(fk)
            h.append(hk)
    pred = f[2][0]
    loss = half * (pred - y) ** 2
    df = [None] * 3
    dh = [None] * 2
    df[2] = np.array([2 * half * (pred - y)])
    gw, gb = [None] * 3, [None] * 3
    for k in (2, 1, 0):
        gb[k] = df[k].copy()
        hin = x if k == 0 else h[k - 1]
        gw[k] = np.outer(df[k], hin)
        if k > 0:
            dh[k - 1] = omega[k].T @ df[k]
            df[k - 1] = da(f[k - 1]) * dh[k - 1]
    return dict(f=[v.tolist() for v in f], h=[v.tolist() for v in h], prediction=pred, loss=loss,
                df=[v.tolist() for v in df], dh=[v.tolist() for v in dh],
                derivatives=[da(f[k]).tolist() for k in range(2)],
                gradient={"weights": [w.tolist() for w in gw], "biases": [b.tolist() for b in gb]}), gw, gb


def total_loss(omega, beta, act, half, scale, x=X):
    return scale * sum(point(omega, beta, act, x[i], Y[i], half)[0]["loss"] for i in range(3))


def central_differences(act, half, scale, step=1e-6):
    """[L(theta + step e_j) - L(theta - step e_j)] / (2 step) for every parameter, then every input."""
    def perturbed(arrays, k, index, delta):
        copy = [a.copy() for a in arrays]
        copy[k][index] += delta
        return copy
    weights, biases = [], []
    for k in range(3):
        w = np.zeros_like(OMEGA[k])
        for index in np.ndindex(OMEGA[k].shape):
            up = total_loss(perturbed(OMEGA, k, index, step), BETA, act, half, scale)
            down = total_loss(perturbed(OMEGA, k, index, -step), BETA, act, half, scale)
            w[index] = (up - down) / (2 * step)
        b = np.zeros_like(BETA[k])
        for index in np.ndindex(BETA[k].shape):
            up = total_loss(OMEGA, perturbed(BETA, k, index, step), act, half, scale)
            down = total_loss(OMEGA, perturbed(BETA, k, index, -step), act, half, scale)
            b[index] = (up - down) / (2 * step)
        weights.append(w.tolist())
        biases.append(b.tolist())
    inputs = np.zeros_like(X)
    for index in np.ndindex(X.shape):
        up, down = X.copy(), X.copy()
        up[index] += step
        down[index] -= step
        inputs[index] = (total_loss(OMEGA, BETA, act, half, scale, up) - total_loss(OMEGA, BETA, act, half, scale, down)) / (2 * step)
    return {"step": step, "weights": weights, "biases": biases, "inputs": inputs.tolist()}


FINE = [10 ** (-(1200 - j) / 200) for j in range(1201)]


def refine(after_step, before):
    """The intervals of the fine grid's rates that lower the loss, each crossing by brentq; the best rate."""
    values = [after_step(rate) for rate in FINE]
    falls = [value < before for value in values]
    intervals, start = [], 0.0 if falls[0] else None
    for j in range(1, len(FINE)):
        if falls[j] != falls[j - 1]:
            crossing = optimize.brentq(lambda r: after_step(r) - before, FINE[j - 1], FINE[j], xtol=1e-15, rtol=1e-14)
            if falls[j]:
                start = crossing
            else:
                intervals.append([start, crossing])
                start = None
    if start is not None:
        intervals.append([start, FINE[-1]])
    best = min(range(len(FINE)), key=lambda j: values[j])
    found = optimize.minimize_scalar(after_step, bounds=(FINE[max(best - 1, 0)], FINE[min(best + 1, len(FINE) - 1)]),
                                     method="bounded", options={"xatol": 1e-12})
    threshold = intervals[0][1] if intervals and intervals[0][0] == 0 else None
    return intervals, threshold, [found.x, found.fun]


out = {"provenance": "scripts/reference/backprop_figure1.py", "numpy": np.__version__, "cases": []}
CASES = [(act, name, "computed") for act in ACTIVATIONS for name in LOSSES] + \
        [("selu", "mse", "right"), ("leaky-relu", "mse", "right")]
for act, name, side in CASES:
        half, scale = LOSSES[name]
        points, gw, gb = [], [np.zeros_like(w) for w in OMEGA], [np.zeros_like(b) for b in BETA]
        for i in range(3):
            p, w, b = point(OMEGA, BETA, act, X[i], Y[i], half, side)
            points.append(p)
            for k in range(3):
                gw[k] += scale * w[k]
                gb[k] += scale * b[k]
        before = total_loss(OMEGA, BETA, act, half, scale)
        new_omega = [OMEGA[k] - gw[k] for k in range(3)]
        new_beta = [BETA[k] - gb[k] for k in range(3)]
        after = total_loss(new_omega, new_beta, act, half, scale)
        def after_step(rate):
            return total_loss([OMEGA[k] - rate * gw[k] for k in range(3)],
                              [BETA[k] - rate * gb[k] for k in range(3)], act, half, scale)

        scan, intervals, threshold, optimum = [], [], None, None
        if not after < before:
            for j in range(41):
                rate = 10 ** (-j / 10)
                scan.append([rate, after_step(rate)])
            intervals, threshold, optimum = refine(after_step, before)
            if not intervals:
                optimum = None
        out["cases"].append({
            "activation": act, "loss": name, "kink_derivative": side, "loss_before": before, "loss_after": after,
            "points": points,
            "gradient": {"weights": [w.tolist() for w in gw], "biases": [b.tolist() for b in gb]},
            "updated": {"weights": [w.tolist() for w in new_omega], "biases": [b.tolist() for b in new_beta]},
            "central_differences": central_differences(act, half, scale), "scan": scan,
            "decreasing_intervals": intervals, "threshold_rate": threshold, "optimal_rate": optimum,
        })

path = pathlib.Path(__file__).resolve().parents[2] / "Tests/Fixtures/nn/figure1.json"
path.write_text(json.dumps(out, indent=1) + "\n")
print("wrote", path)
for case in out["cases"]:
    refined = ""
    if case["decreasing_intervals"]:
        spans = " u ".join(f"({low:.6f}, {high:.6f})" for low, high in case["decreasing_intervals"])
        refined = f'; lowers for rate in {spans}, best rate {case["optimal_rate"][0]:.6f} ' \
                  f'(L = {case["optimal_rate"][1]:.6f})'
    print(f'{case["activation"]:>10} {case["loss"]:>8} {case["kink_derivative"]:>8}: '
          f'{case["loss_before"]:.9f} -> {case["loss_after"]:.9f}{refined}')

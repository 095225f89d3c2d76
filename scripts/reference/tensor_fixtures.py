#!/usr/bin/env python3
"""Writes Tests/Fixtures/tensor/numpy.json: NumPy's answers for the Tensor test suite.

Inputs are drawn from NumPy's legacy generator (np.random.seed), which the Swift RandomState reproduces,
so the fixture stores seeds and shapes plus NumPy's results; the tests regenerate the same inputs.
Run: python3 scripts/reference/tensor_fixtures.py   (NumPy only; CI never runs it)
"""
import json
import pathlib

import numpy as np

out = {"provenance": "scripts/reference/tensor_fixtures.py", "numpy": np.__version__}


def normals(seed, shape):
    np.random.seed(seed)
    return np.random.normal(size=shape)


# Creation: linspace and arange rules.
out["linspace"] = [
    {"start": a, "stop": b, "count": n, "values": np.linspace(a, b, n).tolist()}
    for a, b, n in [(-3, 3, 40), (0, 1, 11), (-1, 2.5, 7), (5, 5, 3), (0, 1, 1), (-2, 6, 80)]
]
out["arange"] = [
    {"start": a, "stop": b, "step": s, "values": np.arange(a, b, s).tolist()}
    for a, b, s in [(0, 1, 0.01), (-1, 1, 0.01), (-2, 6, 0.1), (0.1, 0.5, 0.005), (-1, 1, 0.001), (3, -1, -0.7)]
]

# Random numbers.
np.random.seed(0)
first = np.random.normal(size=10).tolist()
np.random.seed(1)
perm = np.random.permutation(30).tolist()
np.random.seed(42)
uniforms = np.random.uniform(size=5).tolist()
ranged = np.random.uniform(-2.0, 3.0, size=5).tolist()
scaled = np.random.normal(1.5, 0.25, size=5).tolist()
mixed = [np.random.normal(), np.random.uniform(), np.random.normal(), np.random.permutation(7).tolist()]
np.random.seed(4294967295)
big_seed = np.random.normal(size=3).tolist()
out["random"] = {
    "seed0_normals": first, "seed1_permutation30": perm,
    "seed42_uniform5": uniforms, "seed42_then_uniform_m2_3": ranged, "seed42_then_normal_1.5_0.25": scaled,
    "seed42_then_mixed": mixed, "seed4294967295_normals": big_seed,
}
# Notebook 7.2: all 187 draws after seed 0, in the notebook's order.
np.random.seed(0)
draws = []
for shape in [(6, 1), (1, 6), (6, 1), (1, 1)]:
    draws += np.random.normal(size=shape).ravel().tolist()
for _ in range(4):
    draws += np.random.normal(size=(6, 6)).ravel().tolist()
    draws += np.random.normal(size=(6, 1)).ravel().tolist()
out["random"]["notebook72_187"] = draws

# Pairwise sums: sizes around every branch of NumPy's algorithm.
out["sums"] = []
for n in [0, 1, 5, 7, 8, 9, 15, 16, 17, 127, 128, 129, 130, 255, 256, 257, 1000, 1023, 4097, 8000]:
    x = normals(100 + n, n) * 1e3 + 0.1
    out["sums"].append({"seed": 100 + n, "n": n, "sum": float(np.sum(x)), "mean": float(np.mean(x)) if n else None,
                        "var": float(np.var(x)) if n else None, "std": float(np.std(x)) if n else None})

# Reductions along axes of a 3-D array (seed 7, shape 3x4x5).
x = normals(7, (3, 4, 5))
red = {}
for axis in range(3):
    red[str(axis)] = {
        "sum": np.sum(x, axis=axis).ravel().tolist(), "mean": np.mean(x, axis=axis).ravel().tolist(),
        "var": np.var(x, axis=axis).ravel().tolist(), "std": np.std(x, axis=axis).ravel().tolist(),
        "min": np.min(x, axis=axis).ravel().tolist(), "max": np.max(x, axis=axis).ravel().tolist(),
        "argmin": np.argmin(x, axis=axis).ravel().tolist(), "argmax": np.argmax(x, axis=axis).ravel().tolist(),
    }
out["reductions"] = {"seed": 7, "shape": [3, 4, 5], "axes": red,
                     "all": {"sum": float(x.sum()), "min": float(x.min()), "max": float(x.max()),
                             "argmin": int(x.argmin()), "argmax": int(x.argmax()), "var": float(x.var())}}

# Broadcasting: a (seed 11) with b (seed 12) of each shape pair.
cases = [([2, 3], [3]), ([2, 3], [2, 1]), ([2, 3], [1, 3]), ([4, 1], [1, 5]), ([2, 3, 4], [3, 1]),
         ([3], [2, 1, 3]), ([2, 1, 3, 1], [4, 1, 2]), ([], [2, 2])]
out["broadcast"] = []
for sa, sb in cases:
    a = normals(11, sa)
    b = normals(12, sb)
    out["broadcast"].append({"a": sa, "b": sb, "shape": list(np.broadcast_shapes(tuple(sa), tuple(sb))),
                             "add": (a + b).ravel().tolist(), "sub": (a - b).ravel().tolist(),
                             "mul": (a * b).ravel().tolist(), "div": (a / b).ravel().tolist(),
                             "gt": (a > b).astype(float).ravel().tolist()})

# Matrix products: a (seed 21) m x k, b (seed 22) k x n.
out["matmul"] = []
for m, k, n in [(1, 1, 1), (3, 2, 4), (7, 5, 3), (13, 17, 11), (40, 50, 50), (64, 300, 37), (100, 260, 130)]:
    a = normals(21, (m, k))
    b = normals(22, (k, n))
    out["matmul"].append({"m": m, "k": k, "n": n, "product": (a @ b).ravel().tolist()})
u = normals(31, 5)
v = normals(32, 4)
w = normals(33, 5)
out["vectors"] = {"outer": np.outer(u, v).ravel().tolist(), "dot": float(np.dot(u, w)),
                  "norm": float(np.linalg.norm(u)), "norm1": float(np.linalg.norm(u, 1)),
                  "norm3": float(np.linalg.norm(u, 3)), "norminf": float(np.linalg.norm(u, np.inf))}

# Printing: NumPy's str() of a few arrays.
out["printing"] = [
    {"shape": [2, 2], "values": [1.0, -0.5, 2.25, 3.0], "text": str(np.array([[1.0, -0.5], [2.25, 3.0]]))},
    {"shape": [3], "values": [1.0, 2.0, 3.0], "text": str(np.array([1.0, 2.0, 3.0]))},
    {"shape": [3], "values": [0.1, 0.25, 100.0], "text": str(np.array([0.1, 0.25, 100.0]))},
    {"shape": [2], "values": [1e-5, 1.0], "text": str(np.array([1e-5, 1.0]))},
    {"shape": [4], "values": [0.5, -1.0, 2.0, 1.0 / 3.0], "text": str(np.array([0.5, -1.0, 2.0, 1.0 / 3.0]))},
]

path = pathlib.Path(__file__).resolve().parents[2] / "Tests/Fixtures/tensor/numpy.json"
path.write_text(json.dumps(out, indent=None, separators=(",", ":")) + "\n")
print("wrote", path)

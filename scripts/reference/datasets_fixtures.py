#!/usr/bin/env python3
"""Reference values for the Datasets library, computed with NumPy and Python's own float parsing.

Writes, under Tests/Fixtures/datasets/:
  surface.json       the assignment's surface on linspace grids ('ij' meshgrid, x slowest), clean and with
                     noise sigma * np.random.normal(size=n) after np.random.seed(seed); once with NumPy's
                     vectorised sin and ** (which may differ from the C library by an ulp) and once with the C
                     library's sin and pow through Python's math module (the *_libm arrays)
  permutations.json  np.random.seed(s); [np.random.permutation(n) for each epoch]
  splits.json        scikit-learn's train_test_split rule (ShuffleSplit with a float test_size and an integer
                     random_state): n_test = ceil(f * n); perm = RandomState(seed).permutation(n);
                     test = perm[:n_test], train = perm[n_test:]. Written out here with NumPy, so scikit-learn
                     is not needed.
  numbers.json       number tokens in many spellings and the exact doubles Python's float() gives them (as the
                     hex of their IEEE bits), plus random doubles over the whole range (subnormals and huge
                     exponents included) with Python's repr (shortest round-trip digits)

Run from the repository root:  python3 scripts/reference/datasets_fixtures.py
"""
import json
import math
import os
import struct

import numpy as np

OUT = os.path.join("Tests", "Fixtures", "datasets")
PROVENANCE = "scripts/reference/datasets_fixtures.py (NumPy %s)" % np.__version__


def bits(x):
    return "0x%016x" % struct.unpack("<Q", struct.pack("<d", x))[0]


def dump(name, payload):
    payload = {"provenance": PROVENANCE, **payload}
    with open(os.path.join(OUT, name), "w") as f:
        json.dump(payload, f, separators=(",", ":"))
        f.write("\n")


def surface(grid, low, high, noise, seed):
    axis = np.linspace(low, high, grid)
    X, Y = np.meshgrid(axis, axis, indexing="ij")
    r2 = X**2 + Y**2
    with np.errstate(divide="ignore", invalid="ignore"):
        z = np.sin(0.8 * r2) / r2**0.9
    z = np.where(r2 == 0, 0.0, z).ravel()
    z_libm = np.array([0.0 if v == 0 else math.sin(0.8 * v) / math.pow(v, 0.9) for v in r2.ravel()])
    np.random.seed(seed)
    normals = np.random.normal(size=grid * grid)
    return {
        "grid": grid, "low": low, "high": high, "noise": noise, "seed": seed,
        "x": X.ravel().tolist(), "y": Y.ravel().tolist(),
        "z": (z + noise * normals).tolist(), "z_clean": z.tolist(),
        "z_libm": (z_libm + noise * normals).tolist(), "z_clean_libm": z_libm.tolist(),
    }


def permutations(seed, n, epochs):
    np.random.seed(seed)
    return {"seed": seed, "n": n, "epochs": [np.random.permutation(n).tolist() for _ in range(epochs)]}


def split(seed, n, fraction):
    n_test = math.ceil(fraction * n)
    perm = np.random.RandomState(seed).permutation(n)
    return {"seed": seed, "n": n, "fraction": fraction,
            "validation": perm[:n_test].tolist(), "training": perm[n_test:].tolist()}


def numbers():
    tokens = [
        "0", "-0", "+0", "0.0", "-0.0", ".5", "5.", "-.5", "+2.5", "1e5", "1E5", "1e+5", "1e-5", "-1.5E-3",
        "00012.3400", "0.1", "0.2", "0.3", "1.7976931348623157e308", "2.2250738585072014e-308",
        "2.2250738585072011e-308", "4.9406564584124654e-324", "5e-324", "2.4703282292062328e-324",
        "2.4703282292062327e-324", "1e-400", "0e999", "123456789012345678901234567890",
        "0.1000000000000000055511151231257827021181583404541015625",
        "9007199254740993", "9007199254740992", "9007199254740991", "1e22", "1e23", "8.98846567431158e307",
        "3.141592653589793", "2.718281828459045", "1e15", "1e16", "999999999999999.9", "0.000001",
        "1.0000000000000002", "0.9999999999999999", "7.2057594037927933e16", "123.456e-2",
    ]
    rs = np.random.RandomState(2024)
    for _ in range(200):  # random doubles in several spellings
        x = float(rs.normal() * 10.0 ** rs.randint(-30, 30))
        tokens += [repr(x), "%.17g" % x, "%.3e" % x, "%.6f" % x, "%.25g" % x]
    tokens += ["%d" % v for v in rs.randint(-10**9, 10**9, size=20)]
    values = [float(t) for t in tokens]

    raw = rs.randint(0, 2**63 - 1, size=3000, dtype=np.int64).astype(np.uint64)
    raw[::2] |= np.uint64(1) << np.uint64(63)  # negative half of them
    randoms = [float(v) for v in raw.view(np.float64) if np.isfinite(v)]
    randoms += [float(v) for v in (rs.uniform(size=200) * 2.0 ** -1060)]  # subnormals
    randoms += [0.0, -0.0, 1.0, -3.0, 0.1, 1 / 3, 2.0**53, 2.0**53 + 2, 1e16, 1e15, 123.0, 5e-324,
                1.7976931348623157e308, 2.2250738585072014e-308, 1e-5, 1e-4, 0.00012, 1e21, 1e22]
    return {
        "tokens": tokens, "bits": [bits(v) for v in values],
        "randomBits": [bits(v) for v in randoms], "randomRepr": [repr(v) for v in randoms],
    }


def main():
    os.makedirs(OUT, exist_ok=True)
    dump("surface.json", {"cases": [
        surface(40, -3.0, 3.0, 0.1, 0),
        surface(5, -2.0, 2.0, 0.5, 7),
        surface(4, -1.0, 2.5, 0.0, 3),
    ]})
    dump("permutations.json", {"cases": [
        permutations(0, 10, 3), permutations(1, 30, 2), permutations(42, 1600, 2), permutations(5, 1, 2),
        permutations(123, 2, 4),
    ]})
    dump("splits.json", {"cases": [
        split(0, 10, 0.2), split(3, 1600, 0.2), split(7, 7, 0.5), split(1, 20, 0.33), split(9, 3, 0.1),
    ]})
    dump("numbers.json", numbers())


if __name__ == "__main__":
    main()

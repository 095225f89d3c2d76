"""What the course-comparison anchors (PyTorch, JAX) share: the machine's name and train's model files."""
import json
import platform
import sys

import numpy as np


def cpu_model():
    """The CPU's name from /proc/cpuinfo ("model name"), else what platform knows."""
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def read_train_model(path, activations):
    """The layers of a train model file as ([(W, b), ...] in float64, [activation, ...]); W is outputs x inputs.

    Exits with a message naming the file and the layer when the file is not a 2-input, 1-output network whose
    activations are among `activations`.
    """
    model = json.load(open(path))
    params, names = [], []
    fan_in = model["inputs"]
    for number, layer in enumerate(model["layers"], start=1):
        w = np.asarray(layer["weights"], dtype=np.float64)
        b = np.asarray(layer["biases"], dtype=np.float64)
        if w.ndim != 2 or w.shape[1] != fan_in or b.shape != (w.shape[0],):
            sys.exit(f"{path}: layer {number} has weights {w.shape} and biases {b.shape} after {fan_in} inputs")
        if layer["activation"] not in activations:
            sys.exit(f"{path}: layer {number}'s activation {layer['activation']!r} is not one of "
                     + ", ".join(activations))
        params.append((w, b))
        names.append(layer["activation"])
        fan_in = w.shape[0]
    if model["inputs"] != 2 or fan_in != 1:
        sys.exit(f"{path}: the network maps {model['inputs']} inputs to {fan_in} outputs, not 2 to 1")
    return params, names

#!/usr/bin/env python3
"""Whole-process reference for `nnid analyze NET.npz --samples n --seed 1`: what a user would write in a
notebook cell or a script for the same question — load the network and the sample, build the batch
Jacobian by vectorized backpropagation, `numpy.linalg.matrix_rank`. benchmarks/run_all.py times this as a
whole process (interpreter start-up and `import numpy` included), exactly as it times `nnid analyze`.

Usage: notebook.py NET.npz INPUTS.npy relu|tanh   (files from reference_numpy.py --write-npz/--write-inputs)
Prints one JSON line: {"rank": r, "rows": m, "cols": n}.
"""
import json
import os
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from reference_numpy import batch_jacobian  # noqa: E402  (the same vectorized backpropagation as the ladder)


def main():
    net_path, inputs_path, activation = sys.argv[1:4]
    with np.load(net_path) as layers:
        depth = len([name for name in layers.files if name.startswith("W")])
        weights = [layers[f"W{i + 1}"] for i in range(depth)]
        biases = [layers[f"b{i + 1}"] for i in range(depth)]
    inputs = np.load(inputs_path)
    jacobian = batch_jacobian(weights, biases, inputs, activation)
    rank = int(np.linalg.matrix_rank(jacobian))
    print(json.dumps({"rank": rank, "rows": jacobian.shape[0], "cols": jacobian.shape[1]}))


if __name__ == "__main__":
    main()

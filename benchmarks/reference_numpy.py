#!/usr/bin/env python3
"""NumPy reference for `nnid-bench jacobian-rank`: the same det_net network (science.md §0.3), its batch
Jacobian by vectorized backpropagation, and np.linalg.matrix_rank with the NumPy default tolerance.

Prints one JSON line per case with the timings, so that benchmarks/run_jacobian_rank.sh can put it next to
the Swift numbers. Usage: reference_numpy.py --widths 20,50,50,10 --samples 500 [--seed 1] [--activation tanh]
[--runs 5 --warmup 1] [--jax]
[--write-npz FILE [--write-inputs FILE.npy]: only write the network (and its det_net inputs), for timing
`nnid analyze` and benchmarks/analyze/notebook.py]
"""
import argparse
import ctypes
import glob
import json
import os
import sys
import time

import numpy as np

MASK = (1 << 64) - 1


class SplitMix64:
    """The standard SplitMix64 generator; `unit()` is the top 53 bits times 2^-53."""

    def __init__(self, seed):
        self.state = seed & MASK

    def next(self):
        self.state = (self.state + 0x9E3779B97F4A7C15) & MASK
        z = self.state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
        return z ^ (z >> 31)

    def unit(self):
        return (self.next() >> 11) * 2.0**-53


def det_net(widths, seed, n):
    """One stream: W_l row-major with 2u-1, then b_l with 2u-1, for l = 1..L; then inputs with 4u-2."""
    rng = SplitMix64(seed)
    weights, biases = [], []
    for fan_in, fan_out in zip(widths, widths[1:]):
        weights.append(np.array([2 * rng.unit() - 1 for _ in range(fan_out * fan_in)]).reshape(fan_out, fan_in))
        biases.append(np.array([2 * rng.unit() - 1 for _ in range(fan_out)]))
    inputs = np.array([4 * rng.unit() - 2 for _ in range(n * widths[0])]).reshape(n, widths[0])
    return weights, biases, inputs


def batch_jacobian(weights, biases, inputs, activation="relu"):
    """(n·nL) × P Jacobian of a ReLU or tanh MLP; row s·nL + k, columns W_1 (row-major), b_1, W_2, b_2, ..."""
    n = inputs.shape[0]
    posts, slopes = [inputs], []
    h = inputs
    for layer, (w, b) in enumerate(zip(weights, biases)):
        z = h @ w.T + b
        if layer < len(weights) - 1:
            if activation == "tanh":
                h = np.tanh(z)
                slopes.append(1 - h * h)
            else:
                slopes.append((z > 0).astype(float))
                h = np.maximum(z, 0)
        else:
            h = z
        posts.append(h)
    n_out = weights[-1].shape[0]
    delta = np.broadcast_to(np.eye(n_out), (n, n_out, n_out)).copy()  # delta[s, k, i] = ∂f_k/∂z_L[i]
    blocks = [None] * len(weights)
    for layer in range(len(weights) - 1, -1, -1):
        h_prev = posts[layer]
        dw = np.einsum("ski,sj->skij", delta, h_prev).reshape(n * n_out, -1)
        blocks[layer] = np.hstack([dw, delta.reshape(n * n_out, -1)])
        if layer > 0:
            delta = (delta @ weights[layer]) * slopes[layer - 1][:, None, :]
    return np.hstack(blocks)


def jax_setup(widths, weights, biases, inputs, activation):
    """A jit(jacrev) batch Jacobian in float64 on the CPU, columns in the same order as batch_jacobian."""
    import jax
    jax.config.update("jax_enable_x64", True)
    jax.config.update("jax_platforms", "cpu")
    import jax.numpy as jnp
    shapes = [(w.shape, b.shape) for w, b in zip(weights, biases)]
    x = jnp.asarray(inputs)
    act = jnp.tanh if activation == "tanh" else (lambda z: jnp.maximum(z, 0))

    def outputs(theta):
        h, offset = x, 0
        for layer, (ws, bs) in enumerate(shapes):
            w = theta[offset:offset + ws[0] * ws[1]].reshape(ws)
            offset += ws[0] * ws[1]
            b = theta[offset:offset + bs[0]]
            offset += bs[0]
            z = h @ w.T + b
            h = act(z) if layer < len(shapes) - 1 else z
        return h.reshape(-1)

    theta = jnp.asarray(np.concatenate([np.concatenate([w.ravel(), b]) for w, b in zip(weights, biases)]))
    jac = jax.jit(jax.jacrev(outputs))
    rank = jax.jit(jnp.linalg.matrix_rank)
    return (lambda: jac(theta).block_until_ready()), (lambda j: int(rank(j))), jax.__version__


def summary(times):
    times = sorted(times)
    mid = len(times) // 2
    median = times[mid] if len(times) % 2 else (times[mid - 1] + times[mid]) / 2
    return {"median": round(median, 4), "min": round(times[0], 4), "max": round(times[-1], 4), "runs": len(times)}


def openblas_kernel():
    """The OpenBLAS core type NumPy's bundled OpenBLAS runs (read through ctypes; 'unknown' if not found)."""
    libs = glob.glob(os.path.join(os.path.dirname(np.__file__), "..", "numpy.libs", "*openblas*.so*"))
    for path in libs:
        lib = ctypes.CDLL(path)
        for name in ("scipy_openblas_get_corename64_", "openblas_get_corename64_", "openblas_get_corename"):
            fn = getattr(lib, name, None)
            if fn is not None:
                fn.restype = ctypes.c_char_p
                return fn().decode()
    return "unknown"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--widths", default="20,50,50,10")
    parser.add_argument("--samples", type=int, default=500)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--activation", default="relu", choices=["relu", "tanh"])
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--warmup", type=int, default=0)
    parser.add_argument("--jax", action="store_true", help="time JAX (jit(jacrev) + matrix_rank) instead")
    parser.add_argument("--write-npz", metavar="FILE", help="only write the det_net weights (W1, b1, …) to FILE")
    parser.add_argument("--write-inputs", metavar="FILE", help="with --write-npz: also write the inputs (.npy)")
    args = parser.parse_args()
    widths = [int(w) for w in args.widths.split(",")]

    weights, biases, inputs = det_net(widths, args.seed, args.samples)
    if args.write_npz:  # for timing `nnid analyze FILE --samples N --seed S` (same network and inputs)
        layers = {f"W{i + 1}": w for i, w in enumerate(weights)} | {f"b{i + 1}": b for i, b in enumerate(biases)}
        np.savez(args.write_npz, **layers)
        if args.write_inputs:
            np.save(args.write_inputs, inputs)
        return
    if args.jax:
        compute_jacobian, compute_rank, version = jax_setup(widths, weights, biases, inputs, args.activation)
        implementation, versions = "jax", {"jax": version}
    else:
        compute_jacobian = lambda: batch_jacobian(weights, biases, inputs, args.activation)
        compute_rank = lambda j: int(np.linalg.matrix_rank(j))
        implementation, versions = "numpy", {"numpy": np.__version__, "openblas_kernel": openblas_kernel()}
    jac_times, rank_times, totals = [], [], []
    for run in range(args.warmup + args.runs):
        start = time.perf_counter()
        jacobian = compute_jacobian()
        jacobian_seconds = time.perf_counter() - start
        start = time.perf_counter()
        rank = compute_rank(jacobian)
        rank_seconds = time.perf_counter() - start
        if run >= args.warmup:
            jac_times.append(jacobian_seconds)
            rank_times.append(rank_seconds)
            totals.append(jacobian_seconds + rank_seconds)
    jacobian = np.asarray(jacobian)
    print(json.dumps({
        "implementation": implementation, **versions,
        "widths": widths, "samples": args.samples, "seed": args.seed, "activation": args.activation,
        "rows": jacobian.shape[0], "cols": jacobian.shape[1], "rank": rank,
        "jacobian_seconds": summary(jac_times)["median"], "rank_seconds": summary(rank_times)["median"],
        "total_seconds": summary(totals)["median"], "total_runs": summary(totals),
        "checksum": float(np.abs(jacobian).sum()),
    }))
    sys.stdout.flush()


if __name__ == "__main__":
    main()

"""Reference computations for benchmarks/analyze/run.sh: writes a ReLU MLP (npz) and a sample (.npy), then times
the batch Jacobian + numerical rank in NumPy (vectorised backpropagation, numpy.linalg.matrix_rank) and, if it is
installed, JAX (jax.jacrev of the flat-parameter function, jnp.linalg.matrix_rank). Prints one JSON line."""
import json, sys, time
import numpy as np

widths = [int(w) for w in sys.argv[1].split(",")]
n = int(sys.argv[2])
out = sys.argv[3]
rng = np.random.default_rng(0)
Ws = [rng.uniform(-1, 1, (widths[i + 1], widths[i])) / np.sqrt(widths[i]) for i in range(len(widths) - 1)]
bs = [rng.uniform(-0.5, 0.5, widths[i + 1]) for i in range(len(widths) - 1)]
X = rng.uniform(-2, 2, (n, widths[0]))
np.savez(out + "/net.npz", **{f"W{i+1}": W for i, W in enumerate(Ws)}, **{f"b{i+1}": b for i, b in enumerate(bs)})
np.save(out + "/x.npy", X)
L = len(Ws)


def numpy_jacobian():
    hs, zs = [X], []
    for l in range(L):
        z = hs[-1] @ Ws[l].T + bs[l]
        zs.append(z)
        hs.append(np.maximum(z, 0) if l < L - 1 else z)
    nL = widths[-1]
    # delta[s, k, i]: d f_k(x_s) / d z_l[i], from the output layer down.
    delta = np.broadcast_to(np.eye(nL), (n, nL, nL)).copy()
    blocks = []
    for l in range(L - 1, -1, -1):
        gw = np.einsum("ski,sj->skij", delta, hs[l]).reshape(n * nL, -1)
        blocks = [gw, delta.reshape(n * nL, -1)] + blocks
        if l > 0:
            delta = np.einsum("ski,ij->skj", delta, Ws[l]) * (zs[l - 1] > 0)[:, None, :]
    return np.hstack(blocks)


t = time.perf_counter()
J = numpy_jacobian()
rank = int(np.linalg.matrix_rank(J))
result = {"widths": widths, "samples": n, "numpy_seconds": time.perf_counter() - t, "numpy_rank": rank}

try:
    import jax
    import jax.numpy as jnp
    jax.config.update("jax_enable_x64", True)
    shapes = [(W.shape, b.shape) for W, b in zip(Ws, bs)]
    theta = jnp.concatenate([jnp.concatenate([jnp.ravel(W), b]) for W, b in zip(Ws, bs)])
    Xj = jnp.asarray(X)

    def f(theta):
        h, offset = Xj, 0
        for l, ((r, c), _) in enumerate(shapes):
            W = theta[offset:offset + r * c].reshape(r, c); offset += r * c
            b = theta[offset:offset + r]; offset += r
            h = h @ W.T + b
            if l < L - 1:
                h = jax.nn.relu(h)
        return jnp.ravel(h)

    t = time.perf_counter()
    Jj = jax.jacrev(f)(theta)
    rank_j = int(jnp.linalg.matrix_rank(Jj))
    result.update(jax_seconds=time.perf_counter() - t, jax_rank=rank_j, jax_version=jax.__version__)
except ImportError:
    result.update(jax_seconds=None, jax_rank=None)
print(json.dumps(result))

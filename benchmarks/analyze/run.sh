#!/usr/bin/env bash
# nnid analyze vs NumPy (and JAX when installed) on the batch Jacobian + rank of a ReLU MLP.
# Usage: benchmarks/analyze/run.sh [WIDTHS SAMPLES]...   (default: 784,30,30,30,10 600 and 5,10,10,1 600)
# nnid's time is the whole process (read npz + sample, Jacobian, rank, the full report); NumPy's and JAX's
# are the Jacobian and matrix_rank alone, after their imports (so the comparison favours them).
set -euo pipefail
cd "$(dirname "$0")/../.."
swift build -c release --product nnid >/dev/null
nnid=.build/release/nnid
cases=("$@")
[ ${#cases[@]} -gt 0 ] || cases=(784,30,30,30,10 600 5,10,10,1 600)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
printf "%-18s %7s %10s %10s %10s %8s %8s %8s\n" widths samples nnid_s numpy_s jax_s rank np_rank jax_rank
while [ $# -ge 0 ] && [ ${#cases[@]} -ge 2 ]; do
  widths=${cases[0]} samples=${cases[1]}
  cases=("${cases[@]:2}")
  ref=$(python3 benchmarks/analyze/reference.py "$widths" "$samples" "$work")
  start=$(date +%s.%N)
  report=$("$nnid" analyze "$work/net.npz" --activation relu --sample "$work/x.npy" --format json --max-memory 8G --db "$work/none.sqlite")
  end=$(date +%s.%N)
  rank=$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["rank"])' "$report")
  python3 - "$ref" "$widths" "$samples" "$start" "$end" "$rank" <<'PY'
import json, sys
r = json.loads(sys.argv[1]); t = float(sys.argv[5]) - float(sys.argv[4])
jax = r["jax_seconds"]
print(f"{sys.argv[2]:<18} {sys.argv[3]:>7} {t:>10.3f} {r['numpy_seconds']:>10.3f} {jax if jax is None else round(jax, 3)!s:>10} {sys.argv[6]:>8} {r['numpy_rank']:>8} {r['jax_rank']!s:>8}")
PY
done

#!/usr/bin/env bash
# Jacobian + rank benchmark (issue 3, Performance): Swift (nnid-bench, release) next to NumPy, in one run.
# Usage: benchmarks/run_jacobian_rank.sh [--with-784]
#   default: (20,50,50,10), 500 samples; --with-784 adds (784,30,30,30,10), 600 samples (NumPy needs minutes).
# Checks that both report the same rank and prints a table with the Swift/NumPy time ratio (target ≤ 0.5).
set -euo pipefail
cd "$(dirname "$0")/.."

cases=("20,50,50,10 500")
if [[ "${1:-}" == "--with-784" ]]; then cases+=("784,30,30,30,10 600"); fi

swift build -c release --product nnid-bench >&2
bench="$(swift build -c release --show-bin-path)/nnid-bench"
results="$(mktemp)"
trap 'rm -f "$results"' EXIT

for c in "${cases[@]}"; do
  read -r widths samples <<<"$c"
  echo "running swift  $widths on $samples samples" >&2
  "$bench" jacobian-rank --widths "$widths" --samples "$samples" --seed 1 >>"$results"
  echo "running numpy  $widths on $samples samples" >&2
  # A current NumPy is slowed by the OPENBLAS_CORETYPE / OPENBLAS_L2_SIZE overrides some machines set for
  # older OpenBLAS builds: unset both for this command only (the JSON reports the kernel that ran).
  env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE python3 benchmarks/reference_numpy.py \
    --widths "$widths" --samples "$samples" --seed 1 >>"$results"
done

python3 - "$results" <<'PY'
import json, sys
rows = [json.loads(line) for line in open(sys.argv[1]) if line.strip()]
swift = {tuple(r["widths"]): r for r in rows if r["implementation"] == "swift"}
numpy = {tuple(r["widths"]): r for r in rows if r["implementation"] == "numpy"}
ok = True
print(f"{'widths':<20} {'J size':>13} {'rank S/N':>11} {'method':>13} "
      f"{'Swift J s':>9} {'rank s':>8} {'total':>8} {'NumPy J s':>9} {'rank s':>8} {'total':>8} {'ratio':>6}")
for key, s in swift.items():
    n = numpy[key]
    agree = s["rank"] == n["rank"]
    ok &= agree
    ratio = s["total_seconds"] / n["total_seconds"]
    print(f"{','.join(map(str, key)):<20} {s['rows']:>6}x{s['cols']:<6} {s['rank']:>5}/{n['rank']:<5} {s['method']:>13} "
          f"{s['jacobian_seconds']:>9.3f} {s['rank_seconds']:>8.2f} {s['total_seconds']:>8.2f} "
          f"{n['jacobian_seconds']:>9.3f} {n['rank_seconds']:>8.2f} {n['total_seconds']:>8.2f} {ratio:>6.3f}"
          + ("" if agree else "  RANKS DIFFER"))
kernels = {r["implementation"]: r["openblas_kernel"] for r in rows}
print(f"OpenBLAS kernels: swift (Debian libopenblas) {kernels.get('swift')}, numpy {kernels.get('numpy')}")
sys.exit(0 if ok else 1)
PY

#!/usr/bin/env bash
# Ingest benchmark: `nnid ingest` (release build, fresh database, including every database write and the
# full-text index) against Python's bibtexparser 2.x parsing the same generated file, in one run.
# Target: nnid >= 10x bibtexparser entries/s.
# Usage: benchmarks/ingest_bibtex.sh [N]   (default 100000 entries)
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-100000}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

python3 - <<'PY' || { echo "bibtexparser 2.x is needed: python3 -m pip install 'bibtexparser==2.1.0'" >&2; exit 2; }
import bibtexparser
assert bibtexparser.__version__.startswith("2."), bibtexparser.__version__
PY

swift build -c release --product nnid >&2
bin=$(swift build -c release --show-bin-path)/nnid
python3 benchmarks/gen_bibtex.py "$n" > "$work/bench.bib"
echo "input: $n entries, $(du -h "$work/bench.bib" | cut -f1)" >&2

start=$(date +%s.%N)
"$bin" ingest --db "$work/bench.sqlite" "$work/bench.bib" > "$work/summary.txt" 2> "$work/diagnostics.txt" || true
end=$(date +%s.%N)
cat "$work/summary.txt"
stored=$(sed -n 's/^works: \([0-9]*\) added.*/\1/p' "$work/summary.txt")
if [ "${stored:-0}" -ne "$n" ]; then
  echo "warning: nnid stored ${stored:-0} of $n works; first diagnostics:" >&2
  head -5 "$work/diagnostics.txt" >&2
fi

python3 - "$work/bench.bib" "$n" "$start" "$end" <<'PY'
import sys, time
import bibtexparser
path, n, start, end = sys.argv[1], int(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4])
t0 = time.perf_counter()
library = bibtexparser.parse_file(path)
python_seconds = time.perf_counter() - t0
nnid_seconds = end - start
ours = n / nnid_seconds
theirs = len(library.entries) / python_seconds
print(f"nnid ingest (parse + database): {nnid_seconds:.2f} s, {ours:,.0f} entries/s")
print(f"bibtexparser {bibtexparser.__version__} (parse only): {python_seconds:.2f} s, "
      f"{theirs:,.0f} entries/s ({len(library.entries)} entries, {len(library.failed_blocks)} failed blocks)")
print(f"ratio: {ours / theirs:.1f}x (target >= 10x)")
PY

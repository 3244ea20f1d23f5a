#!/usr/bin/env bash
# Memory of `nnid ingest` and of the streamed `nnid export` (release build): peak resident set size
# (GNU time's "Maximum resident set size") against the input size, for a generated BibTeX file.
# Issue 10 asks for ingest memory <= 3x the input size.
# Usage: benchmarks/ingest_memory.sh [N ...]   (entry counts; default 10000 100000 200000)
set -euo pipefail
cd "$(dirname "$0")/.."
counts=${*:-"10000 100000 200000"}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
[ -x /usr/bin/time ] || { echo "GNU time is needed: apt-get install -y time" >&2; exit 2; }
swift build -c release --product nnid >&2
bin=$(swift build -c release --show-bin-path)/nnid
for n in $counts; do
rm -f "$work"/bench.*
python3 benchmarks/gen_bibtex.py "$n" > "$work/bench.bib"
bytes=$(stat -c %s "$work/bench.bib")

peak() { sed -n 's/.*Maximum resident set size (kbytes): *//p' "$1"; }
/usr/bin/time -v "$bin" ingest --db "$work/bench.sqlite" "$work/bench.bib" > /dev/null 2> "$work/ingest.time" || true
/usr/bin/time -v "$bin" export --db "$work/bench.sqlite" --format bibtex --output "$work/out.bib" 2> "$work/export.time"
/usr/bin/time -v "$bin" works --db "$work/bench.sqlite" --format json > /dev/null 2> "$work/works.time"
ingest_kb=$(peak "$work/ingest.time"); export_kb=$(peak "$work/export.time"); works_kb=$(peak "$work/works.time")
awk -v n="$n" -v b="$bytes" -v i="$ingest_kb" -v e="$export_kb" -v w="$works_kb" 'BEGIN {
  mb = b / 1048576
  printf "input: %d entries, %.1f MB\n", n, mb
  printf "nnid ingest:          peak RSS %7.1f MB  (%.2fx the input)\n", i / 1024, i * 1024 / b
  printf "nnid export (bibtex): peak RSS %7.1f MB  (%.2fx the input)\n", e / 1024, e * 1024 / b
  printf "nnid works --json:    peak RSS %7.1f MB  (%.2fx the input; loads every work, for comparison)\n", w / 1024, w * 1024 / b
}'
done

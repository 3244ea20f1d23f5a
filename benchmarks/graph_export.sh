#!/usr/bin/env bash
# Graph and bibliography export benchmark: time and peak memory (/usr/bin/time -v) of `nnid graph` in
# every format on a generated 100k-work, 1M-edge database. Not a test; numbers go in benchmarks/README.md.
# Usage: benchmarks/graph_export.sh [WORKS] [EDGES]   (run from the repository root)
set -euo pipefail
works=${1:-100000}
edges=${2:-1000000}
dir=${BENCH_DIR:-/tmp/nnid-graph-bench}
mkdir -p "$dir"
swift build -c release --product nnid >/dev/null
nnid=$(swift build -c release --show-bin-path)/nnid
db="$dir/graph-$works-$edges.sqlite"
if [ ! -f "$db" ]; then
    /usr/bin/time -f "generate: %e s, %M KB" python3 benchmarks/generate_graph_db.py "$db" --works "$works" --edges "$edges" --nnid "$nnid"
fi
printf "%-8s %10s %12s %12s\n" format seconds "peak MB" "output MB"
for format in graphml gexf json dot csv; do
    out="$dir/graph.$format"
    /usr/bin/time -v "$nnid" graph --db "$db" --format "$format" --output "$out" 2>"$dir/time.$format"
    seconds=$(awk -F': ' '/Elapsed \(wall clock\)/ {split($2, t, ":"); print t[1] * 60 + t[2]}' "$dir/time.$format")
    peak=$(awk -F': ' '/Maximum resident set size/ {printf "%.0f", $2 / 1024}' "$dir/time.$format")
    size=$(du -m "$out" | cut -f1)
    printf "%-8s %10s %12s %12s\n" "$format" "$seconds" "$peak" "$size"
done
out="$dir/works.bib"
/usr/bin/time -v "$nnid" export --db "$db" --format bibtex --output "$out" 2>"$dir/time.bibtex"
seconds=$(awk -F': ' '/Elapsed \(wall clock\)/ {split($2, t, ":"); print t[1] * 60 + t[2]}' "$dir/time.bibtex")
peak=$(awk -F': ' '/Maximum resident set size/ {printf "%.0f", $2 / 1024}' "$dir/time.bibtex")
printf "%-8s %10s %12s %12s\n" bibtex "$seconds" "$peak" "$(du -m "$out" | cut -f1)"

#!/usr/bin/env bash
# Page-text and HTML-page benchmark (issue 10: "page-text parsing linear and >= 10 MB/s").
# Generates hostile-but-valid page dumps of 1, 10 and 50 MB (so the time per MB shows whether parsing is
# linear), runs the release `nnid ingest` on each with a fresh database (parsing, storing and the
# full-text index included) and reports wall and CPU seconds and MB/s. The reference beside it is Python
# reading the same file and doing a comparable line pass (split lines, collapse whitespace, lower-case,
# look for a year), so the number has a yardstick on this machine. "parse_s" is the parser alone
# (`nnid-bench parse`: decoding, detection and parsing in process, median of 3 wall times; no start-up, no
# database); wall_s, cpu_s and RSS are the whole `nnid ingest` process.
# Inputs: "lines" = a landing page of 80-column prose lines; "paragraphs" = the same prose in ~900-byte
# lines (one paragraph per line, as browsers save it); "mojibake" = 80-column lines full of "Ã©" (UTF-8
# read as Windows-1252); "one line" = one 1 MB line (ParserLimits.maxPageLineBytes); an HTML page with
# 100k citation_reference tags.
# Usage: benchmarks/page_text.sh [SIZES]   (SIZES in MB, default "1 10 50"; needs python3 and GNU time)
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=${1:-"1 10 50"}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
[ -x /usr/bin/time ] || { echo "GNU time is needed: apt-get install -y time" >&2; exit 2; }

swift build -c release --product nnid >&2
swift build -c release --product nnid-bench >&2
bin=$(swift build -c release --show-bin-path)/nnid
bench=$(swift build -c release --show-bin-path)/nnid-bench

python3 - "$work" $sizes <<'PY'
import random, sys
work, sizes = sys.argv[1], [float(s) for s in sys.argv[2:]]
random.seed(1)
words = ("identifiability of neural networks with sigmoid units depends on the sample and the "
         "symmetries of the activation function Français résumé").split()
def prose(size):
    out, n = [], 0
    while n < size:
        w = random.choice(words)
        if random.random() < 0.05: w += "."
        if random.random() < 0.01: w = str(random.randint(1900, 2030))
        out.append(w); n += len(w.encode()) + 1
    return " ".join(out)
def page(path, text, width):
    with open(path, "w") as f:
        f.write("A page title about identifiability\nAuthors: Ada Quint, Bruno Ferrand\nAbstract\n")
        f.write("\n".join(text[i:i + width] for i in range(0, len(text), width)) + "\n")
for mb in sizes:
    name = f"{mb:g}mb"
    page(f"{work}/lines{name}.txt", prose(int(mb * 1_000_000)), 80)
    page(f"{work}/paragraphs{name}.txt", prose(int(mb * 1_000_000)), 900)
    page(f"{work}/mojibake{name}.txt", prose(int(mb * 1_000_000)).replace("é", "Ã©"), 80)
with open(f"{work}/oneline1mb.txt", "w") as f:
    f.write("A page title about identifiability\n" + prose(1_000_000) + "\n")
with open(f"{work}/refs100k.html", "w") as f:
    f.write('<html><head><meta name="citation_title" content="A page citing too much">\n')
    for i in range(100_000):
        f.write(f'<meta name="citation_reference" content="citation_title=Cited work {i}; citation_year=2001">\n')
    f.write("</head><body></body></html>\n")
PY

inputs=""
for kind in lines paragraphs mojibake; do
  for mb in $sizes; do inputs="$inputs $kind$(python3 -c "print(f'{float($mb):g}')")mb.txt"; done
done
inputs="$inputs oneline1mb.txt refs100k.html"

printf '%-20s %6s %8s %9s %8s %8s %9s %9s %9s %8s %s\n' input MB parse_s "MB/s_parse" wall_s cpu_s "MB/s_cpu" "MB/s_wall" python_s RSS_MB "works stored"
for name in $inputs; do
  file="$work/$name"
  bytes=$(stat -c %s "$file")
  /usr/bin/time -f "%e %U %S %M" -o "$work/time.txt" \
    "$bin" ingest --db "$work/$name.sqlite" "$file" > "$work/out.txt" 2> "$work/err.txt" || true
  parse_seconds=$("$bench" parse "$file" --runs 3 | python3 -c "import json, sys; print(json.load(sys.stdin)['seconds']['median'])")
  works=$(sed -n 's/^works: \([0-9]*\) added.*/\1/p' "$work/out.txt")
  python_seconds=$(python3 - "$file" <<'PY'
import re, sys, time
t0 = time.perf_counter()
text = open(sys.argv[1], encoding="utf-8").read()
for line in text.splitlines():
    collapsed = " ".join(line.split()).lower()
    re.search(r"(?<!\d)(1[89]\d\d|20\d\d)(?!\d)", collapsed)
print(f"{time.perf_counter() - t0:.2f}")
PY
)
  # GNU time puts "Command exited with non-zero status N" first when nnid reports an error (exit 1).
  read -r wall user sys rss < <(tail -n 1 "$work/time.txt")
  python3 -c "
import sys
b, wall, user, sys_, rss, p, n, w, ps = sys.argv[1:]
mb = int(b) / 1e6; cpu = float(user) + float(sys_)
print(f'{n:<20} {mb:6.1f} {float(ps):8.2f} {mb / max(float(ps), 1e-3):9.1f} {float(wall):8.2f} {cpu:8.2f} {mb / max(cpu, 1e-3):9.1f} {mb / max(float(wall), 1e-3):9.1f} {p:>9} {int(rss) / 1024:8.1f} {w}')
" "$bytes" "$wall" "$user" "$sys" "$rss" "$python_seconds" "$name" "${works:-0}" "$parse_seconds"
  grep -m1 "PageLimits\|ParserLimits" "$work/err.txt" || true
done

#!/usr/bin/env bash
# Page-text and HTML-page benchmark (issue 10: "page-text parsing linear and >= 10 MB/s").
# Generates hostile-but-valid inputs, runs the release `nnid ingest` on each with a fresh database
# (parsing, storing and the full-text index included) and reports seconds and MB/s. The reference run
# beside it is Python reading the same file and doing a comparable line pass (split lines, collapse
# whitespace, lower-case, look for a year), so the number has a yardstick on this machine.
# Linearity: the 10 MB line is also measured at 2.5 and 5 MB; the time per MB must stay flat.
# Usage: benchmarks/page_text.sh            (needs python3)
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

swift build -c release --product nnid >&2
bin=$(swift build -c release --show-bin-path)/nnid

python3 - "$work" <<'PY'
import random, sys
work = sys.argv[1]
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
for mb in (2.5, 5, 10):
    with open(f"{work}/line{mb}mb.txt", "w") as f:
        f.write("A page title about identifiability\n" + prose(int(mb * 1_000_000)) + "\n")
# 10 MB in ordinary lines (80-column prose) of a landing page.
with open(f"{work}/lines10mb.txt", "w") as f:
    f.write("A page title about identifiability\nAuthors: Ada Quint, Bruno Ferrand\nAbstract\n")
    text = prose(10_000_000)
    f.write("\n".join(text[i:i + 80] for i in range(0, len(text), 80)) + "\n")
# 10 MB single line full of Windows-1252 mojibake ("Ã©" for "é").
with open(f"{work}/mojibake10mb.txt", "w") as f:
    f.write("A page title about identifiability\n" + prose(10_000_000).replace("é", "Ã©") + "\n")
# An HTML page with 100k citation_reference tags.
with open(f"{work}/refs100k.html", "w") as f:
    f.write('<html><head><meta name="citation_title" content="A page citing too much">\n')
    for i in range(100_000):
        f.write(f'<meta name="citation_reference" content="citation_title=Cited work {i}; citation_year=2001">\n')
    f.write("</head><body></body></html>\n")
PY

printf '%-18s %8s %9s %9s %10s %s\n' input MB seconds MB/s python_s "works stored"
for name in line2.5mb.txt line5mb.txt line10mb.txt lines10mb.txt mojibake10mb.txt refs100k.html; do
  file="$work/$name"
  bytes=$(stat -c %s "$file")
  start=$(date +%s.%N)
  "$bin" ingest --db "$work/$name.sqlite" "$file" > "$work/out.txt" 2> "$work/err.txt" || true
  end=$(date +%s.%N)
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
  python3 -c "import sys; b,s,e,p,n,w=sys.argv[1:]; t=float(e)-float(s); print(f'{n:<18} {int(b)/1e6:8.1f} {t:9.2f} {int(b)/1e6/t:9.1f} {p:>10} {w}')" \
    "$bytes" "$start" "$end" "$python_seconds" "$name" "${works:-0}"
  grep -m1 "PageLimits" "$work/err.txt" || true
done

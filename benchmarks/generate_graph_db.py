#!/usr/bin/env python3
"""Generate an nnid database with N works and M distinct citation edges for the graph-export benchmark.

Applies schema.sql as migration 1 (PRAGMA user_version = 1) — or, with --nnid BIN, lets that nnid create its
current schema (`nnid migrate` on an empty file), which its read-only commands then accept — and bulk-inserts synthetic works (one or two
authors, a DOI on every other work, an arXiv id on every third), and M random citing -> cited pairs
(citing newer than cited most of the time). Deterministic for a given --seed.
Usage: generate_graph_db.py OUT.sqlite [--works 100000] [--edges 1000000] [--seed 1] [--nnid BIN]
"""
import argparse, os, random, sqlite3, subprocess, sys

def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("out")
    parser.add_argument("--works", type=int, default=100_000)
    parser.add_argument("--edges", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--nnid", help="nnid binary that creates the schema (stamped with its schema version)")
    args = parser.parse_args()
    schema = open(os.path.join(os.path.dirname(__file__), "..", "schema.sql"), encoding="utf-8").read()
    if os.path.exists(args.out):
        os.remove(args.out)
    if args.nnid:
        open(args.out, "wb").close()
        subprocess.run([args.nnid, "migrate", "--db", args.out], check=True, stdout=subprocess.DEVNULL)
        db = sqlite3.connect(args.out)
    else:
        db = sqlite3.connect(args.out)
        db.executescript(schema)
        db.execute("PRAGMA user_version = 1")
    rng = random.Random(args.seed)
    now = "2025-01-01T00:00:00Z"
    words = ["identifiability", "neural", "network", "symmetry", "ReLU", "tanh", "deep", "shallow", "weights",
             "uniqueness", "Sussmann", "functional", "dimension", "affine", "rescaling", "permutation"]
    n = args.works
    families = ["Vlačić", "Bölcskei", "Sussmann", "Petzka", "O'Neil", "Smith & Sons", "Grigsby", "Rolnick"]
    db.executemany("INSERT INTO authors (id, display_name, given, family) VALUES (?, ?, ?, ?)",
                   [(i + 1, f"Given{i} {families[i % len(families)]}{i}", f"Given{i}",
                     f"{families[i % len(families)]}{i}") for i in range(n // 10)])
    def work(i):
        title = " ".join(rng.choice(words) for _ in range(6)) + f' <{i}> "q" & more'
        year = 1980 + i * 45 // n
        return (i + 1, f"W{i:06d}", "article", title, year, f"Journal {i % 97}", title.lower(), now, now)
    db.executemany("""INSERT INTO works (id, key, kind, title, year, venue, normalized_title, created_at, updated_at)
                      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""", (work(i) for i in range(n)))
    db.executemany("INSERT INTO work_authors (work_id, position, author_id) VALUES (?, ?, ?)",
                   ((i + 1, 1, i % (n // 10) + 1) for i in range(n)))
    db.executemany("INSERT INTO identifiers (work_id, scheme, value) VALUES (?, 'doi', ?)",
                   ((i + 1, f"10.5555/w{i}") for i in range(0, n, 2)))
    db.executemany("INSERT INTO identifiers (work_id, scheme, value) VALUES (?, 'arxiv', ?)",
                   ((i + 1, f"{2000 + i % 25}.{i:05d}") for i in range(0, n, 3)))
    pairs = set()
    while len(pairs) < args.edges:
        a, b = rng.randrange(n), rng.randrange(n)
        if a != b:
            pairs.add((max(a, b), min(a, b)) if rng.random() < 0.98 else (a, b))
    db.executemany("""INSERT INTO citations (citing_id, cited_id, relation, provenance, verified)
                      VALUES (?, ?, 'cites', ?, ?)""",
                   ((a + 1, b + 1, f"generated.csv:{k + 2} (generator)", 1 if k % 10 else 0)
                    for k, (a, b) in enumerate(sorted(pairs))))
    db.commit()
    db.close()
    print(f"{args.out}: {n} works, {len(pairs)} edges", file=sys.stderr)

if __name__ == "__main__":
    main()

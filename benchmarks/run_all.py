#!/usr/bin/env python3
"""Runs the benchmarks for benchmarks/run and writes benchmarks/RESULTS.md (issue 15). Not a test.

Every figure is a median over --runs counted runs after one warm-up, with min–max; ratios are taken
between numbers measured in this same run. benchmarks/notes.md (hand-written analysis) is appended.
"""
import argparse
import datetime
import json
import os
import platform
import shutil
import shlex
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
DEFAULT_EXACT_RUNGS = "2,3,1x200;5,10,10,1x600;10,30,30,5x400;20,50,50,10x500"
DEFAULT_RUNGS = "2,3,1x200;5,10,10,1x600;10,30,30,5x400;20,50,50,10x500;784,30,30,30,10x600;25,60,60,10x700"
# Rungs whose Jacobian has at least this many entries are "large": --large-runs counted runs and only the
# activations of --large-activations (a (784,30,30,30,10)×600 NumPy run alone takes minutes here).
LARGE_ENTRIES = 10_000_000
# From this size on the dgeqp3 floor is left out (BLAS-2 bound: it alone would take many minutes).
HUGE_ENTRIES = 100_000_000


def parameter_count(widths):
    w = [int(x) for x in widths.split(",")]
    return sum(b * (a + 1) for a, b in zip(w, w[1:]))


def jacobian_shape(widths, samples):
    """(rows, cols) of the batch Jacobian: samples·n_L × P."""
    return int(samples) * int(widths.split(",")[-1]), parameter_count(widths)


def log(message):
    print(f"benchmarks/run: {message}", file=sys.stderr, flush=True)


def load_average():
    with open("/proc/loadavg") as f:
        return " ".join(f.read().split()[:3])


def machine(bin_dir):
    model = "unknown"
    with open("/proc/cpuinfo") as f:
        for line in f:
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    def query(cmd):
        try:
            return subprocess.run(cmd, capture_output=True, text=True, timeout=60).stdout.strip()
        except (OSError, subprocess.TimeoutExpired):
            return "unknown"
    return {
        "cores": os.cpu_count(), "cpu": model, "kernel": platform.release(),
        "openblas": query(["dpkg-query", "-W", "-f", "${Version}", "libopenblas0-pthread"]) or "unknown",
        "swift": query(["swift", "--version"]).splitlines()[0] if query(["swift", "--version"]) else "unknown",
        "python": platform.python_version(),
        "env": {k: os.environ[k] for k in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "OPENBLAS_CORETYPE")
                if k in os.environ},
    }


def json_lines(cmd, env=None, timeout=3600):
    """Runs cmd, returns its JSON output lines (or None with a logged reason)."""
    try:
        out = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=timeout)
    except subprocess.TimeoutExpired:
        log(f"timed out: {shlex.join(cmd)}")
        return None
    if out.returncode != 0:
        log(f"failed ({out.returncode}): {shlex.join(cmd)}: {out.stderr.strip()[-300:]}")
        return None
    return [json.loads(line) for line in out.stdout.splitlines() if line.startswith("{")]


def summary(values):
    values = sorted(values)
    return {"median": statistics.median(values), "min": values[0], "max": values[-1], "runs": len(values)}


def fmt(s):
    if s is None:
        return "—"
    return f"{s['median']:.4g} s ({s['min']:.3g}–{s['max']:.3g})"


def ratio(a, b):
    return f"{a / b:.2f}" if a and b else "—"


def process_runs(cmd, runs, warmup, cwd, env=None):
    """Wall time of the whole process `cmd`, `runs` counted runs after `warmup`: (times, last stdout), or None."""
    times, stdout = [], ""
    for run in range(warmup + runs):
        start = time.perf_counter()
        out = subprocess.run(cmd, capture_output=True, text=True, cwd=cwd, env=env)
        elapsed = time.perf_counter() - start
        if out.returncode != 0:
            log(f"failed ({out.returncode}): {shlex.join(cmd)}: {out.stderr.strip()[-300:]}")
            return None
        stdout = out.stdout
        if run >= warmup:
            times.append(elapsed)
    return times, stdout


def analyze_process(args, widths, samples, activation, runs, warmup, env_numpy):
    """Whole-process `nnid analyze` of the det_net network on its det_net inputs, and the whole-process
    notebook reference (benchmarks/analyze/notebook.py: load the same .npz and the same inputs, Jacobian,
    matrix_rank): `runs` of each after `warmup` runs. Returns (analyze, notebook); either may be None."""
    tmp = tempfile.mkdtemp()
    try:
        npz, inputs = os.path.join(tmp, "net.npz"), os.path.join(tmp, "x.npy")
        subprocess.run([sys.executable, os.path.join(HERE, "reference_numpy.py"), "--widths", widths, "--samples",
                        samples, "--seed", "1", "--write-npz", npz, "--write-inputs", inputs],
                       check=True, capture_output=True)
        cmd = [os.path.join(args.bin, "nnid"), "analyze", npz, "--activation", activation, "--samples", samples,
               "--seed", "1", "--format", "json", "--max-memory", "16G", "--db", os.path.join(tmp, "none.sqlite")]
        got = process_runs(cmd, runs, warmup, tmp)
        analyze = None
        if got:
            report = json.loads(got[1])
            analyze = {"total_runs": summary(got[0]), "rank": report["rank"], "method": report["rank_method"]}
        notebook = [sys.executable, os.path.join(HERE, "analyze", "notebook.py"), npz, inputs, activation]
        got = process_runs(notebook, runs, warmup, tmp, env=env_numpy)
        script = {"total_runs": summary(got[0]), "rank": json.loads(got[1])["rank"]} if got else None
        return analyze, script
    except (OSError, subprocess.CalledProcessError, ValueError, KeyError) as error:
        log(f"nnid analyze {widths}×{samples}: {error}")
        return None, None
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def ladder(args, skip):
    rows = []
    env_plain = {k: v for k, v in os.environ.items() if k not in ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE")}
    env_one = dict(env_plain, OPENBLAS_NUM_THREADS="1", OMP_NUM_THREADS="1")
    bench = os.path.join(args.bin, "nnid-bench")
    for rung in args.rungs.split(";"):
        widths, samples = rung.split("x")
        m, n = jacobian_shape(widths, samples)
        large = m * n >= LARGE_ENTRIES
        runs = args.large_runs if large else args.runs
        activations = args.large_activations.split(",") if large else ("relu", "tanh")
        for activation in activations:
            # Large rungs: no warm-up run (one NumPy run of the largest takes minutes), no 1-thread NumPy.
            common = ["--widths", widths, "--samples", samples, "--activation", activation,
                      "--runs", str(runs), "--warmup", "0" if large else "1"]
            log(f"ladder {widths}×{samples} {activation} ({runs} runs)")
            row = {"widths": widths, "samples": int(samples), "activation": activation, "runs": runs,
                   "P": n, "rows": m}
            floors = ["--floors"] + (["--no-dgeqp3"] if m * n >= HUGE_ENTRIES else [])
            got = json_lines([bench, "jacobian-rank", "--seed", "1"] + floors + common)
            row["nnid"] = got[0] if got else None
            if "analyze" not in skip:
                row["analyze"], row["notebook"] = analyze_process(args, widths, samples, activation, runs,
                                                                  0 if large else 1, env_plain)
            ref = [sys.executable, os.path.join(HERE, "reference_numpy.py"), "--seed", "1"] + common
            got = json_lines(ref, env=env_plain)
            row["numpy"] = got[0] if got else None
            if not large:
                got = json_lines(ref, env=env_one)
                row["numpy1"] = got[0] if got else None
            if "jax" not in skip and not (large and "jax-large" in skip):
                got = json_lines(ref + ["--jax"], env=env_plain)
                row["jax"] = got[0] if got else None
            rows.append(row)
    return rows


def ladder_table(rows):
    out = ["| rung | act | runs | J | rank nnid/analyze/NumPy/JAX | nnid method | nnid (J + rank) | nnid analyze (process) | "
           "NumPy | NumPy 1 thread | JAX | dgeqp3 | dgeqrf | nnid ÷ best ref | analyze ÷ best ref | nnid rank ÷ dgeqrf | "
           "NumPy script (process) | analyze ÷ script |",
           "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"]
    for r in rows:
        n, a, p, p1, j = r.get("nnid"), r.get("analyze"), r.get("numpy"), r.get("numpy1"), r.get("jax")
        script = r.get("notebook")
        shape = f"{r['rows']}×{r['P']}"
        ranks = "/".join(str(x["rank"]) if x else "—" for x in (n, a, p, j))
        refs = [x["total_runs"]["median"] for x in (p, p1, j) if x]
        best = min(refs) if refs else None
        agree = len({x["rank"] for x in (n, a, p, p1, j, script) if x}) <= 1
        out.append(
            f"| ({r['widths']})×{r['samples']} | {r['activation']} | {r['runs']} | {shape} | "
            f"{ranks}{'' if agree else ' **DIFFER**'} | {n['method'] if n else '—'} | "
            f"{fmt(n['total_runs']) if n else '—'} | {fmt(a['total_runs']) if a else '—'} | "
            f"{fmt(p['total_runs']) if p else 'skipped'} | {fmt(p1['total_runs']) if p1 else 'skipped'} | "
            f"{fmt(j['total_runs']) if j else 'skipped'} | "
            f"{fmt(n.get('dgeqp3_seconds')) if n else '—'} | {fmt(n.get('dgeqrf_seconds')) if n else '—'} | "
            f"{ratio(n['total_runs']['median'], best) if n else '—'} | "
            f"{ratio(a['total_runs']['median'], best) if a else '—'} | "
            f"{ratio(n['rank_runs']['median'], n['dgeqrf_seconds']['median']) if n else '—'} | "
            f"{fmt(script['total_runs']) if script else '—'} | "
            f"{ratio(a['total_runs']['median'], script['total_runs']['median']) if a and script else '—'} |")
    return out


def growth_table(rows):
    """Time against P·n (J's entries) per implementation, and the exponent of a log–log least-squares fit."""
    import numpy as np
    columns = [("nnid (J + rank)", lambda r: r["nnid"]["total_runs"]["median"]),
               ("nnid analyze", lambda r: r["analyze"]["total_runs"]["median"]),
               ("NumPy", lambda r: r["numpy"]["total_runs"]["median"]),
               ("NumPy script (process)", lambda r: r["notebook"]["total_runs"]["median"]),
               ("JAX", lambda r: r["jax"]["total_runs"]["median"]),
               ("dgeqrf", lambda r: r["nnid"]["dgeqrf_seconds"]["median"])]

    def value(get, r):
        try:
            return get(r)
        except (KeyError, TypeError):
            return None

    out = []
    for activation in ("relu", "tanh"):
        chosen = [r for r in rows if r["activation"] == activation]
        if len(chosen) < 2:
            continue
        out += [f"**{activation}** (t in seconds; P·n = the Jacobian's entries)", "",
                "| rung | P | n (rows) | P·n | " + " | ".join(c[0] for c in columns) + " |",
                "|---|---|---|---|" + "---|" * len(columns)]
        for r in chosen:
            cells = [f"{value(get, r):.4g}" if value(get, r) is not None else "—" for _, get in columns]
            out.append(f"| ({r['widths']})×{r['samples']} | {r['P']} | {r['rows']} | {r['P'] * r['rows']:,} | "
                       + " | ".join(cells) + " |")
        fits = []
        for name, get in columns:
            points = [(r["P"] * r["rows"], value(get, r)) for r in chosen]
            points = [(x, t) for x, t in points if t is not None and t >= 0.01]
            if len(points) >= 3:
                slope = np.polyfit(np.log([x for x, _ in points]), np.log([t for _, t in points]), 1)[0]
                fits.append(f"{name} {slope:.2f} ({len(points)} rungs)")
        out += ["", "Fitted exponent α in t ∝ (P·n)^α (least squares on log t vs log P·n, rungs with t ≥ 10 ms): "
                + ("; ".join(fits) if fits else "too few rungs") + ".", ""]
    return out


def exact(args):
    rows = []
    bench = os.path.join(args.bin, "nnid-bench")
    for size in args.sizes.split(","):
        log(f"exact rank {size}×{size}")
        row = {"size": int(size)}
        for name, cmd in (("nnid", [bench, "modular-rank", "--size", size]),
                          ("flint", [args.flint, size] if args.flint else None)):
            if cmd is None:
                row[name] = None
                continue
            times, rank = [], None
            for run in range(1 + args.runs):
                got = json_lines(cmd)
                if not got:
                    break
                rank = got[0]["rank"]
                if run > 0:
                    times.append(got[0]["seconds"])
            row[name] = {"times": summary(times), "rank": rank} if times else None
        rows.append(row)
    return rows


def exact_table(rows, flint_available):
    out = ["| n | rank nnid / FLINT (expected n−1) | nnid | FLINT nmod_mat_rank | nnid ÷ FLINT |", "|---|---|---|---|---|"]
    for r in rows:
        n, f = r["nnid"], r["flint"]
        out.append(f"| {r['size']} | {n['rank'] if n else '—'} / {f['rank'] if f else '—'} | "
                   f"{fmt(n['times']) if n else '—'} | {fmt(f['times']) if f else ('skipped' if not flint_available else 'failed')} | "
                   f"{ratio(n['times']['median'], f['times']['median']) if n and f else '—'} |")
    return out


def exact_ladder(args):
    """The residue matrices of `nnid analyze --exact` for ReLU ladder rungs: nnid and FLINT rank the same file."""
    rows = []
    bench = os.path.join(args.bin, "nnid-bench")
    tmp = tempfile.mkdtemp()
    try:
        for rung in args.exact_rungs.split(";"):
            widths, samples = rung.split("x")
            rows_j, cols_j = jacobian_shape(widths, int(samples))
            large = rows_j * cols_j >= LARGE_ENTRIES
            runs, warmup = (args.large_runs, 0) if large else (args.runs, 1)
            log(f"exact ladder ({widths})×{samples}: {rows_j}×{cols_j}")
            path = os.path.join(tmp, "residues.bin")
            got = json_lines([bench, "exact-jacobian", "--widths", widths, "--samples", samples, "--seed", "1",
                              "--runs", str(runs), "--warmup", str(warmup), "--output", path])
            row = {"widths": widths, "samples": int(samples), "nnid": got[0] if got else None, "flint": None}
            if got and args.flint:
                ref = json_lines([args.flint, "--file", path, str(runs)])
                if ref:
                    row["flint"] = {"rank": ref[0]["rank"], "times": summary(ref[0]["times"]), "prime": ref[0]["prime"]}
            if os.path.exists(path):
                os.remove(path)
            rows.append(row)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return rows


def exact_ladder_table(rows):
    out = ["| rung | J (rows used) | prime | rank nnid / FLINT / float | nnid modular rank | FLINT nmod_mat_rank | "
           "nnid ÷ FLINT | residues from the net | whole `--exact` path (3 primes) |", "|---|---|---|---|---|---|---|---|---|"]
    for r in rows:
        n, f = r["nnid"], r["flint"]
        if not n:
            out.append(f"| ({r['widths']})×{r['samples']} | failed | | | | | | | |")
            continue
        t = n["rank_runs"]
        out.append(f"| ({r['widths']})×{r['samples']} | {n['rows']}×{n['cols']} | {n['prime']} | "
                   f"{n['rank']} / {f['rank'] if f else '—'} / {n['float_rank']} | {fmt(t)} | "
                   f"{fmt(f['times']) if f else '—'} | {ratio(t['median'], f['times']['median']) if f else '—'} | "
                   f"{n['certify_seconds'] + n['residue_seconds']:.4g} s | {n['whole_path_seconds']:.4g} s |")
    return out


QUERY_COMMANDS = [
    ["claims", "--format", "json"],
    ["works", "--search", "sussmann"],
    ["works", "--search", "sussmann", "--limit", "20"],
    ["works", "--search", "bölcskei"],
    ["search", "positive rescaling"],
    ["search", "sussmann"],
    # A prefix query: its snippets must not re-run the expression per row (round 5).
    ["search", "identifiab*"],
    ["show", "relu-local-identifiability", "--no-run"],
    ["applies", "--architecture", "mlp", "--widths", "2,5,1", "--activation", "relu"],
]


def time_process(cmd, runs, cwd, env=None):
    """The whole process, `runs` counted runs after one warm-up: (wall summary, CPU summary, exit status).
    CPU is the child's user + system time (wait4): on a shared machine it varies far less than wall time."""
    walls, cpus, status = [], [], None
    for run in range(1 + runs):
        start = time.perf_counter()
        p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=cwd, env=env)
        _, code, usage = os.wait4(p.pid, 0)
        elapsed = time.perf_counter() - start
        status = os.waitstatus_to_exitcode(code)
        if run > 0:
            walls.append(elapsed)
            cpus.append(usage.ru_utime + usage.ru_stime)
    return summary(walls), summary(cpus), status


def queries(args):
    """The query commands on the built-in corpus and on a generated large base (the same works + the corpus)."""
    nnid = os.path.join(args.bin, "nnid")
    tmp = tempfile.mkdtemp()
    corpus = os.path.join(tmp, "corpus.sqlite")
    out = subprocess.run([nnid, "ingest", "--db", corpus], capture_output=True, text=True, cwd=tmp)
    if out.returncode not in (0, 1):
        log(f"ingest failed: {out.stderr.strip()[-300:]}")
        return [], None
    bases = [("corpus", corpus)]
    large = None
    if args.query_works > 0:
        large = os.path.join(tmp, "large.sqlite")
        log(f"generating a {args.query_works}-work / {args.query_edges}-edge base for the queries")
        gen = subprocess.run([sys.executable, os.path.join(HERE, "generate_graph_db.py"), large, "--works",
                              str(args.query_works), "--edges", str(args.query_edges), "--nnid", nnid],
                             capture_output=True, text=True)
        # The corpus on top: claims and their works, and the full-text index rebuilt over everything.
        ingest = subprocess.run([nnid, "ingest", "--db", large], capture_output=True, text=True, cwd=tmp) \
            if gen.returncode == 0 else gen
        if ingest.returncode in (0, 1):
            bases.append(("large", large))
        else:
            log(f"large base not built: {(gen.stderr or ingest.stderr).strip()[-300:]}")
    rows = []
    for c in QUERY_COMMANDS:
        row = {"command": "nnid " + shlex.join(c)}
        for name, db in bases:
            row[name] = time_process([nnid] + c + ["--db", db], args.runs, tmp)
        rows.append(row)
    # verify --all with defaults, on a copy of the corpus base (it records every run).
    verify_db = os.path.join(tmp, "verify.sqlite")
    subprocess.run(["cp", corpus, verify_db], check=True)
    rows.append({"command": "nnid verify --all", "corpus": time_process([nnid, "verify", "--all", "--db", verify_db],
                                                                        args.runs, tmp)})
    return rows, large is not None and len(bases) == 2


def queries_section(rows, large, args):
    head = (f"Release `nnid`, whole process (wall, and CPU = user + system), {args.runs} counted runs after one "
            "warm-up: median (min–max) and exit status. 'corpus': a fresh database holding the built-in corpus. 'large': "
            f"`generate_graph_db.py --works {args.query_works} --edges {args.query_edges}` plus the corpus "
            "ingested on top (claims, their works, the full-text index over every work). On the large base "
            "'sussmann' is a title word of about a third of the generated works (a broad search); 'bölcskei', an "
            "author's name, only matches corpus works. Target (issue 15): < 50 ms per query, < 1 s for `verify --all`.")
    out = ["## Queries (whole process)", "", head, "",
           "| command | corpus wall | corpus CPU | large wall | large CPU |", "|---|---|---|---|---|"]
    def cells(value):
        if not value:
            return "— | —"
        wall, cpu, status = value
        return fmt(wall) + ("" if status == 0 else f", exit {status}") + " | " + fmt(cpu)
    for r in rows:
        out.append(f"| `{r['command']}` | {cells(r.get('corpus'))} | "
                   f"{cells(r.get('large')) if large else 'not run | —'} |")
    return out + [""]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--bin", required=True)
    parser.add_argument("--flint", default="")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--rungs", default=DEFAULT_RUNGS)
    parser.add_argument("--sizes", default="500,1000,2000")
    parser.add_argument("--exact-rungs", default=DEFAULT_EXACT_RUNGS, help="ReLU rungs for the exact ladder ('' skips it)")
    parser.add_argument("--large-runs", type=int, default=1)
    parser.add_argument("--large-activations", default="relu")
    parser.add_argument("--skip", action="append", default=[])
    parser.add_argument("--no-install", action="store_true")
    parser.add_argument("--query-works", type=int, default=100_000, help="works of the large query base (0: skip it)")
    parser.add_argument("--query-edges", type=int, default=1_000_000)
    parser.add_argument("--output", default=os.path.join(HERE, "RESULTS.md"))
    args = parser.parse_args()
    skip = set(args.skip)
    try:
        import jax  # noqa: F401
    except ImportError:
        log("JAX is not installed: the JAX column is skipped")
        skip.add("jax")
    info = machine(args.bin)
    started = datetime.datetime.now(datetime.timezone.utc)
    load_start = load_average()
    threads = None
    sections = []
    if "ladder" not in skip:
        rows = ladder(args, skip)
        threads = next((r["nnid"]["openblas_threads"] for r in rows if r.get("nnid")), None)
        kernel = next((r["nnid"]["openblas_kernel"] for r in rows if r.get("nnid")), "unknown")
        np_kernel = next((r["numpy"]["openblas_kernel"] for r in rows if r.get("numpy")), "unknown")
        np_version = next((r["numpy"]["numpy"] for r in rows if r.get("numpy")), "not run")
        jax_version = next((r["jax"]["jax"] for r in rows if r.get("jax")), "not run")
        sections += ["## Jacobian-rank ladder", "",
                     f"det_net(widths, activation, seed 1, n), batch Jacobian + NumPy-default rank; in-process "
                     f"times, {args.runs} counted runs after one warm-up: median (min–max). nnid: Debian OpenBLAS "
                     f"kernel {kernel}, {threads} threads. NumPy {np_version} (bundled OpenBLAS, kernel {np_kernel}) "
                     f"with its default threads and with OPENBLAS_NUM_THREADS=1; JAX {jax_version} "
                     f"(jit(jacrev) + jnp.linalg.matrix_rank, float64, CPU; compile time in the warm-up). "
                     f"dgeqp3 / dgeqrf: the LAPACK floors on the same J (tall orientation) in the nnid process. "
                     f"'best ref' is the fastest of the three reference columns. 'nnid analyze (process)': wall time of "
                     f"the whole `nnid analyze net.npz --samples n --seed 1` process (read, Jacobian, rank, R_A, units, "
                     f"report). 'NumPy script (process)': the whole process of benchmarks/analyze/notebook.py on the same "
                     f".npz and inputs (Python start-up, `import numpy`, load, Jacobian, matrix_rank; NumPy's default "
                     f"threads), the fair whole-process counterpart of `nnid analyze`. Rungs with ≥ {LARGE_ENTRIES:,} Jacobian entries: {args.large_runs} counted run(s) without "
                     f"warm-up, activations {args.large_activations}, no 1-thread NumPy; from {HUGE_ENTRIES:,} entries "
                     f"no dgeqp3 floor.", ""] + ladder_table(rows) + [""]
        sections += ["## How the cost grows with P and n", ""] + growth_table(rows)
    if "exact" not in skip:
        rows = exact(args)
        sections += ["## Exact (modular) rank", "",
                     "Random n×n integer matrix of rank n−1 (nnid-bench's LCG; last row = sum of the others) modulo "
                     "2³¹−1; the FLINT program builds the same matrix. Times exclude building the matrix. "
                     f"{args.runs} counted runs (separate processes) after one warm-up.", ""]
        sections += exact_table(rows, bool(args.flint)) if rows else ["skipped"]
        if not args.flint:
            sections += ["", "FLINT (libflint-dev) is not installed: its column is skipped."]
        ladder_rows = exact_ladder(args) if args.exact_rungs else []
        if ladder_rows:
            sections += ["", "**The ladder's integer Jacobians.** det_net(widths, relu, seed 1, n): the batch Jacobian as "
                         "`nnid analyze --exact --seed 1` reduces it (every float is a dyadic rational; samples whose "
                         "activation pattern is not certified are dropped) modulo the first prime that command draws, "
                         "written by `nnid-bench exact-jacobian --output` and read by `flint_rank --file`, so both rank "
                         "the identical matrix. Times exclude file I/O. 'float' is the NumPy-tolerance rank of the same "
                         f"J in floating point. {args.runs} counted runs after one warm-up (in one process each side); "
                         f"rungs with ≥ {LARGE_ENTRIES:,} entries {args.large_runs} run(s) without warm-up. 'residues from "
                         "the net': certifying the patterns and building the residues for one prime; 'whole path': "
                         "what `--exact` does (patterns, then residues and rank for each of its three primes).", ""]
            sections += exact_ladder_table(ladder_rows)
        sections += [""]
    if "queries" not in skip:
        rows, large = queries(args)
        sections += queries_section(rows, large, args)
    load_end = load_average()
    header = [
        "# Benchmark results (generated by `benchmarks/run`)", "",
        f"Date: {started:%Y-%m-%d %H:%M} UTC. Machine: {info['cores']} cores, {info['cpu']}, Linux {info['kernel']}; "
        f"{info['swift']}; Debian OpenBLAS {info['openblas']} ({threads} threads); Python {info['python']}. "
        f"Environment: {info['env'] or 'no OPENBLAS/OMP variables set'}.", "",
        f"**Load average** (1, 5, 15 min) at start: {load_start}; at end: {load_end}. This machine is shared with "
        "other busy processes (builds and test suites of other sessions), so absolute times are inflated and "
        "noisy; the ratios compare numbers taken back to back in the same run.", "",
    ]
    notes = os.path.join(HERE, "notes.md")
    tail = [open(notes).read()] if os.path.exists(notes) else []
    with open(args.output, "w") as f:
        f.write("\n".join(header + sections + tail).rstrip() + "\n")
    log(f"wrote {args.output}")


if __name__ == "__main__":
    main()

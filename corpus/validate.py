#!/usr/bin/env python3
"""Consistency checks for the nnid corpus (works.bib, citations.csv, claims/*.claim).

Run from anywhere: `python3 corpus/validate.py [CORPUS_DIR]`. Prints a summary on stdout, one line
per problem on stderr, and exits 1 if any problem was found. Only the standard library is required;
bibtexparser 2.x and networkx are used for extra checks when they are installed.
"""
import csv
import os
import re
import sys

MIN_WORKS = 150
# Works with every field confirmed in a primary source (no `unverified` field); issue 12 asks for >= 150.
MIN_CONFIRMED_WORKS = 150
MIN_EDGES = 60
CLAIM_IDS = {
    "linear-gl-symmetry", "hidden-unit-permutation", "odd-activation-sign-flip",
    "affine-activation-symmetry", "tanh-irreducible-uniqueness", "tanh-type-exhaustiveness",
    "relu-positive-rescaling", "relu-path-lifting", "relu-local-identifiability",
    "relu-local-vs-global", "rnn-function-determines-form", "cnn-channel-symmetry",
    "functional-dimension-bound",
}
# Breadth issue, first part (claims 1-7 and 13): these must be present too.
BREADTH_CLAIM_IDS = {
    "relu-global-identifiability", "relu-shallow-symmetries", "relu-functional-dimension-generic",
    "relu-reverse-engineering", "tanh-reducible-equivalence", "activation-independence-property",
    "rnn-discrete-time-identifiability", "tanh-sign-permutation-orbit",
}
# Breadth issue, second part (claims 8-12).
BREADTH2_CLAIM_IDS = {
    "normalization-scale-invariance", "attention-head-symmetry", "residual-rescaling-symmetry",
    "polynomial-network-dimension", "inverse-stability-failure",
}
# Breadth issue, claim 14 (parameter recovery by Expand-and-Cluster).
BREADTH3_CLAIM_IDS = {"extraction-expand-and-cluster"}
REQUIRED_HEADERS = ("id", "title", "check", "statement", "hypotheses", "source")
ARCHITECTURES = {"mlp", "cnn", "rnn", "residual", "attention", "normalized"}
ACTIVATIONS = {"linear", "tanh", "logistic", "softplus", "exp", "relu", "leaky-relu", "square", "cube",
               "any", "odd"}
DEPTHS = {"shallow", "deep", "any"}
STATUSES = {"verified", "unverified"}
# An edge may also be a known anomaly kept on purpose (audit lists it as acknowledged, not as an error).
EDGE_STATUSES = STATUSES | {"acknowledged"}
RELATIONS = {"cites", "recommends"}
NON_ENTRIES = {"string", "comment", "preamble"}
# Entry start: "@type{key," at the beginning of a line.
ENTRY_RE = re.compile(r"^@([A-Za-z]+)\s*\{\s*([^,\s]+)\s*,", re.MULTILINE)


class Report:
    """Collects problems so every one of them is shown, not only the first."""

    def __init__(self):
        self.problems = []

    def error(self, where, message):
        self.problems.append(f"{where}: error: {message}")


def bib_keys(path, report):
    """Entry keys of works.bib (regex scan; bibtexparser cross-check when available)."""
    with open(path, encoding="utf-8") as handle:
        text = handle.read()
    keys = []
    for match in ENTRY_RE.finditer(text):
        if match.group(1).lower() in NON_ENTRIES:
            continue
        line = text.count("\n", 0, match.start()) + 1
        key = match.group(2)
        if key in keys:
            report.error(f"{path}:{line}", f"duplicate entry key {key}")
        keys.append(key)
    try:
        import bibtexparser  # optional independent parser
    except ImportError:
        return set(keys)
    library = bibtexparser.parse_file(path)
    for block in library.failed_blocks:
        report.error(f"{path}:{block.start_line + 1}", "bibtexparser could not parse this block")
    parsed = {entry.key for entry in library.entries}
    if parsed != set(keys):
        report.error(path, f"regex and bibtexparser disagree on keys: {sorted(parsed ^ set(keys))}")
    return set(keys)


def confirmed_count(path):
    """Entries of works.bib without an `unverified` field (regex scan: each entry runs to the next `@`)."""
    with open(path, encoding="utf-8") as handle:
        text = handle.read()
    starts = [m for m in ENTRY_RE.finditer(text) if m.group(1).lower() not in NON_ENTRIES]
    count = 0
    for index, match in enumerate(starts):
        end = starts[index + 1].start() if index + 1 < len(starts) else len(text)
        if not re.search(r"^\s*unverified\s*=", text[match.start():end], re.M | re.I):
            count += 1
    return count


def check_edges(path, keys, report):
    """Validates citations.csv and returns the edges as (citing, cited, relation, status)."""
    edges = []
    with open(path, encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle)
        header = next(reader, None)
        if header != ["citing", "cited", "relation", "source", "status"]:
            report.error(f"{path}:1", f"unexpected header {header}")
        seen = set()
        for line, row in enumerate(reader, start=2):
            where = f"{path}:{line}"
            if len(row) != 5:
                report.error(where, f"expected 5 fields, found {len(row)}")
                continue
            citing, cited, relation, source, status = row
            for key in (citing, cited):
                if key not in keys:
                    report.error(where, f"unknown corpus key {key}")
            if citing == cited:
                report.error(where, f"self-citation {citing}")
            if relation not in RELATIONS:
                report.error(where, f"unknown relation {relation}")
            if status not in EDGE_STATUSES:
                report.error(where, f"unknown status {status}")
            if not source.strip():
                report.error(where, "empty source")
            if (citing, cited, relation) in seen:
                report.error(where, f"duplicate edge {citing} -> {cited} ({relation})")
            seen.add((citing, cited, relation))
            edges.append((citing, cited, relation, status))
    return edges


def parse_card(path, report):
    """Reads a claim card into a dict; multi-line fields are lists of their indented lines."""
    card = {"source": []}
    current = None
    with open(path, encoding="utf-8") as handle:
        for number, raw in enumerate(handle, start=1):
            line = raw.rstrip("\n")
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            if line.startswith("  "):
                if current is None:
                    report.error(f"{path}:{number}", "indented line outside statement/hypotheses/deduction")
                else:
                    card[current].append(line.strip())
                continue
            name, sep, value = line.partition(":")
            if not sep:
                report.error(f"{path}:{number}", "expected 'name: value'")
                continue
            name, value = name.strip(), value.strip()
            current = None
            if name in ("statement", "hypotheses", "deduction"):
                card[name] = []
                current = name
            elif name == "source":
                card["source"].append((number, value))
            elif name in card:
                report.error(f"{path}:{number}", f"repeated header {name}")
            else:
                card[name] = value
    return card


def check_card(path, card, keys, report):
    for header in REQUIRED_HEADERS:
        if not card.get(header):
            report.error(path, f"missing or empty {header}")
    stem = os.path.splitext(os.path.basename(path))[0]
    if card.get("id") != stem:
        report.error(path, f"id {card.get('id')} does not match the file name")
    if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", card.get("id", "")):
        report.error(path, f"malformed id {card.get('id')}")
    for name, allowed in (("architectures", ARCHITECTURES), ("activations", ACTIVATIONS)):
        for item in filter(None, (v.strip() for v in card.get(name, "").split(","))):
            if item not in allowed:
                report.error(path, f"unknown {name[:-1]} {item}")
    if card.get("depth", "any") not in DEPTHS:
        report.error(path, f"unknown depth {card.get('depth')}")
    if card.get("status", "verified") not in STATUSES:
        report.error(path, f"unknown status {card.get('status')}")
    for pair in filter(None, (p.strip() for p in card.get("defaults", "").split(";"))):
        if "=" not in pair:
            report.error(path, f"default without '=': {pair}")
    for number, value in card["source"]:
        parts = [p.strip() for p in value.split("|")]
        if parts[0] not in keys:
            report.error(f"{path}:{number}", f"unknown source key {parts[0]}")
        if len(parts) < 2 or not parts[1]:
            report.error(f"{path}:{number}", "source without a locator")
    for item in card.get("hypotheses", []):
        if not item.startswith("- "):
            report.error(path, f"hypothesis not written as '- item': {item}")


def graph_summary(keys, edges):
    """Node and edge counts from networkx when it is installed, else from plain counting."""
    try:
        import networkx as nx
    except ImportError:
        return f"{len(keys)} nodes, {len(edges)} edges (networkx not installed)"
    graph = nx.MultiDiGraph()
    graph.add_nodes_from(keys)
    for citing, cited, relation, status in edges:
        graph.add_edge(citing, cited, relation=relation, status=status)
    return f"{graph.number_of_nodes()} nodes, {graph.number_of_edges()} edges (networkx)"


def main(argv):
    corpus = argv[1] if len(argv) > 1 else os.path.dirname(os.path.abspath(__file__))
    report = Report()
    keys = bib_keys(os.path.join(corpus, "works.bib"), report)
    edges = check_edges(os.path.join(corpus, "citations.csv"), keys, report)
    claims_dir = os.path.join(corpus, "claims")
    cards = {}
    for name in sorted(os.listdir(claims_dir)):
        if name.endswith(".claim"):
            path = os.path.join(claims_dir, name)
            card = parse_card(path, report)
            check_card(path, card, keys, report)
            cards[card.get("id")] = card
    if len(keys) < MIN_WORKS:
        report.error("works.bib", f"only {len(keys)} works (need {MIN_WORKS})")
    confirmed = confirmed_count(os.path.join(corpus, "works.bib"))
    if confirmed < MIN_CONFIRMED_WORKS:
        report.error("works.bib", f"only {confirmed} fully confirmed works (need {MIN_CONFIRMED_WORKS})")
    if len(edges) < MIN_EDGES:
        report.error("citations.csv", f"only {len(edges)} edges (need {MIN_EDGES})")
    missing = (CLAIM_IDS | BREADTH_CLAIM_IDS | BREADTH2_CLAIM_IDS | BREADTH3_CLAIM_IDS) - set(cards)
    if missing:
        report.error("claims", f"expected claim cards are missing: {sorted(missing)}")

    by_status = {}
    for _, _, relation, status in edges:
        by_status[f"{relation}/{status}"] = by_status.get(f"{relation}/{status}", 0) + 1
    print(f"works: {len(keys)} ({confirmed} fully confirmed)")
    print(f"edges: {len(edges)} " + " ".join(f"{k}={v}" for k, v in sorted(by_status.items())))
    print(f"graph: {graph_summary(keys, edges)}")
    print(f"claims: {len(cards)}")
    for problem in report.problems:
        print(problem, file=sys.stderr)
    print("OK" if not report.problems else f"{len(report.problems)} problem(s)")
    return 1 if report.problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

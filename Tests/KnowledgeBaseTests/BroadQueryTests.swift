import Foundation
import Literature
import TestSupport
import XCTest
@testable import KnowledgeBase

/// The paths that keep broad queries cheap on a large base (the whole-base neighbour pass, the first keys
/// of a limited listing, the growing window of `search`) against independent oracles: networkx for the
/// neighbours, the sqlite3 CLI running the one-statement ranking for search, hand-ordered bytes for keys.
final class BroadQueryTests: XCTestCase {
    /// A small deterministic generator (SplitMix64), so a failure can be replayed.
    struct Draw {
        var state: UInt64
        mutating func next(_ bound: Int) -> Int {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return Int((z ^ (z >> 31)) % UInt64(bound))
        }
    }

    /// 48 works whose keys mix case, digits, punctuation and non-ASCII letters (BINARY order is not
    /// alphabetical), and random edges: repeated pairs (two provenances), and "recommends" edges that must
    /// not count as citations.
    static func randomGraph() -> (keys: [String], edges: [(citing: String, cited: String, relation: String)]) {
        var keys = ["alpha", "Alpha2", "Zed", "zed_1", "Émile", "émile", "B-7", "b7", "Çelik", "_under", "Ω", "Øst"]
        for i in 0..<36 { keys.append("W\(i * 7 % 36)x") }
        var draw = Draw(state: 15)
        var edges: [(String, String, String)] = []
        for _ in 0..<220 {
            let a = draw.next(keys.count), b = draw.next(keys.count)
            guard a != b else { continue }
            let relation = draw.next(10) == 0 ? "recommends" : "cites"
            edges.append((keys[a], keys[b], relation))
            if draw.next(8) == 0 { edges.append((keys[a], keys[b], relation)) }   // same pair, another line
        }
        return (keys, edges)
    }

    static func graphBase() throws -> (KnowledgeBase, [String], [(citing: String, cited: String, relation: String)]) {
        let (keys, edges) = randomGraph()
        let kb = try KnowledgeBase(path: Fixtures.temporaryDatabasePath())
        let works = keys.enumerated().map { Fixtures.work($1, "Work number \($0)", year: 2000 + $0 % 20, line: $0 + 1) }
        let citations = edges.enumerated().map {
            Fixtures.edge($1.citing, $1.cited, line: $0 + 1, relation: $1.relation)
        }
        _ = try kb.ingest([(path: "works.bib", result: ParseResult(works: works)),
                           (path: "citations.csv", result: ParseResult(citations: citations))])
        return (kb, keys, edges)
    }

    /// networkx's successors and predecessors over the "cites" edges, sorted by Python (code points, which
    /// is the UTF-8 byte order SQLite's BINARY collation uses).
    static func networkxNeighbours(keys: [String], edges: [(citing: String, cited: String, relation: String)])
        throws -> [String: [[String]]]
    {
        let program = """
            import networkx as nx
            G = nx.DiGraph()
            G.add_nodes_from(data['keys'])
            G.add_edges_from((a, b) for a, b, r in data['edges'] if r == 'cites')
            print(json.dumps({n: [sorted(G.successors(n)), sorted(G.predecessors(n))] for n in G.nodes}))
            """
        let input: [String: Any] = ["keys": keys, "edges": edges.map { [$0.citing, $0.cited, $0.relation] }]
        return try PythonOracle.json(program, input: input, modules: ["networkx"]) as? [String: [[String]]] ?? [:]
    }

    func testBothNeighbourStrategiesGiveNetworkxsSortedNeighbours() throws {
        let (kb, keys, edges) = try Self.graphBase()
        let expected = try Self.networkxNeighbours(keys: keys, edges: edges)
        XCTAssertEqual(expected.count, keys.count)
        let idOf = Dictionary(uniqueKeysWithValues: try kb.connection.query("SELECT key, id FROM works") {
            ($0.text(0), $0.int64(1))
        })
        // The whole base, a selection, and one work, in an order that is neither by id nor by key.
        let selections = [keys, keys.enumerated().filter { $0.offset % 3 == 1 }.map(\.element).reversed(), ["Émile"]]
        for selection in selections {
            let ids = selection.compactMap { idOf[$0] }
            XCTAssertEqual(ids.count, selection.count)
            for strategy in [NeighbourStrategy.perWork, .wholeBase] {
                let found = try kb.neighbourKeys(of: ids, strategy: strategy)
                for (i, key) in selection.enumerated() {
                    XCTAssertEqual(found.cites[i], expected[key]?[0], "\(strategy) cites of \(key)")
                    XCTAssertEqual(found.citedBy[i], expected[key]?[1], "\(strategy) cited by of \(key)")
                }
            }
        }
        // Through the public listing too (all works: the whole-base path).
        for work in try kb.allWorks() {
            XCTAssertEqual(work.cites, expected[work.key]?[0], "allWorks cites of \(work.key)")
            XCTAssertEqual(work.citedBy, expected[work.key]?[1], "allWorks cited by of \(work.key)")
        }
    }

    func testStrategyFollowsTheShareOfTheBaseSelected() {
        XCTAssertEqual(NeighbourStrategy.choose(selected: 20, works: 100_000), .perWork)
        XCTAssertEqual(NeighbourStrategy.choose(selected: 32_000, works: 100_000), .wholeBase)
        // The threshold is 1/32 of the works: 3 of 100 is below it, 4 of 100 at or above.
        XCTAssertEqual(NeighbourStrategy.choose(selected: 3, works: 100), .perWork)
        XCTAssertEqual(NeighbourStrategy.choose(selected: 4, works: 100), .wholeBase)
    }

    func testWorkIDMapStoresDenseAndSparseIDs() {
        var dense = WorkIDMap(ids: 5...20, count: 16)
        dense[5] = 0
        dense[20] = 7
        dense[99] = 3   // outside the range: kept aside, still found
        XCTAssertEqual([dense[5], dense[20], dense[99], dense[6], dense[4], dense[-1]], [0, 7, 3, nil, nil, nil])
        dense[20] = nil
        XCTAssertNil(dense[20])
        var sparse = WorkIDMap(ids: -3...Int64.max, count: 2)   // span too wide for an array
        sparse[Int64.max] = 1
        sparse[-3] = 2
        XCTAssertEqual([sparse[Int64.max], sparse[-3], sparse[0]], [1, 2, nil])
    }

    func testFirstKeysFollowUTF8ByteOrder() {
        // Bytes: B 0x42, Z 0x5A, a_b 0x61 0x5F, ab 0x61 0x62, b 0x62, e 0x65, é 0xC3 0xA9.
        let keys: Set<String> = ["b", "B", "é", "e", "Z", "ab", "a_b"]
        XCTAssertEqual(KnowledgeBase.firstInBinaryOrder(keys, count: 4), ["B", "Z", "a_b", "ab"])
        XCTAssertEqual(KnowledgeBase.firstInBinaryOrder(keys, count: 1), ["B"])
        XCTAssertEqual(KnowledgeBase.firstInBinaryOrder(keys, count: 20), ["B", "Z", "a_b", "ab", "b", "e", "é"])
    }

    func testFirstKeysOfAManyKeySetMatchPythonsSort() throws {
        var draw = Draw(state: 7)
        let alphabet = Array("aZé_9Ωb-")
        var keys = Set<String>()
        while keys.count < 900 { keys.insert(String((0..<1 + draw.next(5)).map { _ in alphabet[draw.next(alphabet.count)] })) }
        let sorted = try PythonOracle.json("print(json.dumps(sorted(data)))", input: Array(keys), modules: []) as? [String]
        for count in [3, 50, 256, 257, 600] {
            XCTAssertEqual(KnowledgeBase.firstInBinaryOrder(keys, count: count), Array(sorted?.prefix(count) ?? []),
                           "first \(count)")
        }
    }

    /// One work whose many passages all outrank every other work: the first ranked rows hold a single work,
    /// so `search` must widen its window until it has `limit` distinct works and claims.
    func testSearchWidensItsWindowPastPassagesOfOneWork() throws {
        guard let sqlite3 = Subprocess.locate("sqlite3") else { throw XCTSkip("the sqlite3 CLI is the oracle here") }
        let path = Fixtures.temporaryDatabasePath()
        let kb = try KnowledgeBase(path: path)
        var works = [Fixtures.work("P1", "A gizmo gizmo gizmo compendium", abstract: "gizmo gizmo")]
        for i in 0..<30 {
            works.append(Fixtures.work("G\(i)", "Notes number \(i) on one gizmo among \(String(repeating: "many ", count: i % 5)) things"))
        }
        let passages = (0..<80).map { PassageRecord(role: "answer", text: "gizmo gizmo gizmo \($0)") }
        let document = DocumentRecord(work: WorkReference(key: "P1"), kind: "qa-thread", title: "Gizmo gizmo thread",
                                      passages: passages, location: SourceLocation(file: "page.txt", line: 1))
        let claim = ClaimCardRecord(id: "gizmo-claim", title: "A gizmo claim", statement: "Every gizmo is a gizmo.",
                                    check: "gizmo-check", location: SourceLocation(file: "c.claim", line: 1))
        _ = try kb.ingest([(path: "works.bib", result: ParseResult(works: works)),
                           (path: "page.txt", result: ParseResult(documents: [document])),
                           (path: "c.claim", result: ParseResult(claims: [claim]))])
        // The ranking as one statement (grouping by window function), run by SQLite's own shell.
        func oracle(limit: Int) throws -> [String] {
            let sql = """
                WITH matched AS (
                    SELECT d.kind AS kind, d.ref AS ref, bm25(search_index, 10.0, 1.0, 5.0) AS rank, d.rowid AS rowid
                    FROM search_index JOIN search_documents d ON d.rowid = search_index.rowid
                    WHERE search_index MATCH '"gizmo"'),
                ranked AS (
                    SELECT *, row_number() OVER (PARTITION BY kind = 'claim', ref ORDER BY rank, rowid) AS n FROM matched)
                SELECT kind || ' ' || ref || ' ' || printf('%.6f', rank) FROM ranked WHERE n = 1
                ORDER BY rank, rowid LIMIT \(limit);
                """
            let result = try Subprocess.run(sqlite3.path, ["-readonly", path, sql])
            XCTAssertEqual(result.status, 0, result.stderr)
            return result.stdout.split(separator: "\n").map(String.init)
        }
        for limit in [1, 3, 10, 40] {
            let hits = try kb.search("gizmo", limit: limit).hits
            let expected = try oracle(limit: limit)
            XCTAssertEqual(expected.count, min(limit, 32), "oracle rows for limit \(limit)")
            XCTAssertEqual(hits.map { "\($0.kind.rawValue) \($0.reference) \(String(format: "%.6f", $0.rank))" }, expected,
                           "limit \(limit)")
        }
    }
}

import Foundation
import TestSupport
import XCTest
@testable import KnowledgeBase

/// networkx (python3) reads each export; its nodes, edges and typed attributes must match the database
/// as read through the store's ordinary queries (allWorks, citationEdges), not through the exporter.
final class GraphExportTests: XCTestCase {
    /// Prints {"directed", "multigraph", "nodes": {id: {attr: [type, value]}}, "edges": [[u, v, {...}]]}.
    static let networkxDump = """
        import sys, json, networkx as nx
        fmt, path = sys.argv[1], sys.argv[2]
        if fmt == 'graphml':
            G = nx.read_graphml(path)
        elif fmt == 'gexf':
            G = nx.read_gexf(path)
        else:
            with open(path, encoding='utf-8') as f:
                G = nx.node_link_graph(json.load(f))
        typed = lambda d: {k: [type(v).__name__, v] for k, v in d.items()}
        print(json.dumps({'directed': G.is_directed(), 'multigraph': G.is_multigraph(),
            'nodes': {n: dict(typed(d), nx_in=['int', G.in_degree(n)], nx_out=['int', G.out_degree(n)])
                      for n, d in G.nodes(data=True)},
            'edges': [[u, v, typed(d)] for u, v, d in G.edges(data=True)]}))
        """

    struct Loaded {
        var directed = false
        var multigraph = true
        var nodes: [String: [String: (type: String, value: Any)]] = [:]
        var edges: [String: [String: (type: String, value: Any)]] = [:]  // "u -> v"
    }

    static func load(_ format: GraphFormat, _ path: String) throws -> Loaded {
        let text = try PythonOracle.run(networkxDump, arguments: [format.rawValue, path], modules: ["networkx"])
        let object = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] ?? [:]
        func attributes(_ raw: Any?) -> [String: (type: String, value: Any)] {
            var out: [String: (type: String, value: Any)] = [:]
            for (key, pair) in raw as? [String: [Any]] ?? [:] where pair.count == 2 {
                out[key] = (pair[0] as? String ?? "?", pair[1])
            }
            return out
        }
        var loaded = Loaded()
        loaded.directed = object["directed"] as? Bool ?? false
        loaded.multigraph = object["multigraph"] as? Bool ?? true
        for (id, raw) in object["nodes"] as? [String: Any] ?? [:] { loaded.nodes[id] = attributes(raw) }
        for edge in object["edges"] as? [[Any]] ?? [] where edge.count == 3 {
            loaded.edges["\(edge[0]) -> \(edge[1])"] = attributes(edge[2])
        }
        return loaded
    }

    func testNetworkxReadsGraphMLGEXFAndJSONWithTheDatabaseContents() throws {
        let kb = try GraphFixtures.plantedBase()
        let works = try kb.allWorks()
        let edges = try kb.citationEdges()
        let pairs = Set(edges.map { "\($0.citingKey) -> \($0.citedKey)" })
        XCTAssertEqual(works.count, 7, "six records and one stub")
        XCTAssertEqual(pairs.count, 6, "VB21 -> Sus92 has two relations but is one pair")
        for format in [GraphFormat.graphml, .gexf, .json] {
            let graph = try Self.load(format, GraphFixtures.export(kb, format))
            XCTAssertTrue(graph.directed, "\(format)")
            XCTAssertFalse(graph.multigraph, "\(format)")
            XCTAssertEqual(Set(graph.nodes.keys), Set(works.map(\.key)), "\(format)")
            XCTAssertEqual(Set(graph.edges.keys), pairs, "\(format)")
            for work in works {
                guard let node = graph.nodes[work.key] else { continue }
                XCTAssertEqual(node["title"]?.value as? String, work.title, "\(format) \(work.key)")
                XCTAssertEqual(node["type"]?.value as? String, "work")
                XCTAssertEqual(node["first_author"]?.value as? String, work.authors.first, "\(format) \(work.key)")
                XCTAssertEqual(node["venue"]?.value as? String, work.venue, "\(format) \(work.key)")
                XCTAssertEqual(node["doi"]?.value as? String, work.doi, "\(format) \(work.key)")
                XCTAssertEqual(node["arxiv"]?.value as? String, work.arxiv, "\(format) \(work.key)")
                XCTAssertEqual(node["year"]?.type, work.year == nil ? nil : "int", "\(format) \(work.key)")
                XCTAssertEqual(node["year"]?.value as? Int, work.year, "\(format) \(work.key)")
                XCTAssertEqual(node["verified"]?.type, "bool", "\(format) \(work.key)")
                XCTAssertEqual(node["verified"]?.value as? Bool, work.verified, "\(format) \(work.key)")
                XCTAssertEqual(node["stub"]?.value as? Bool, work.isStub, "\(format) \(work.key)")
                let inDegree = Set(edges.filter { $0.citedKey == work.key }.map(\.citingKey)).count
                let outDegree = Set(edges.filter { $0.citingKey == work.key }.map(\.citedKey)).count
                XCTAssertEqual(node["in_degree"]?.value as? Int, inDegree, "\(format) \(work.key)")
                XCTAssertEqual(node["out_degree"]?.value as? Int, outDegree, "\(format) \(work.key)")
                XCTAssertEqual(node["nx_in"]?.value as? Int, inDegree, "networkx in-degree, \(format) \(work.key)")
                XCTAssertEqual(node["nx_out"]?.value as? Int, outDegree, "networkx out-degree, \(format) \(work.key)")
            }
            let merged = graph.edges["VB21 -> Sus92"]
            XCTAssertEqual(merged?["relation"]?.value as? String, "cites;recommends", "\(format)")
            XCTAssertEqual(merged?["provenance"]?.value as? String,
                           "citations.csv:2 (test list); citations.csv:3 (test list)", "\(format)")
            XCTAssertEqual(graph.edges["HOST -> VB21"]?["verified"]?.value as? Bool, false, "\(format)")
            XCTAssertEqual(graph.edges["HOST -> VB21"]?["verified"]?.type, "bool", "\(format)")
            XCTAssertEqual(graph.edges["Mat01 -> VB21"]?["verified"]?.value as? Bool, true, "\(format)")
        }
    }

    func testHostileTitleIsEscapedInEveryFormat() throws {
        let kb = try GraphFixtures.plantedBase()
        for format in [GraphFormat.graphml, .gexf, .json] {
            let graph = try Self.load(format, GraphFixtures.export(kb, format))
            XCTAssertEqual(graph.nodes["HOST"]?["title"]?.value as? String, GraphFixtures.hostileTitle, "\(format)")
            XCTAssertEqual(graph.nodes["HOST"]?["venue"]?.value as? String, "Journal of <Tags> & \"Quotes\"")
            XCTAssertEqual(graph.nodes["HOST"]?["first_author"]?.value as? String, "Łukasz Żółw")
        }
        let graphML = try String(contentsOfFile: GraphFixtures.export(kb, .graphml), encoding: .utf8)
        XCTAssertEqual(graphML.components(separatedBy: "</graph>").count - 1, 1, "only the real closing tag")
        XCTAssertTrue(graphML.contains("&lt;/graph&gt; &amp;amp; \\&quot;{o} 🧠 café&#10;second line"))
    }

    func testXMLEscapingDropsCharactersIllegalInXML() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("nnid-esc-\(UUID().uuidString)").path
        let output = try ExportOutput(path: path)
        output.writeXML("a\u{0}b\u{1F}c\u{FFFE}d\u{FFFF}e\tf<&>\"")
        try output.finish()
        XCTAssertEqual(try String(contentsOfFile: path, encoding: .utf8), "abcde&#9;f&lt;&amp;&gt;&quot;")
    }

    func testGraphvizRendersTheDOTExport() throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/dot") else {
            throw XCTSkip("Graphviz is not installed (Debian package graphviz)")
        }
        let kb = try GraphFixtures.plantedBase()
        let dotPath = try GraphFixtures.export(kb, .dot, GraphSelection(includeClaims: true))
        let result = try Subprocess.run("/usr/bin/dot", ["-Tsvg", dotPath])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(result.stderr, "", "no Graphviz warnings")
        let svg = result.stdout
        // 7 works + 2 claims; 6 citation pairs + 2 states edges.
        XCTAssertEqual(svg.components(separatedBy: "class=\"node\"").count - 1, 9)
        XCTAssertEqual(svg.components(separatedBy: "class=\"edge\"").count - 1, 8)
        XCTAssertTrue(svg.contains("<title>HOST</title>"))
        XCTAssertTrue(svg.contains("<title>claim:stated&#45;&gt;VB21</title>"))
    }

    func testCSVEdgeListReadsBackWithPythonCSV() throws {
        let kb = try GraphFixtures.plantedBase()
        let path = try GraphFixtures.export(kb, .csv)
        let script = """
            import csv, sys, json
            with open(sys.argv[1], newline='', encoding='utf-8') as f:
                print(json.dumps(list(csv.reader(f))))
            """
        let rows = try JSONSerialization.jsonObject(with: Data(PythonOracle.run(script, arguments: [path], modules: ["csv"]).utf8))
            as? [[String]] ?? []
        XCTAssertEqual(rows.first, ["source", "target", "relation", "provenance", "verified"])
        XCTAssertEqual(rows.count, 1 + 6)
        XCTAssertTrue(rows.contains(["VB21", "Sus92", "cites;recommends",
                                     "citations.csv:2 (test list); citations.csv:3 (test list)", "true"]))
    }

    func testNeighbourhoodsFollowDepthAndDirection() throws {
        let kb = try GraphFixtures.plantedBase()
        let stub = try XCTUnwrap(kb.allWorks().first(where: \.isStub)?.key)
        XCTAssertEqual(try kb.graphSelectionKeys(GraphSelection(rootKey: "VB21", depth: 1, direction: .cites)),
                       ["Sus92", "VB21", stub].sorted())
        XCTAssertEqual(try kb.graphSelectionKeys(GraphSelection(rootKey: "VB21", depth: 1, direction: .citedBy)),
                       ["HOST", "Mat01", "VB21"])
        XCTAssertEqual(try kb.graphSelectionKeys(GraphSelection(rootKey: "VB21", depth: 0)), ["VB21"])
        // Sus92 is cited by VB21 and HOST; two steps back from Sus92 reaches Mat01 through VB21.
        XCTAssertEqual(try kb.graphSelectionKeys(GraphSelection(rootKey: "Sus92", depth: 2, direction: .citedBy)),
                       ["HOST", "Mat01", "Sus92", "VB21"])
        XCTAssertEqual(try kb.graphSelectionKeys(GraphSelection(claimID: "stated", depth: 0)), ["Sus92", "VB21"])

        let graph = try Self.load(.json, GraphFixtures.export(kb, .json,
                                                              GraphSelection(rootKey: "VB21", direction: .cites)))
        XCTAssertEqual(Set(graph.nodes.keys), Set(["Sus92", "VB21", stub]))
        XCTAssertEqual(Set(graph.edges.keys), ["VB21 -> Sus92", "VB21 -> \(stub)"])
    }

    func testClaimsBecomeNodesWithStatesEdges() throws {
        let kb = try GraphFixtures.plantedBase()
        let graph = try Self.load(.graphml, GraphFixtures.export(kb, .graphml, GraphSelection(includeClaims: true)))
        XCTAssertEqual(graph.nodes["claim:stated"]?["type"]?.value as? String, "claim")
        XCTAssertEqual(graph.nodes["claim:stated"]?["check"]?.value as? String, "stated-check")
        XCTAssertEqual(graph.nodes["claim:sourceless"]?["verified"]?.value as? Bool, false)
        XCTAssertEqual(graph.edges["claim:stated -> VB21"]?["relation"]?.value as? String, "states")
        XCTAssertEqual(graph.edges["claim:stated -> Sus92"]?["provenance"]?.value as? String, "Theorem 2 & <3>")
        XCTAssertEqual(graph.nodes.count, 9)
        XCTAssertEqual(graph.edges.count, 8)
    }

    func testUnknownRootAndClaimAreReported() throws {
        let kb = try GraphFixtures.plantedBase()
        XCTAssertThrowsError(try kb.graphSelectionKeys(GraphSelection(rootKey: "NOPE"))) {
            XCTAssertEqual($0 as? ExportError, .unknownWork("NOPE"))
        }
        XCTAssertThrowsError(try kb.graphSelectionKeys(GraphSelection(claimID: "nope"))) {
            XCTAssertEqual($0 as? ExportError, .unknownClaim("nope"))
        }
    }
}

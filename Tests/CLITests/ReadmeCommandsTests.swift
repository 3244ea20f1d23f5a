import Foundation
import TestSupport
import XCTest

/// The README is true line by line (issue 14): every `nnid …` line of its code blocks runs, in order, in a
/// fresh directory holding the files the README names, through `sh` as a reader would type it; what its
/// comments promise is checked against independent readers (networkx, bibtexparser, the file system).
final class ReadmeCommandsTests: XCTestCase {
    private var root: URL!
    /// The reader's working directory (`../shared/seeds` is next to it, as in the README).
    private var work: URL!

    override func setUpWithError() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("nnid-readme-\(UUID().uuidString)")
        work = root.appendingPathComponent("checkout")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: root) }

    private static var readme: String {
        (try? String(contentsOf: CLIRunner.repositoryRoot.appendingPathComponent("README.md"), encoding: .utf8)) ?? ""
    }

    /// The `nnid` lines of the README's fenced code blocks with their line numbers, trailing `# comments`
    /// removed (a `#` inside quotes is kept).
    static func commands(in text: String) -> [(line: Int, command: String)] {
        var inBlock = false
        var out: [(Int, String)] = []
        for (offset, raw) in text.components(separatedBy: "\n").enumerated() {
            if raw.hasPrefix("```") { inBlock.toggle(); continue }
            let line = raw.trimmingCharacters(in: .whitespaces)
            guard inBlock, line.hasPrefix("nnid ") else { continue }
            var command = "", quote: Character?
            for character in line {
                if character == "#", quote == nil, command.last == " " { break }
                if character == "\"" || character == "'" { quote = quote == character ? nil : (quote ?? character) }
                command.append(character)
            }
            out.append((offset + 1, command.trimmingCharacters(in: .whitespaces)))
        }
        return out
    }

    func testCommandExtractionStripsCommentsOnly() {
        let sample = "text\n```sh\nnnid search \"a # b\"   # why\n  nnid audit\nman x\n```\nnnid not-in-a-block\n"
        let found = Self.commands(in: sample)
        XCTAssertEqual(found.map(\.command), ["nnid search \"a # b\"", "nnid audit"])
        XCTAssertEqual(found.map(\.line), [3, 4])
    }

    /// The files the README's commands name: a bibliography, a seed page, trained networks and samples.
    private func writeReaderFiles() throws {
        let seeds = root.appendingPathComponent("shared/seeds")
        try FileManager.default.createDirectory(at: seeds, withIntermediateDirectories: true)
        try """
            @article{sussmann1992uniqueness,
              author = {Sussmann, H{\\'e}ctor J.},
              title = {Uniqueness of the weights for minimal feedforward nets with a given input-output map},
              journal = {Neural Networks}, year = {1992}, volume = {5}, pages = {589--593}
            }
            """.write(to: work.appendingPathComponent("my-refs.bib"), atomically: true, encoding: .utf8)
        try "TY  - JOUR\nAU  - Doe, Jane\nTI  - A seed record on weight symmetries\nPY  - 2020\nER  - \n"
            .write(to: seeds.appendingPathComponent("seed.ris"), atomically: true, encoding: .utf8)
        // A ReLU net (safetensors, ONNX) and two tanh nets (npz, the second a permutation of the first).
        let writer = """
            import sys, numpy as np, onnx
            from onnx import helper, TensorProto, numpy_helper
            from safetensors.numpy import save_file
            out = sys.argv[1]
            rng = np.random.default_rng(3)
            W1, b1 = rng.uniform(-1, 1, (4, 3)).astype(np.float32), rng.uniform(-1, 1, 4).astype(np.float32)
            W2, b2 = rng.uniform(-1, 1, (1, 4)).astype(np.float32), rng.uniform(-1, 1, 1).astype(np.float32)
            save_file({"0.weight": W1, "0.bias": b1, "2.weight": W2, "2.bias": b2}, out + "/model.safetensors",
                      metadata={"activation": "relu"})
            nodes = [helper.make_node("Gemm", ["x", "W1", "b1"], ["z1"], transB=1),
                     helper.make_node("Relu", ["z1"], ["h1"]),
                     helper.make_node("Gemm", ["h1", "W2", "b2"], ["y"], transB=1)]
            inits = [numpy_helper.from_array(a, n) for a, n in ((W1, "W1"), (b1, "b1"), (W2, "W2"), (b2, "b2"))]
            graph = helper.make_graph(nodes, "g", [helper.make_tensor_value_info("x", TensorProto.FLOAT, [None, 3])],
                                      [helper.make_tensor_value_info("y", TensorProto.FLOAT, [None, 1])], inits)
            onnx.save(helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)]), out + "/model.onnx")
            X = rng.uniform(-2, 2, (60, 3))
            np.savetxt(out + "/data.csv", X, delimiter=",", header="a,b,c", comments="")
            np.save(out + "/x.npy", X)
            p = [2, 0, 3, 1]
            np.savez(out + "/a.npz", W1=W1, b1=b1, W2=W2, b2=b2)
            np.savez(out + "/b.npz", W1=W1[p], b1=b1[p], W2=W2[:, p], b2=b2)
            print("ok")
            """
        _ = try PythonOracle.run(writer, arguments: [work.path], modules: ["numpy", "onnx", "safetensors"])
    }

    /// Runs one README line with `sh` in the reader's directory, `nnid` on PATH; a redirection to a place
    /// outside it (`> /etc/bash_completion.d/nnid`) is sent to a file of the sandbox instead.
    private func run(_ command: String, index: Int) throws -> (status: Int32, stdout: String, stderr: String) {
        var line = command
        if let redirect = line.range(of: " > "), !line[redirect.upperBound...].hasPrefix("refs.bib") {
            line = String(line[..<redirect.lowerBound]) + " > out-\(index).txt"
        }
        var environment = ProcessInfo.processInfo.environment
        environment["PATH"] = CLIRunner.binary.deletingLastPathComponent().path + ":" + (environment["PATH"] ?? "/usr/bin:/bin")
        environment["NO_COLOR"] = "1"
        environment["NNID_DB"] = nil   // the README's default: ./nnid.sqlite
        return try Subprocess.run("/bin/sh", ["-c", line], environment: environment, currentDirectory: work)
    }

    func testEveryCommandInTheReadmeRunsAsShown() throws {
        try writeReaderFiles()
        let commands = Self.commands(in: Self.readme)
        XCTAssertGreaterThanOrEqual(commands.count, 20, "the README's code blocks were found")
        let hasGraphviz = Subprocess.locate("dot") != nil
        var outputs: [String: String] = [:]
        for (index, entry) in commands.enumerated() {
            let result = try run(entry.command, index: index)
            // The README promises status 1 for svg without Graphviz; everything else it shows succeeds.
            let expected: Int32 = entry.command.contains("--format svg") && !hasGraphviz ? 1 : 0
            XCTAssertEqual(result.status, expected, "README.md:\(entry.line): \(entry.command)\n\(result.stderr)")
            outputs[entry.command] = result.stdout
        }
        let file = { (name: String) in self.work.appendingPathComponent(name).path }
        // "the built-in corpus into ./nnid.sqlite"
        XCTAssertTrue(FileManager.default.fileExists(atPath: file("nnid.sqlite")))
        // "one run in full (also: nnid run 1)": the two spellings print the same run.
        let run1 = try run("nnid run 1", index: 1000)
        XCTAssertEqual(run1.status, 0)
        XCTAssertEqual(run1.stdout, outputs["nnid history --run 1"])
        // "your analyses": the README's analyze commands ran against ./nnid.sqlite and were recorded there.
        let analyses = try XCTUnwrap(outputs["nnid history --origin analyze"])
        let analysisRows = analyses.split(separator: "\n").dropFirst()
        XCTAssertGreaterThanOrEqual(analysisRows.count, 1, analyses)
        XCTAssertTrue(analysisRows.allSatisfy { $0.contains("\tnetwork-analysis\tanalyze\t") }, analyses)
        // "bibliography with verification status": Sussmann's paper is listed, with its status.
        let works = try XCTUnwrap(outputs["nnid works --search sussmann"])
        XCTAssertTrue(works.contains("Sus92"), works)
        // "prefixes; "tanh OR uniqueness" for any word"
        XCTAssertEqual(try run("nnid search \"tanh OR uniqueness\"", index: 1001).status, 0)
        // The exported bibliography is BibTeX that bibtexparser reads, one entry per work the claim cites.
        let keys = try PythonOracle.json("""
            import bibtexparser
            print(json.dumps(sorted(e.key for e in bibtexparser.parse_file(data[0]).entries)))
            """, input: [file("refs.bib")], modules: ["bibtexparser"]) as? [String]
        XCTAssertTrue(try XCTUnwrap(keys).contains("BMB22"), "\(keys ?? [])")
        // "for Gephi, Cytoscape, networkx": the GraphML loads in networkx.
        let loaded = try PythonOracle.run("import sys, networkx as nx; print(nx.read_graphml(sys.argv[1]).number_of_nodes())",
                                          arguments: [file("citations.graphml")], modules: ["networkx"])
        XCTAssertGreaterThan(Int(loaded.trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0, 50)
        if hasGraphviz { XCTAssertTrue(FileManager.default.fileExists(atPath: file("vb21.svg"))) }
        for name in ["spectrum.svg", "b-aligned.npz"] {
            XCTAssertTrue(FileManager.default.fileExists(atPath: file(name)), name)
        }
        // The completion scripts were written (to the sandbox instead of /etc).
        let completions = commands.indices.filter { commands[$0].command.contains("--generate-completion-script") }
        XCTAssertEqual(completions.count, 3)
        for index in completions {
            let script = try String(contentsOfFile: file("out-\(index).txt"), encoding: .utf8)
            XCTAssertTrue(script.contains("nnid"), commands[index].command)
        }
    }

    /// The README's networkx recipe, run exactly as printed on a graph nnid wrote.
    func testNetworkxRecipeAsPrinted() throws {
        let recipe = try XCTUnwrap(Self.readme.range(of: "`networkx\\.node_link_graph\\([^`]*\\)`", options: .regularExpression)
            .map { String(Self.readme[$0].dropFirst().dropLast()) }, "the README shows the recipe")
        XCTAssertTrue(recipe.contains("g.json"), recipe)
        let db = work.appendingPathComponent("kb.sqlite").path
        XCTAssertEqual(try CLIRunner.run(["ingest", "--db", db], currentDirectory: work).status, 0)
        let graph = try CLIRunner.run(["graph", "--format", "json", "--output", "g.json", "--db", db], currentDirectory: work)
        XCTAssertEqual(graph.status, 0, graph.stderr)
        let text = try String(contentsOf: work.appendingPathComponent("g.json"), encoding: .utf8)
        let object = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        let nodes = (object["nodes"] as? [Any])?.count ?? -1
        let edges = (object["edges"] as? [Any])?.count ?? -1
        let script = "import json, os, sys, networkx\nos.chdir(sys.argv[1])\nG = \(recipe)\n"
            + "print(G.number_of_nodes(), G.number_of_edges(), G.is_directed())"
        let out = try PythonOracle.run(script, arguments: [work.path], modules: ["networkx"])
        XCTAssertEqual(out.trimmingCharacters(in: .whitespacesAndNewlines), "\(nodes) \(edges) True")
    }

    /// The `works` row of the README's command table names the table's columns in words and the TSV
    /// columns as keys.
    func testWorksColumnsAreTheOnesTheReadmeNames() throws {
        let db = work.appendingPathComponent("kb.sqlite").path
        XCTAssertEqual(try CLIRunner.run(["ingest", "--db", db], currentDirectory: work).status, 0)
        let row = try XCTUnwrap(Self.readme.components(separatedBy: "\n").first { $0.hasPrefix("| `nnid works") })
        let described = row.components(separatedBy: "|")[2]
        let tsv = try CLIRunner.run(["works", "--format", "tsv", "--db", db]).stdout
        let tsvColumns = tsv.split(separator: "\n").first.map { $0.split(separator: "\t").map { "`\($0)`" } } ?? []
        let pipePart = try XCTUnwrap(described.range(of: "the columns are").map { String(described[$0.upperBound...]) })
        let named = pipePart.components(separatedBy: " (")[0]
        XCTAssertEqual(named.components(separatedBy: ", ").map { $0.trimmingCharacters(in: .whitespaces) }, tsvColumns)
        let table = try CLIRunner.run(["works", "--format", "table", "--db", db], environment: ["COLUMNS": "200"]).stdout
        let header = table.split(separator: "\n").first.map(String.init) ?? ""
        // Table header words, as the README spells them.
        let words = ["key": "key", "year": "year", "authors": "authors", "title": "title", "venue": "venue",
                     "id": "DOI or arXiv id", "status": "status", "cites": "citations out", "cited by": "and in"]
        let columns = header.components(separatedBy: "  ").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        XCTAssertEqual(columns.count, words.count, header)
        for column in columns {
            let phrase = try XCTUnwrap(words[column], "table column \(column) has no description")
            XCTAssertTrue(described.contains(phrase), "\(column): \(described)")
        }
    }
}

import Foundation
import TestSupport
import XCTest
@testable import Literature

/// Compares our BibTeX reading with python's bibtexparser 2.1 (an independent implementation): same keys,
/// same raw titles, same number of fields per entry.
final class BibTeXCrossCheckTests: XCTestCase {
    static let fixture = """
        This header line is free text.
        @preamble{ "\\newcommand{\\noop}[1]{}" }
        @string{jams = {Journal of the AMS}}
        @comment{ a comment with {braces} }
        @Article{VB21,
          author    = {Vla{\\v{c}}i{\\'c}, Verner and B{\\"o}lcskei, Helmut},
          title     = {Affine symmetries and neural network identifiability},
          journal   = {Advances in Mathematics},
          year      = {2021},
          volume    = {376},
          pages     = {107485},
          doi       = {10.1016/j.aim.2020.107485},
        }
        @inproceedings{BMB22,
          author = "Bona-Pellissier, Joachim and Bachoc, Fran{\\c{c}}ois and Malgouyres, Fran{\\c{c}}ois",
          title = "Local Identifiability of Deep {ReLU} Neural Networks: the Theory",
          booktitle = {Advances in Neural Information Processing Systems},
          year = 2022
        }
        Text between entries.
        @misc(SE316523,
          title = {Are neural networks {\\em identifiable}? {A} question},
          howpublished = {Cross Validated},
          note = {Multi-line
                  note with {nested {braces}}},
          year = {2017})
        @book{Fef94,
          author = {Fefferman, Charles},
          title = {Reconstructing a neural net from its output},
          publisher = {Revista},
          year = {1994}, }
        @article{Sus92,
          author = {Sussmann, H{\\'e}ctor J.},
          title = {Uniqueness of the weights for minimal feedforward nets with a given input-output map},
          journal = {Neural Networks}, volume = {5}, number = {4}, pages = {589--593}, year = {1992}
        }
        """

    func testAgainstBibtexparser() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("nnid-crosscheck-\(getpid())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let bibURL = directory.appendingPathComponent("fixture.bib")
        try Self.fixture.write(to: bibURL, atomically: true, encoding: .utf8)
        let script = """
            import json, sys
            import bibtexparser
            library = bibtexparser.parse_file(sys.argv[1])
            print(json.dumps([{"key": e.key, "title": e.fields_dict["title"].value, "fields": len(e.fields)}
                              for e in library.entries]))
            """
        // PythonOracle fails the test when python3 exits non-zero, and skips when bibtexparser is missing.
        let data = Data(try PythonOracle.run(script, arguments: [bibURL.path], modules: ["bibtexparser"]).utf8)
        struct Entry: Decodable, Equatable { var key: String; var title: String; var fields: Int }
        let expected = try JSONDecoder().decode([Entry].self, from: data)

        let result = BibTeXParser.parse(Self.fixture, file: "fixture.bib")
        XCTAssertEqual(result.diagnostics, [])
        let ours = result.works.map { Entry(key: $0.key ?? "", title: $0.titleRaw ?? $0.title, fields: $0.rawFields.count) }
        XCTAssertEqual(expected.count, 5)
        XCTAssertEqual(ours, expected)
    }
}

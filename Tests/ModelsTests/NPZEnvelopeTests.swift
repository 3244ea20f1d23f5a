import Foundation
import TestSupport
import XCTest

@testable import Models

/// The zip end-record test that NPZReader runs before staging the bytes for ZIPFoundation, and the fuzzed
/// archive that crashed ZIPFoundation's in-memory reader. Archives are written by NumPy and Python's zipfile.
final class NPZEnvelopeTests: XCTestCase {
    private func pythonArchives() throws -> (savez: Data, commented: Data) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("npz-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        _ = try PythonOracle.run("""
            import sys, zipfile, numpy as np
            folder = sys.argv[1]
            np.savez(folder + "/a.npz", w=np.arange(6.0).reshape(2, 3))
            with zipfile.ZipFile(folder + "/c.npz", "w") as z:
                z.comment = b"a comment of some length"
                with z.open("w.npy", "w") as f:
                    np.save(f, np.ones((2, 2)))
            """, arguments: [folder.path], modules: ["numpy"])
        return (try Data(contentsOf: folder.appendingPathComponent("a.npz")),
                try Data(contentsOf: folder.appendingPathComponent("c.npz")))
    }

    func testArchivesWrittenByNumPyAndZipfileHaveTheirEndRecord() throws {
        let (savez, commented) = try pythonArchives()
        XCTAssertTrue(NPZReader.hasEndOfCentralDirectory(savez))
        XCTAssertTrue(NPZReader.hasEndOfCentralDirectory(commented))
        XCTAssertEqual(try NPZReader.arrays(commented).first?.tensor.shape, [2, 2])
    }

    func testBytesWithoutAWholeEndRecordAreRefusedWithOneMessage() throws {
        let (_, commented) = try pythonArchives()
        // Cutting into the comment leaves the signature but not the record it announces.
        let cut = commented.prefix(commented.count - 3)
        XCTAssertFalse(NPZReader.hasEndOfCentralDirectory(cut))
        for bad in [Data(), Data("PK".utf8), Data(repeating: 0x41, count: 100), Data(cut)] {
            XCTAssertThrowsError(try NPZReader.arrays(bad)) { error in
                XCTAssertTrue("\(error)".contains("no end-of-central-directory record"), "\(error)")
            }
        }
    }

    /// Found by the npz fuzz target (a mutation of our NumPy-written seed: ZIP64 sizes of 2^64 - 1): through
    /// ZIPFoundation's in-memory reader this trapped ("Range requires lowerBound <= upperBound") and took
    /// the process down; read through a file it is one error.
    func testFuzzedArchiveWithImpossibleMemberSizesIsAnErrorNotACrash() throws {
        let encoded = [
            "UEsDBC0AAAAAAAAAIQD9AAAAAJNOVU1QWQEAdgB7J2Rlc2NyJzogJzxmNCcsICdmb3J0cmFuX29yZ2VyJzogRmFsc2UsICdzaGFw",
            "ZSc6ICgxLCAzKSwgfSAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAKcdce",
            "v5TM+j7lubY+UEsDBC0AAAAAAAAAIQDJ3UsK//////////8MABQAZmMyLmJpYXMubnB5AQAQAIQAAAAAAAAAhAAAAAAAAACTTlVN",
            "UFkBAHYAeydkZXNjcic6ICc8ZjQnLCAnZm9ydHJhbl9vcmRlcic6IEZhbHNlLCAnc2hhcGUnOiAoMSwpLCB9ICAgICAgICAgICAg",
            "ICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgCm3j1z1QSwECLQMtAAAAAAAAACEA/d+hD5gA",
            "AACYAAAADgAAAAAAAAAAAAAAgAEAAAAAZmMxLndlaWdodC5ucHlQSwECLQMtAAAAAAAAACEARMSf/YwAAACMAAAADAAAAAAAAAAA",
            "AAAAgAHYAAAAZmMxLmJpYXMubnB5UEsBAi0DLQAAAAAAAAAhABrF/pmMAAAAjAAAAA4AAAAAAAAAAAAAAIABogEAAGZjMi53ZWln",
            "aHQubnB5UEsBAi0DLQAAAAAAAAAhAMndSwqEAAAAhMQAAAwAAAAAAAAAAAAAAIABbgIAAGZjMi5iaWFzLm5weVBLBQYAAAAABAAE",
            "AOwAAAAwAwAAAAA=",
        ].joined()
        let bytes = try XCTUnwrap(Data(base64Encoded: encoded))
        XCTAssertEqual(bytes.count, 611)
        XCTAssertThrowsError(try NPZReader.arrays(bytes))
    }
}

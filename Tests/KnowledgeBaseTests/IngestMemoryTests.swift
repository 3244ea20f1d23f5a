import Foundation
import Literature
import Synchronization
import XCTest
@testable import KnowledgeBase

/// What keeps an ingest's memory bounded: the parser may run only a few slices ahead of the writer, and
/// input files are read into one byte array.
final class IngestMemoryTests: XCTestCase {
    func testParserWaitsWhenTooManySlicesArePending() {
        let pipe = ParsePipe()
        let sent = Atomic<Int>(0)
        let total = 3 * ParsePipe.maximumPendingSlices
        let done = DispatchSemaphore(value: 0)
        DispatchQueue.global().async {
            for _ in 0..<total {
                pipe.send(.works([], []))
                sent.add(1, ordering: .sequentiallyConsistent)
            }
            pipe.send(.finished(IngestInput(path: "x.bib", format: .bibtex, result: ParseResult())))
            done.signal()
        }
        // Let the parser run ahead as far as it can before the writer takes anything (polled: the machine
        // may be busy), then check that it stays there.
        let deadline = Date().addingTimeInterval(20)
        while sent.load(ordering: .sequentiallyConsistent) < ParsePipe.maximumPendingSlices, Date() < deadline {
            Thread.sleep(forTimeInterval: 0.01)
        }
        Thread.sleep(forTimeInterval: 0.3)
        XCTAssertEqual(sent.load(ordering: .sequentiallyConsistent), ParsePipe.maximumPendingSlices)
        var processed = 0
        while processed < total {
            let piece = pipe.receive()
            pipe.processed(piece)
            processed += 1
            Thread.sleep(forTimeInterval: 0.01)
            // Never more than the bound ahead of what was processed.
            XCTAssertLessThanOrEqual(sent.load(ordering: .sequentiallyConsistent) - processed,
                                     ParsePipe.maximumPendingSlices)
        }
        guard case .finished(let input) = pipe.receive() else { return XCTFail("the last piece is the file") }
        XCTAssertEqual(input.path, "x.bib")
        XCTAssertEqual(done.wait(timeout: .now() + 5), .success)
        pipe.worksConsumed()
    }

    func testCancelWakesAWaitingParser() {
        let pipe = ParsePipe()
        let finished = DispatchSemaphore(value: 0)
        DispatchQueue.global().async {
            for _ in 0..<(ParsePipe.maximumPendingSlices + 5) { pipe.send(.works([], [])) }
            finished.signal()
        }
        Thread.sleep(forTimeInterval: 0.2)
        pipe.cancel()
        XCTAssertEqual(finished.wait(timeout: .now() + 5), .success, "the parser must not stay blocked after cancel")
    }

    func testFileBytesReadsWhatFoundationReads() throws {
        let dir = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("filebytes-\(getpid())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        for size in [0, 1, 65_535, 65_536, 300_001] {
            let path = dir.appendingPathComponent("f\(size)").path
            let data = Data((0..<size).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) })
            try data.write(to: URL(fileURLWithPath: path))
            XCTAssertEqual(FileBytes.read(path), [UInt8](data), "size \(size)")
        }
        XCTAssertNil(FileBytes.read(dir.appendingPathComponent("missing").path))
        XCTAssertNil(FileBytes.read(dir.path), "a directory is not a readable file")
    }
}

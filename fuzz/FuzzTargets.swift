// libFuzzer entry point for every parser. Compiled by scripts/fuzz into the Literature module (so the
// targets can reach internal parsers too) with `swiftc -sanitize=fuzzer,address`; never part of the
// package build. The target is chosen by NNID_FUZZ_TARGET; adding a parser is one line in `targets`.

import Foundation

/// name → what one input is fed to. Each closure must only parse: no I/O, no global state.
let fuzzTargets: [String: @Sendable ([UInt8]) -> Void] = [
    "bibtex": { _ = parseSource(path: "fuzz.bib", bytes: $0, format: .bibtex) },
    "ris": { _ = parseSource(path: "fuzz.ris", bytes: $0, format: .ris) },
    "csl-json": { _ = parseSource(path: "fuzz.json", bytes: $0, format: .cslJSON) },
    "html": { _ = parseSource(path: "fuzz.html", bytes: $0, format: .html) },
    "page-text": { _ = parseSource(path: "fuzz.txt", bytes: $0, format: .pageDump) },
    "claim-card": { _ = parseSource(path: "fuzz.claim", bytes: $0, format: .claimCard) },
    "citation-list": { _ = parseSource(path: "fuzz.csv", bytes: $0, format: .citationList) },
    "detect": { _ = parseSource(path: "fuzz", bytes: $0) },
]

/// The selected target, looked up once.
nonisolated(unsafe) private var selectedTarget: (@Sendable ([UInt8]) -> Void)?

@_cdecl("LLVMFuzzerInitialize")
public func fuzzInitialize(_ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>) -> CInt {
    let name = getenv("NNID_FUZZ_TARGET").map { String(cString: $0) } ?? ""
    guard let target = fuzzTargets[name] else {
        let known = fuzzTargets.keys.sorted().joined(separator: ", ")
        FileHandle.standardError.write(Data("NNID_FUZZ_TARGET must be one of: \(known)\n".utf8))
        exit(2)
    }
    selectedTarget = target
    return 0
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    selectedTarget?(Array(UnsafeBufferPointer(start: data, count: size)))
    return 0
}

// libFuzzer entry point for the weight-file and sample readers of the Models module (issue 10, item 6).
// scripts/fuzz builds it with `swift build --sanitize=fuzzer -Xswiftc -DNNID_FUZZ` (libFuzzer then supplies
// `main`); in the ordinary package build it is a stub that says how to run it. It lives in its own
// SwiftPM target because the readers need swift-protobuf and ZIPFoundation, which the swiftc-built
// parser fuzzer does not compile. The target is chosen by NNID_FUZZ_TARGET.

import Foundation
import Models

/// name → what one input is fed to. Each closure only parses (errors are the expected outcome for most
/// inputs); a crash, a hang or an allocation past libFuzzer's limit is what the fuzzer reports.
let modelFuzzTargets: [String: @Sendable (Data) -> Void] = [
    "onnx": { _ = try? ONNXReader.read($0) },
    "safetensors": { _ = try? SafetensorsReader.read($0) },
    "npy": { _ = try? NPYReader.read($0) },
    "npz": { _ = try? NPZReader.read($0) },
    "json-model": { _ = try? JSONModelReader.read($0) },
    "samples-csv": { _ = try? SampleReader.read($0, fileName: "fuzz.csv") },
    "samples-npy": { _ = try? SampleReader.read($0, fileName: "fuzz.npy") },
]

#if NNID_FUZZ
nonisolated(unsafe) private var selectedTarget: (@Sendable (Data) -> Void)?

@_cdecl("LLVMFuzzerInitialize")
public func fuzzInitialize(_ argc: UnsafeMutablePointer<CInt>,
                           _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>) -> CInt {
    let name = getenv("NNID_FUZZ_TARGET").map { String(cString: $0) } ?? ""
    guard let target = modelFuzzTargets[name] else {
        let known = modelFuzzTargets.keys.sorted().joined(separator: ", ")
        FileHandle.standardError.write(Data("NNID_FUZZ_TARGET must be one of: \(known)\n".utf8))
        exit(2)
    }
    selectedTarget = target
    return 0
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    selectedTarget?(Data(bytes: data, count: size))
    return 0
}
#else
@main
enum ModelFuzzStub {
    static func main() {
        let names = modelFuzzTargets.keys.sorted().joined(separator: ", ")
        print("nnid-fuzz-models is built for fuzzing by scripts/fuzz (targets: \(names)); this build is a stub.")
    }
}
#endif

import Foundation

/// The weight-file formats `nnid analyze` reads (and writes for `--emit-aligned`).
public enum ModelFormat: String, Sendable, CaseIterable, Codable {
    case json, safetensors, npz, onnx

    /// The format implied by a file name's extension, nil when it names none of them.
    public init?(fileName: String) {
        switch (fileName as NSString).pathExtension.lowercased() {
        case "json": self = .json
        case "safetensors": self = .safetensors
        case "npz": self = .npz
        case "onnx": self = .onnx
        default: return nil
        }
    }
}

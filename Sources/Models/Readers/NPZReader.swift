import Foundation
import ZIPFoundation

/// Reads a NumPy `.npz` archive (`numpy.savez` / `savez_compressed`): a zip of `.npy` members, stored or
/// deflated. The zip container is read with ZIPFoundation, a maintained library that handles both methods,
/// ZIP64 and CRC checks, rather than a zip parser of our own.
public enum NPZReader {
    public static func read(_ data: Data) throws -> LoadedModel {
        // .npz files carry no activation name; the caller supplies it (--activation).
        let tensors = try arrays(data)
        return LoadedModel(layers: try LayerNaming.layers(from: tensors), activation: nil, format: .npz)
    }

    /// Every `.npy` member, named without its extension, in archive order.
    public static func arrays(_ data: Data) throws -> [(name: String, tensor: Tensor)] {
        // Bytes that are no zip at all are refused with a precise message before anything is written.
        guard hasEndOfCentralDirectory(data) else {
            throw ModelError("not a readable zip archive (.npz): no end-of-central-directory record")
        }
        // The rest goes through a private temporary file: ZIPFoundation's in-memory reader traps on member
        // offsets past the end ("Range requires lowerBound <= upperBound", found by the npz fuzz target) and
        // leaks a stream when it finds no end record; its file reader reports both as errors.
        let file = FileManager.default.temporaryDirectory
            .appendingPathComponent("nnid-npz-\(getpid())-\(UUID().uuidString).zip")
        do {
            try data.write(to: file, options: .atomic)
        } catch {
            throw ModelError("cannot stage the .npz archive in \(file.deletingLastPathComponent().path): \(error)")
        }
        defer { try? FileManager.default.removeItem(at: file) }
        let archive: Archive
        do {
            archive = try Archive(url: file, accessMode: .read)
        } catch {
            throw ModelError("not a readable zip archive (.npz): \(error)")
        }
        var result: [(name: String, tensor: Tensor)] = []
        for entry in archive where entry.type == .file {
            var member = Data()
            do {
                _ = try archive.extract(entry) { member.append($0) }
            } catch {
                throw ModelError("member \(entry.path) is corrupt or truncated: \(error)")
            }
            let name = entry.path.hasSuffix(".npy") ? String(entry.path.dropLast(4)) : entry.path
            result.append((name, try NPYReader.read(member, name: entry.path)))
        }
        guard !result.isEmpty else { throw ModelError("the .npz archive holds no arrays") }
        return result
    }

    /// True when `data` ends with a zip end-of-central-directory record: the signature PK\u{5}\u{6} at the
    /// last offset that leaves room for the 22-byte record, followed by the whole comment it announces.
    static func hasEndOfCentralDirectory(_ data: Data) -> Bool {
        let recordSize = 22
        return data.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) -> Bool in
            guard bytes.count >= recordSize else { return false }
            var offset = bytes.count - recordSize
            while offset >= 0 {
                if bytes[offset] == 0x50, bytes[offset + 1] == 0x4B, bytes[offset + 2] == 0x05,
                   bytes[offset + 3] == 0x06 {
                    let commentLength = Int(bytes[offset + 20]) | Int(bytes[offset + 21]) << 8
                    return offset + recordSize + commentLength <= bytes.count
                }
                offset -= 1
            }
            return false
        }
    }
}

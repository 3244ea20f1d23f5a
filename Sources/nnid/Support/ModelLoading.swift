import Foundation
import Models
import Networks

/// Reads a network file with the right reader and turns reader errors into messages naming the file.
enum ModelLoading {
    struct Loaded {
        var mlp: MLP
        var format: ModelFormat
    }

    static func read(_ path: String) throws -> Data {
        do { return try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            throw ModelError("cannot read the file (\((error as NSError).localizedDescription))", file: path)
        }
    }

    static func load(_ path: String, formatIn: String?, activation: Activation?) throws -> Loaded {
        guard let format = formatIn.flatMap(ModelFormat.init(rawValue:)) ?? ModelFormat(fileName: path) else {
            throw ModelError("unknown network format: use a .json, .safetensors, .npz or .onnx file, or --format-in", file: path)
        }
        let data = try read(path)
        do {
            let model: LoadedModel
            switch format {
            case .json: model = try JSONModelReader.read(data)
            case .safetensors: model = try SafetensorsReader.read(data)
            case .npz: model = try NPZReader.read(data)
            case .onnx:
                let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
                model = try ONNXReader.read(data, externalData: externalLoader(folder: folder))
            }
            return Loaded(mlp: try model.network(activation: activation), format: format)
        } catch let error as ModelError {
            throw error.inFile(path)
        } catch let error as NetworkError {
            throw ModelError(error.description, file: path)
        }
    }

    /// External ONNX tensor data, read only from files inside the model's folder.
    static func externalLoader(folder: URL) -> @Sendable (String) throws -> Data {
        { location in
            guard !location.hasPrefix("/"), !location.split(separator: "/").contains("..") else {
                throw ModelError("external data location \(location) leaves the model's folder")
            }
            let url = folder.appendingPathComponent(location)
            do { return try Data(contentsOf: url) } catch {
                throw ModelError("cannot read the external data file \(url.path)")
            }
        }
    }
}

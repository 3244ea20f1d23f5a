import Foundation
import LinearAlgebra
import Networks

/// Reads `{"activation": "relu", "alpha": 0.1, "layers": [{"weight": [[…], …], "bias": […]}, …]}`:
/// one row of `weight` per output neuron (PyTorch's convention), the last layer affine, `bias` optional,
/// `alpha` the slope of leaky-relu or elu (the name may also carry it, as in "leaky-relu:0.1").
public enum JSONModelReader {
    public static func read(_ data: Data) throws -> LoadedModel {
        // Our grammar check runs first, so only valid JSON (at most 64 levels deep) reaches Foundation: its
        // decoder crashed while placing the error in a file of CR line ends and 500 nested arrays (found by
        // the json-model fuzz target).
        if let position = JSONSyntaxLocator.firstError(in: [UInt8](data)) {
            let text = String(decoding: data.prefix(1_000_000), as: UTF8.self)
            if text.range(of: #"(?<![A-Za-z"])(NaN|-?Infinity)(?![A-Za-z"])"#, options: .regularExpression) != nil {
                throw ModelError("the JSON contains NaN or Infinity, which are not finite weights")
            }
            throw ModelError("malformed JSON at \(position)")
        }
        let root: Any
        do {
            // JSONDecoder parses numbers correctly rounded; JSONSerialization on Linux can be off by an ulp.
            root = try JSONDecoder().decode(JSONNode.self, from: data).value
        } catch {
            throw ModelError("malformed JSON: \(jsonErrorDetail(error))")
        }
        guard let object = root as? [String: Any] else { throw ModelError("the top level must be a JSON object") }
        guard let layers = object["layers"] as? [Any] else {
            throw ModelError("field \"layers\" is missing or not an array")
        }
        let activation = try activationField(object)
        var result: [NamedLayer] = []
        for (index, entry) in layers.enumerated() {
            let name = "layers[\(index)]"
            guard let layer = entry as? [String: Any] else { throw ModelError("\(name) is not an object") }
            guard let rows = layer["weight"] as? [Any] else {
                throw ModelError("\(name).weight is missing or not an array of rows")
            }
            let weight = try matrix(rows, field: "\(name).weight")
            var bias: [Double]?
            if let value = layer["bias"], !(value is NSNull) {
                guard let values = value as? [Any] else { throw ModelError("\(name).bias is not an array") }
                bias = try values.enumerated().map { try number($0.element, field: "\(name).bias[\($0.offset)]") }
            }
            result.append(NamedLayer(name: name, weight: weight, bias: bias))
        }
        return LoadedModel(layers: result, activation: activation, format: .json)
    }

    static func activationField(_ object: [String: Any]) throws -> Activation? {
        guard let value = object["activation"], !(value is NSNull) else { return nil }
        guard var name = value as? String else { throw ModelError("field \"activation\" is not a string") }
        if let alphaValue = object["alpha"], !(alphaValue is NSNull), !name.contains(":") {
            name += ":\(try number(alphaValue, field: "alpha"))"
        }
        guard let activation = Activation(name: name) else {
            throw ModelError("field \"activation\": unknown activation \"\(name)\"; valid: "
                + Activation.canonicalNames.joined(separator: ", "))
        }
        return activation
    }

    static func matrix(_ rows: [Any], field: String) throws -> Matrix {
        var storage: [Double] = []
        var cols = -1
        for (i, rowValue) in rows.enumerated() {
            guard let row = rowValue as? [Any] else { throw ModelError("\(field)[\(i)] is not an array of numbers") }
            if cols < 0 { cols = row.count }
            guard row.count == cols else {
                throw ModelError("\(field)[\(i)] has \(row.count) entries, row 0 has \(cols)")
            }
            for (j, value) in row.enumerated() { storage.append(try number(value, field: "\(field)[\(i)][\(j)]")) }
        }
        return Matrix(rows: rows.count, cols: max(cols, 0), storage: storage)
    }

    static func number(_ value: Any, field: String) throws -> Double {
        if value is BooleanValue { throw ModelError("\(field) is a boolean, not a number") }
        guard let number = value as? NSNumber, !(value is String) else { throw ModelError("\(field) is not a number") }
        return number.doubleValue
    }

    /// Foundation's message, which carries the character offset where it exists.
    static func jsonErrorDetail(_ error: Error) -> String {
        let nsError = error as NSError
        if let detail = nsError.userInfo[NSDebugDescriptionErrorKey] as? String { return detail }
        return nsError.localizedDescription
    }
}

/// A JSON value decoded with JSONDecoder (exact number parsing), handed on as Foundation values.
struct JSONNode: Decodable {
    let value: Any

    init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            value = NSNull()
        } else if let flag = try? container.decode(Bool.self) {
            value = BooleanValue(flag)
        } else if let number = try? container.decode(Double.self) {
            value = NSNumber(value: number)
        } else if let text = try? container.decode(String.self) {
            value = text
        } else if let array = try? container.decode([JSONNode].self) {
            value = array.map(\.value)
        } else {
            value = try container.decode([String: JSONNode].self).mapValues(\.value)
        }
    }
}

/// A JSON boolean, kept apart from numbers.
struct BooleanValue {
    let flag: Bool
    init(_ flag: Bool) { self.flag = flag }
}

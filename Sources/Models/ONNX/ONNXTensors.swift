import Foundation

/// Decoding of ONNX TensorProto initializers (inline fields, raw_data, or external data files).
enum ONNXTensors {
    /// Reads an external data file by the `location` the model names (relative to the model's folder).
    typealias ExternalDataLoader = @Sendable (String) throws -> Data

    static func decode(_ proto: Onnx_TensorProto, external: ExternalDataLoader?) throws -> Tensor {
        let name = proto.name.isEmpty ? "(unnamed)" : proto.name
        let shape = proto.dims.map { Int(clamping: $0) }
        guard shape.allSatisfy({ $0 >= 0 }), let count = elementCount(shape) else {
            throw ModelError("initializer \(name): dims \(proto.dims) are not valid")
        }
        let type: ElementType
        switch proto.dataType {
        case 1: type = .float32
        case 11: type = .float64
        case 10: type = .float16
        case 16: type = .bfloat16
        case 7: type = .int64
        case 6: type = .int32
        default:
            throw ModelError("initializer \(name): data_type \(proto.dataType) is not supported (FLOAT, DOUBLE, FLOAT16, BFLOAT16, INT32, INT64 are)")
        }
        var raw: Data?
        if proto.hasDataLocation && proto.dataLocation == .external {
            raw = try externalBytes(proto, name: name, external: external)
        } else if proto.hasRawData {
            raw = proto.rawData
        }
        if let raw {
            guard raw.count == count * type.size else {
                throw ModelError("initializer \(name): \(raw.count) bytes of data for dims \(shape) (\(count) × \(type.size) bytes expected)")
            }
            return Tensor(shape: shape, values: raw.withUnsafeBytes { type.decode($0, offset: 0, count: count) })
        }
        let values: [Double]
        switch type {
        case .float32: values = proto.floatData.map(Double.init)
        case .float64: values = proto.doubleData
        case .float16: values = proto.int32Data.map { halfToDouble(UInt16(truncatingIfNeeded: $0)) }
        case .bfloat16: values = proto.int32Data.map { Double(Float(bitPattern: UInt32(UInt16(truncatingIfNeeded: $0)) << 16)) }
        case .int64: values = proto.int64Data.map(Double.init)
        default: values = proto.int32Data.map(Double.init)
        }
        guard values.count == count else {
            throw ModelError("initializer \(name): \(values.count) values for dims \(shape) (\(count) expected)")
        }
        return Tensor(shape: shape, values: values)
    }

    /// The bytes of an externally stored tensor: `location`, optional `offset` and `length`.
    static func externalBytes(_ proto: Onnx_TensorProto, name: String, external: ExternalDataLoader?) throws -> Data {
        var fields: [String: String] = [:]
        for entry in proto.externalData { fields[entry.key] = entry.value }
        guard let location = fields["location"], !location.isEmpty else {
            throw ModelError("initializer \(name): external data without a location")
        }
        guard let external else {
            throw ModelError("initializer \(name): its data is in the external file \(location), which was not provided")
        }
        let file = try external(location)
        let offset = Int(fields["offset"] ?? "0") ?? -1
        let length = fields["length"].map { Int($0) ?? -1 } ?? (file.count - max(offset, 0))
        guard offset >= 0, length >= 0, offset + length <= file.count else {
            throw ModelError("initializer \(name): external data offset \(fields["offset"] ?? "0"), length \(fields["length"] ?? "(rest)") lie outside \(location) (\(file.count) bytes)")
        }
        return file.subdata(in: (file.startIndex + offset)..<(file.startIndex + offset + length))
    }
}

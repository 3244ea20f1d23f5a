import Foundation
import LinearAlgebra

/// Groups named tensors into ordered layers. Accepted schemes (one per file):
/// - PyTorch state_dict keys `<prefix>.weight` / `<prefix>.bias`, ordered by the numbers in the prefix
///   (`0.weight`, `2.weight`, `net.4.weight`, …);
/// - `W1, b1, W2, …` (either case);
/// - `weight_0, bias_0, weight_1, …`.
enum LayerNaming {
    static func layers(from tensors: [(name: String, tensor: Tensor)]) throws -> [NamedLayer] {
        var groups: [String: (order: [Int], weight: (String, Tensor)?, bias: (String, Tensor)?)] = [:]
        for (name, tensor) in tensors {
            guard let (key, order, isWeight) = parse(name) else {
                throw ModelError("tensor \"\(name)\" does not follow a layer naming scheme "
                    + "(<prefix>.weight/<prefix>.bias with a layer number, W1/b1, or weight_0/bias_0)")
            }
            var group = groups[key] ?? (order, nil, nil)
            if isWeight { group.weight = (name, tensor) } else { group.bias = (name, tensor) }
            groups[key] = group
        }
        let ordered = groups.sorted { $0.value.order.lexicographicallyPrecedes($1.value.order) }
        return try ordered.map { key, group in
            guard let (weightName, weight) = group.weight else {
                throw ModelError("layer \(key) has a bias but no weight tensor")
            }
            guard weight.shape.count == 2, let matrix = weight.matrix else {
                throw ModelError("tensor \"\(weightName)\" has shape \(weight.shapeDescription); a Linear weight must be 2-D (out × in)")
            }
            var bias: [Double]?
            if let (biasName, b) = group.bias {
                guard b.shape.count == 1 else {
                    throw ModelError("tensor \"\(biasName)\" has shape \(b.shapeDescription); a bias must be 1-D")
                }
                bias = b.values
            }
            return NamedLayer(name: weightName, weight: matrix, bias: bias)
        }
    }

    /// (group key, order, isWeight) for a tensor name, nil when it follows no scheme.
    static func parse(_ name: String) -> (String, [Int], Bool)? {
        if let dot = name.lastIndex(of: ".") {
            let prefix = String(name[..<dot])
            let suffix = name[name.index(after: dot)...]
            guard suffix == "weight" || suffix == "bias" else { return nil }
            let numbers = prefix.split(separator: ".").compactMap { Int($0) }
            guard !numbers.isEmpty else { return nil }
            return (prefix, numbers, suffix == "weight")
        }
        let lower = name.lowercased()
        for (prefix, isWeight) in [("weight_", true), ("bias_", false), ("w", true), ("b", false)]
        where lower.hasPrefix(prefix) {
            if let k = Int(lower.dropFirst(prefix.count)), k >= 0 { return ("\(k)", [k], isWeight) }
        }
        return nil
    }
}

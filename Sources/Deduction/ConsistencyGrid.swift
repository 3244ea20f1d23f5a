// The audit's consistency grid: every kind × every registry activation × a set of width patterns, with
// and without biases, with no assumption and with all of them, without
// and with a (small) sample count. A contradiction anywhere is an error.

import Foundation

public struct GridContradiction: Sendable, Hashable {
    public var architecture: Architecture
    public var contradiction: Contradiction
}

public struct GridResult: Sendable {
    public var architecturesChecked: Int
    public var contradictions: [GridContradiction]
    /// Claims with no `deduction:` block.
    public var withoutMachineForm: [String]
    /// Claims whose rules apply (yes or conditionally) to no architecture of the grid.
    public var neverApplying: [String]
}

public enum ConsistencyGrid {
    /// Width patterns per kind: no hidden layer, shallow (one and several outputs, bottleneck), deep
    /// (non-increasing, increasing, wide first layer).
    public static let widthPatterns: [ArchitectureKind: [[Int]]] = [
        .mlp: [[3, 1], [1, 1, 1], [2, 3, 1], [4, 6, 1], [3, 2, 4], [5, 2, 3], [2, 3, 3, 1], [3, 5, 4, 2], [2, 2, 6, 1],
               [6, 3, 3, 3, 2]],
        .cnn: [[1, 3, 1], [2, 4, 4, 1], [3, 2, 5, 2]],
        .rnn: [[1, 3, 1], [2, 4, 2], [3, 1, 2]],
        .residual: [[2, 3, 2, 3], [3, 2, 4, 2, 2]],
        .attention: [[4, 2, 2, 2, 4], [6, 3, 2, 3, 2]],
        .normalized: [[2, 3, 1], [3, 4, 4, 2]],
    ]

    public static var architectures: [Architecture] {
        var result: [Architecture] = []
        for kind in ArchitectureKind.allCases {
            for widths in widthPatterns[kind] ?? [] {
                for activation in ActivationName.registryGrid {
                    for bias in [true, false] {
                        for assumptions in [Set<Assumption>(), Set(Assumption.allCases)] {
                            for samples in [nil, 3] as [Int?] {
                                result.append(Architecture(kind: kind, widths: widths, activation: activation, bias: bias,
                                                           samples: samples, assumptions: assumptions,
                                                           kernelSize: kind == .cnn ? 3 : nil))
                            }
                        }
                    }
                }
            }
        }
        return result
    }

    public static func run(claims: [ClaimRules], on grid: [Architecture] = architectures) -> GridResult {
        var contradictions: [GridContradiction] = []
        var applied = Set<String>()
        for architecture in grid {
            let result = Deducer.consistency(architecture, claims: claims)
            for contradiction in result.contradictions {
                contradictions.append(GridContradiction(architecture: architecture, contradiction: contradiction))
            }
            applied.formUnion(result.applying)
        }
        let missing = claims.filter { $0.form == nil }.map(\.id)
        let never = claims.filter { $0.form != nil && !applied.contains($0.id) }.map(\.id)
        return GridResult(architecturesChecked: grid.count, contradictions: contradictions,
                          withoutMachineForm: missing, neverApplying: never)
    }
}

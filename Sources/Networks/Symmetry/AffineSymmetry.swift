import Foundation

/// An affine symmetry of an activation: σ(a·t + c) = α·σ(t) + β for all t, with a, α ≠ 0 (science.md §3.1).
public struct AffineSymmetry: Sendable, Hashable, Codable, CustomStringConvertible {
    /// Input scale a (≠ 0).
    public var a: Double
    /// Input shift c.
    public var c: Double
    /// Output scale α (≠ 0).
    public var alpha: Double
    /// Output shift β.
    public var beta: Double

    /// The symmetry σ(a t + c) = α σ(t) + β (not checked here; see `residual(for:at:)`).
    public init(a: Double, c: Double, alpha: Double, beta: Double) {
        self.a = a
        self.c = c
        self.alpha = alpha
        self.beta = beta
    }

    /// "(a, c, α, β) = (…)".
    public var description: String { "(a, c, α, β) = (\(a), \(c), \(alpha), \(beta))" }

    /// max over `points` of |σ(a t + c) − α σ(t) − β|: zero (to rounding) exactly when the identity holds there.
    public func residual(for activation: Activation, at points: [Double]) -> Double {
        points.reduce(0) { worst, t in
            max(worst, abs(activation.value(a * t + c) - alpha * activation.value(t) - beta))
        }
    }

    /// The sign flip of odd activations: (−1, 0, −1, 0).
    public static let oddFlip = AffineSymmetry(a: -1, c: 0, alpha: -1, beta: 0)
    /// The logistic flip s(−t) = 1 − s(t): (−1, 0, −1, 1).
    public static let logisticFlip = AffineSymmetry(a: -1, c: 0, alpha: -1, beta: 1)
    /// The even flip of square: (−t)² = t², i.e. (−1, 0, 1, 0).
    public static let evenFlip = AffineSymmetry(a: -1, c: 0, alpha: 1, beta: 0)

    /// Positive homogeneity of ReLU / leaky ReLU: (λ, 0, λ, 0); a symmetry only for λ > 0.
    public static func positiveRescaling(_ lambda: Double) -> AffineSymmetry {
        AffineSymmetry(a: lambda, c: 0, alpha: lambda, beta: 0)
    }

    /// The shift of exp: exp(t + c) = e^c exp(t), i.e. (1, c, e^c, 0).
    public static func exponentialShift(_ c: Double) -> AffineSymmetry {
        AffineSymmetry(a: 1, c: c, alpha: Foundation.exp(c), beta: 0)
    }

    /// The rescaling of square: (λ t)² = λ² t², i.e. (λ, 0, λ², 0) for any λ ≠ 0.
    public static func squareRescaling(_ lambda: Double) -> AffineSymmetry {
        AffineSymmetry(a: lambda, c: 0, alpha: lambda * lambda, beta: 0)
    }

    /// sin(t + π) = −sin(t), i.e. (1, π, −1, 0).
    public static let halfTurnShift = AffineSymmetry(a: 1, c: Double.pi, alpha: -1, beta: 0)

    /// The rescaling of cube: (λ t)³ = λ³ t³, i.e. (λ, 0, λ³, 0) for any λ ≠ 0.
    public static func cubeRescaling(_ lambda: Double) -> AffineSymmetry {
        AffineSymmetry(a: lambda, c: 0, alpha: lambda * lambda * lambda, beta: 0)
    }

    /// Any affine map of the identity activation: a t + c = a·t + c, i.e. (a, c, a, c).
    public static func linearMap(a: Double, c: Double) -> AffineSymmetry {
        AffineSymmetry(a: a, c: c, alpha: a, beta: c)
    }

    /// Representative known symmetries of `activation` (a table, not an exhaustive search). Continuous
    /// families are represented by the member at `parameter` (λ for rescalings, c for shifts; λ must be
    /// > 0 for ReLU-type and ≠ 0 otherwise to be a symmetry). Softplus has none: softplus(−t) =
    /// softplus(t) − t is not affine in softplus(t).
    public static func known(for activation: Activation, parameter: Double = 3) -> [AffineSymmetry] {
        switch activation {
        case .tanh: return [.oddFlip]
        case .logistic: return [.logisticFlip]
        case .relu, .leakyReLU: return [.positiveRescaling(parameter)]
        case .exp: return [.exponentialShift(parameter)]
        case .square: return [.evenFlip, .squareRescaling(parameter)]
        case .linear: return [.oddFlip, .linearMap(a: parameter, c: 0.5)]
        case .arctan: return [.oddFlip]
        case .sin: return [.oddFlip, .halfTurnShift]
        case .cube: return [.oddFlip, .cubeRescaling(parameter)]
        case .polynomial:
            if activation.isOdd { return [.oddFlip] }
            if activation.isEven { return [.evenFlip] }
            return []
        // softplus(−t) = softplus(t) − t, and likewise for GELU and SiLU: the defect −t is not affine in σ(t).
        case .softplus, .gelu, .silu, .elu: return []
        }
    }
}

extension MLP {
    /// Applies an affine symmetry to one hidden unit (science.md §3.1): incoming weights ×a, bias a·b + c,
    /// outgoing column /α, next-layer bias −v·β/α (v the old outgoing column). The function is unchanged
    /// whenever σ(a t + c) = α σ(t) + β holds for the network's activation; this method does not check it.
    public func applying(_ symmetry: AffineSymmetry, layer: Int, unit: Int) throws -> MLP {
        try applyingAffine(symmetry, layer: layer, unit: unit, correctNextBias: true)
    }

    /// Negative control: the same action without the next-layer bias correction −v·β/α (changes the
    /// function whenever β ≠ 0 and v ≠ 0, e.g. the logistic flip).
    public func applyingWithoutBiasCorrection(_ symmetry: AffineSymmetry, layer: Int, unit: Int) throws -> MLP {
        try applyingAffine(symmetry, layer: layer, unit: unit, correctNextBias: false)
    }

    private func applyingAffine(_ s: AffineSymmetry, layer: Int, unit: Int, correctNextBias: Bool) throws -> MLP {
        try checkHidden(layer: layer, unit: unit)
        guard [s.a, s.c, s.alpha, s.beta].allSatisfy({ $0.isFinite }), s.a != 0, s.alpha != 0 else {
            throw SymmetryError.invalidFactor("an affine symmetry needs finite parameters with a ≠ 0 and α ≠ 0, got \(s)")
        }
        var out = self
        out.scaleIncoming(layer: layer, unit: unit, by: s.a)
        out.biases[layer - 1][unit] += s.c
        if correctNextBias {
            for k in 0..<weights[layer].rows { out.biases[layer][k] -= weights[layer][k, unit] * s.beta / s.alpha }
        }
        out.scaleOutgoing(layer: layer, unit: unit, by: 1 / s.alpha)
        return out
    }

    /// Rescales one hidden unit by λ: incoming row and bias ×λ, outgoing column ÷λ. A symmetry of ReLU and
    /// leaky ReLU nets for λ > 0 (science.md §6.1); λ < 0 is accepted as a negative control.
    public func rescalingUnit(layer: Int, unit: Int, by lambda: Double) throws -> MLP {
        try checkHidden(layer: layer, unit: unit)
        guard lambda.isFinite, lambda != 0 else {
            throw SymmetryError.invalidFactor("a rescaling factor must be finite and non-zero, got \(lambda)")
        }
        var out = self
        out.scaleIncoming(layer: layer, unit: unit, by: lambda)
        out.scaleOutgoing(layer: layer, unit: unit, by: 1 / lambda)
        return out
    }

    /// Rescales every unit of hidden layer `layer` by its own factor: W_l ← diag(λ) W_l, b_l ← diag(λ) b_l,
    /// W_{l+1} ← W_{l+1} diag(λ)⁻¹. A symmetry of ReLU nets when all λ_i > 0.
    public func rescalingLayer(_ layer: Int, by factors: [Double]) throws -> MLP {
        try checkHidden(layer: layer)
        guard factors.count == widths[layer] else {
            throw SymmetryError.wrongLength(what: "rescaling factors", expected: widths[layer], got: factors.count)
        }
        var out = self
        for (unit, lambda) in factors.enumerated() { out = try out.rescalingUnit(layer: layer, unit: unit, by: lambda) }
        return out
    }

    /// Tangent vectors of the positive-rescaling orbit at θ, one per hidden neuron (layer 1 units first),
    /// in the flat §0.2 parameter order: + the neuron's incoming weights and bias, − its outgoing weights.
    /// For ReLU nets they lie in the kernel of the batch Jacobian (science.md §6.1).
    public var rescalingTangents: [[Double]] {
        var tangents: [[Double]] = []
        for layer in 1..<depth {
            let incoming = weightOffset(layer: layer)
            let outgoing = weightOffset(layer: layer + 1)
            let (fanIn, width, fanOut) = (widths[layer - 1], widths[layer], widths[layer + 1])
            for unit in 0..<width {
                var t = [Double](repeating: 0, count: parameterCount)
                for j in 0..<fanIn { t[incoming + unit * fanIn + j] = weights[layer - 1][unit, j] }
                t[incoming + width * fanIn + unit] = biases[layer - 1][unit]
                for k in 0..<fanOut { t[outgoing + k * width + unit] = -weights[layer][k, unit] }
                tangents.append(t)
            }
        }
        return tangents
    }
}

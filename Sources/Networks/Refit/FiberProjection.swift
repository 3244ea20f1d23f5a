import LinearAlgebra

/// Stopping rules of the Gauss–Newton projection onto a fiber.
public struct FiberProjectionOptions: Sendable, Equatable {
    public var maxIterations: Int = 100
    /// Stop once max |f_θ̃(X) − f_target(X)| ≤ residualTolerance · max(1, max |f_target(X)|).
    public var residualTolerance: Double = 1e-13
    /// Tikhonov ridge λ relative to the largest diagonal entry of JᵀJ.
    public var relativeRidge: Double = 1e-12

    public init() {}
}

/// Result of `projectOntoFiber`: a parameter with (numerically) the target's outputs on the sample.
public struct FiberProjection: Sendable, Equatable {
    public var network: MLP
    /// max |f_θ̃(X) − f_target(X)|.
    public var residual: Double
    /// The residual at the start and after every step.
    public var history: [Double]
    public var iterations: Int
    public var converged: Bool
    /// ‖θ̃ − θ₀‖₂: how far the projection moved the start.
    public var distanceFromStart: Double
}

/// Gauss–Newton on r(θ) = f_θ(X) − f_target(X) from `start`, with minimum-norm steps
/// δ = −(JᵀJ + λI)⁻¹Jᵀr (= −Jᵀ(JJᵀ + λI)⁻¹r): since Jᵀr ⊥ ker J, the step has no component along
/// the directions that leave the outputs unchanged, so θ̃ stays as close to θ₀ as the fiber allows.
/// A step that increases the residual is halved up to 30 times.
public func projectOntoFiber(target: MLP, start: MLP, inputs: Matrix,
                             options: FiberProjectionOptions = .init()) throws -> FiberProjection {
    guard target.widths == start.widths, target.activation == start.activation else {
        throw NetworkError.invalidArgument("target and start must share widths and activation")
    }
    let goal = try target.forward(inputs).storage
    let tolerance = options.residualTolerance * max(1, goal.reduce(0) { max($0, abs($1)) })
    var network = start
    var residual = try zip(network.forward(inputs).storage, goal).map { $0 - $1 }
    var history = [residual.reduce(0) { max($0, abs($1)) }]
    var iterations = 0
    while history[history.count - 1] > tolerance && iterations < options.maxIterations {
        iterations += 1
        var (gram, gradient) = normalEquations(try network.batchJacobian(inputs), residual)
        let largest = (0..<gram.rows).map { gram[$0, $0] }.max() ?? 0
        guard largest > 0 else { break }
        for i in 0..<gram.rows { gram[i, i] += options.relativeRidge * largest }
        let step = try solve(gram, gradient.map { -$0 })
        let theta = network.parameters
        var scale = 1.0
        var improved = false
        for _ in 0..<30 {
            let candidate = try MLP(widths: network.widths, activation: network.activation,
                                    parameters: zip(theta, step).map { $0 + scale * $1 })
            let candidateResidual = try zip(candidate.forward(inputs).storage, goal).map { $0 - $1 }
            let size = candidateResidual.reduce(0) { max($0, abs($1)) }
            if size < history[history.count - 1] {
                network = candidate
                residual = candidateResidual
                history.append(size)
                improved = true
                break
            }
            scale /= 2
        }
        if !improved { break }
    }
    let final = history[history.count - 1]
    let distance = zip(network.parameters, start.parameters).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }
    return FiberProjection(network: network, residual: final, history: history, iterations: iterations,
                           converged: final <= tolerance, distanceFromStart: distance.squareRoot())
}

extension MLP {
    /// max |φ(θ) − φ(θ′)| over the full path set. It is 0 for rescaling-equivalent parameters (any non-zero
    /// factors: λ · 1/λ cancels on every path); off S the converse holds (science.md §6.2, BMB Props. 4–5).
    public func pathLiftingDistance(to other: MLP) throws -> Double {
        guard other.widths == widths else {
            throw NetworkError.invalidArgument("networks have different widths \(widths) and \(other.widths)")
        }
        return maxAbsDifference(try pathLifting().storage, try other.pathLifting().storage)
    }
}

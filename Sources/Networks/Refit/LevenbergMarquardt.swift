import LinearAlgebra

/// Stopping rules and damping schedule of the Levenberg–Marquardt fit.
public struct LevenbergMarquardtOptions: Sendable, Equatable {
    /// Maximum number of Jacobian evaluations per start.
    public var maxIterations: Int = 500
    /// Stop once max |f_θ(X) − Y| is at most this.
    public var residualTolerance: Double = 1e-12
    /// Stop once an accepted step has ‖δ‖ ≤ stepTolerance · (‖θ‖ + stepTolerance).
    public var stepTolerance: Double = 1e-15
    /// Initial damping μ, relative to the diagonal of JᵀJ (Marquardt scaling).
    public var initialDamping: Double = 1e-3
    /// Give up when μ exceeds this (no descent direction left).
    public var maxDamping: Double = 1e16
    /// Geodesic acceleration (Transtrum & Sethna 2012): add the second-order correction ½a, from a finite
    /// difference of the residual along the step, and accept only steps with 2‖a‖ ≤ 0.75‖δ‖. It follows
    /// the narrow curved valleys of sloppy fits that plain steps crawl along; off by default.
    public var geodesicAcceleration = false
    /// Damp with the running maximum of diag(JᵀJ) instead of the current diagonal, so a parameter whose
    /// column shrinks (a saturating unit) is not set free to run off to infinity; off by default.
    public var monotoneScaling = false

    public init() {}
}

/// Why a fit stopped.
public enum FitStopReason: String, Sendable, Codable, Equatable {
    case residualTolerance = "residual_tolerance"
    case smallStep = "small_step"
    case dampingLimit = "damping_limit"
    case maxIterations = "max_iterations"
}

/// One Levenberg–Marquardt run from one start.
public struct FitAttempt: Sendable, Equatable {
    /// SplitMix64 seed of the start (nil when the start was given explicitly).
    public var seed: UInt64?
    public var network: MLP
    /// Final max |f_θ(X) − Y|.
    public var residual: Double
    /// max |f_θ(X) − Y| at the start and after every accepted step.
    public var history: [Double]
    public var iterations: Int
    public var stopReason: FitStopReason
    public var converged: Bool { stopReason == .residualTolerance }
}

/// The best of several fits, with every attempt kept for inspection.
public struct RefitResult: Sendable, Equatable {
    public var attempts: [FitAttempt]
    public var bestIndex: Int
    public var best: FitAttempt { attempts[bestIndex] }
}

/// Max |a − b| over flattened outputs.
func maxAbsDifference(_ a: [Double], _ b: [Double]) -> Double {
    zip(a, b).reduce(0) { max($0, abs($1.0 - $1.1)) }
}

/// JᵀJ and Jᵀr for a row-major Jacobian.
func normalEquations(_ jacobian: Matrix, _ residual: [Double]) -> (gram: Matrix, gradient: [Double]) {
    let jt = jacobian.transposed
    return (jt * jacobian, jt * residual)
}

/// Levenberg–Marquardt on ½‖f_θ(X) − Y‖² from the parameters of `start` (damped normal equations
/// (JᵀJ + μ·D) δ = −Jᵀr with D = diag(JᵀJ) floored, μ divided by 3 on success and multiplied by 4 on failure).
public func levenbergMarquardt(start: MLP, inputs: Matrix, targets: Matrix,
                               options: LevenbergMarquardtOptions = .init()) throws -> FitAttempt {
    guard targets.rows == inputs.rows, targets.cols == start.outputWidth else {
        throw NetworkError.invalidArgument("targets must be \(inputs.rows) × \(start.outputWidth), got \(targets.rows) × \(targets.cols)")
    }
    guard targets.storage.allSatisfy({ $0.isFinite }) else { throw NetworkError.nonFinite("targets") }
    var network = start
    var residual = try zip(network.forward(inputs).storage, targets.storage).map { $0 - $1 }
    var cost = residual.reduce(0) { $0 + $1 * $1 }
    var history = [residual.reduce(0) { max($0, abs($1)) }]
    var damping = options.initialDamping
    var scaling: [Double] = []
    var iterations = 0
    while true {
        if history[history.count - 1] <= options.residualTolerance {
            return FitAttempt(seed: nil, network: network, residual: history[history.count - 1], history: history,
                              iterations: iterations, stopReason: .residualTolerance)
        }
        guard iterations < options.maxIterations else {
            return FitAttempt(seed: nil, network: network, residual: history[history.count - 1], history: history,
                              iterations: iterations, stopReason: .maxIterations)
        }
        iterations += 1
        let jacobian = try network.batchJacobian(inputs)
        let (gram, gradient) = normalEquations(jacobian, residual)
        let current = (0..<gram.rows).map { gram[$0, $0] }
        let diagonal = options.monotoneScaling && scaling.count == current.count ? zip(scaling, current).map { max($0, $1) } : current
        scaling = diagonal
        let floor = max(1e-12 * (diagonal.max() ?? 0), 1e-300)
        let theta = network.parameters
        var accepted = false
        while !accepted {
            guard damping <= options.maxDamping else {
                return FitAttempt(seed: nil, network: network, residual: history[history.count - 1], history: history,
                                  iterations: iterations, stopReason: .dampingLimit)
            }
            var damped = gram
            for i in 0..<gram.rows { damped[i, i] += damping * max(diagonal[i], floor) }
            guard var step = dampedStep(damped, gradient.map { -$0 }), step.allSatisfy({ $0.isFinite }) else {
                damping *= 4
                continue
            }
            if options.geodesicAcceleration {
                guard let corrected = try geodesicCorrection(step, theta: theta, residual: residual, jacobian: jacobian,
                                                             damped: damped, network: network, inputs: inputs, targets: targets) else {
                    damping *= 4
                    continue
                }
                step = corrected
            }
            let candidate = try MLP(widths: network.widths, activation: network.activation,
                                    parameters: zip(theta, step).map { $0 + $1 })
            let candidateResidual = try zip(candidate.forward(inputs).storage, targets.storage).map { $0 - $1 }
            let candidateCost = candidateResidual.reduce(0) { $0 + $1 * $1 }
            if candidateCost < cost {
                accepted = true
                network = candidate
                residual = candidateResidual
                cost = candidateCost
                history.append(residual.reduce(0) { max($0, abs($1)) })
                damping = max(damping / 3, 1e-15)
                let stepNorm = step.reduce(0) { $0 + $1 * $1 }.squareRoot()
                let thetaNorm = theta.reduce(0) { $0 + $1 * $1 }.squareRoot()
                if stepNorm <= options.stepTolerance * (thetaNorm + options.stepTolerance),
                   history[history.count - 1] > options.residualTolerance {
                    return FitAttempt(seed: nil, network: network, residual: history[history.count - 1],
                                      history: history, iterations: iterations, stopReason: .smallStep)
                }
            } else {
                damping *= 4
            }
        }
    }
}

/// δ + ½a for the geodesic step: r'' along δ by the finite difference 2/h·((r(θ + hδ) − r)/h − Jδ)
/// with h = 0.1, a = −(JᵀJ + μD)⁻¹ Jᵀ r''; nil when the acceleration is too large to trust (2‖a‖ > 0.75‖δ‖).
private func geodesicCorrection(_ step: [Double], theta: [Double], residual: [Double], jacobian: Matrix, damped: Matrix,
                                network: MLP, inputs: Matrix, targets: Matrix) throws -> [Double]? {
    let h = 0.1
    let probe = try MLP(widths: network.widths, activation: network.activation, parameters: zip(theta, step).map { $0 + h * $1 })
    let probeResidual = try zip(probe.forward(inputs).storage, targets.storage).map { $0 - $1 }
    let directional = jacobian * step
    var curvature = [Double](repeating: 0, count: residual.count)
    for i in 0..<residual.count { curvature[i] = 2 / h * ((probeResidual[i] - residual[i]) / h - directional[i]) }
    guard let acceleration = dampedStep(damped, (jacobian.transposed * curvature).map { -$0 }),
          acceleration.allSatisfy({ $0.isFinite }) else { return nil }
    let norm = { (v: [Double]) in v.reduce(0) { $0 + $1 * $1 }.squareRoot() }
    guard 2 * norm(acceleration) <= 0.75 * norm(step) else { return nil }
    return zip(step, acceleration).map { $0 + 0.5 * $1 }
}

/// Fits an MLP of the given architecture to `targets` from `starts` deterministic random starts
/// (start i draws every parameter as 2u − 1 from SplitMix64(seed + i)) and returns all attempts and the best.
public func fitMLP(widths: [Int], activation: Activation, inputs: Matrix, targets: Matrix, starts: Int,
                   seed: UInt64, options: LevenbergMarquardtOptions = .init()) throws -> RefitResult {
    try MLP.validate(widths)
    guard starts >= 1 else { throw NetworkError.invalidArgument("need at least one start, got \(starts)") }
    var attempts: [FitAttempt] = []
    for i in 0..<starts {
        let startSeed = seed &+ UInt64(i)
        var rng = SplitMix64(seed: startSeed)
        let parameters = (0..<MLP.parameterCount(widths)).map { _ in 2 * rng.nextUnit() - 1 }
        let start = try MLP(widths: widths, activation: activation, parameters: parameters)
        var attempt = try levenbergMarquardt(start: start, inputs: inputs, targets: targets, options: options)
        attempt.seed = startSeed
        attempts.append(attempt)
    }
    let bestIndex = attempts.indices.min { attempts[$0].residual < attempts[$1].residual } ?? 0
    return RefitResult(attempts: attempts, bestIndex: bestIndex)
}

/// Solves the damped normal equations (symmetric positive definite). Small systems use a Cholesky
/// factorisation in Swift: for the few-dozen-unknown refits of the checks, OpenBLAS's threaded dgesv
/// spends most of its time synchronising threads (measured: ~10 s instead of ~0.1 s for 600 steps on
/// a busy 2-core machine). Larger systems go to LAPACK. nil when the matrix is not positive definite.
func dampedStep(_ a: Matrix, _ b: [Double]) -> [Double]? {
    let n = a.rows
    guard n <= 256 else { return try? solve(a, b) }
    var l = [Double](repeating: 0, count: n * n)
    for j in 0..<n {
        var diagonal = a[j, j]
        for k in 0..<j { diagonal -= l[j * n + k] * l[j * n + k] }
        guard diagonal > 0, diagonal.isFinite else { return nil }
        let root = diagonal.squareRoot()
        l[j * n + j] = root
        for i in (j + 1)..<max(j + 1, n) {
            var value = a[i, j]
            for k in 0..<j { value -= l[i * n + k] * l[j * n + k] }
            l[i * n + j] = value / root
        }
    }
    var y = b
    for i in 0..<n {
        for k in 0..<i { y[i] -= l[i * n + k] * y[k] }
        y[i] /= l[i * n + i]
    }
    for i in stride(from: n - 1, through: 0, by: -1) {
        for k in (i + 1)..<max(i + 1, n) { y[i] -= l[k * n + i] * y[k] }
        y[i] /= l[i * n + i]
    }
    return y
}

import LinearAlgebra

/// A model whose outputs on a batch are a generic function of its flat parameter vector; the batch Jacobian
/// follows by forward-mode differentiation, one parameter direction per pass (exact, no step size).
public protocol ForwardDifferentiable: Sendable {
    associatedtype Batch
    var parameters: [Double] { get }
    /// Every output of the model on `batch`, stacked in a fixed order, computed from `parameters`.
    func stackedOutputs<S: NetworkScalar>(_ parameters: [S], on batch: Batch) throws -> [S]
}

extension ForwardDifferentiable {
    public var parameterCount: Int { parameters.count }

    /// The stacked outputs at the model's own parameters.
    public func outputs(on batch: Batch) throws -> [Double] {
        try stackedOutputs(parameters, on: batch)
    }

    /// Row r, column j: ∂(output r)/∂θ_j at the model's parameters.
    public func batchJacobian(on batch: Batch) throws -> Matrix {
        let theta = parameters
        var columns: [[Double]] = []
        columns.reserveCapacity(theta.count)
        for j in theta.indices {
            let seeded = theta.indices.map { Dual(theta[$0], tangent: $0 == j ? 1 : 0) }
            columns.append(try stackedOutputs(seeded, on: batch).map(\.tangent))
        }
        let rows = columns.first?.count ?? 0
        var jacobian = Matrix(rows: rows, cols: theta.count)
        for (j, column) in columns.enumerated() {
            for r in 0..<rows { jacobian[r, j] = column[r] }
        }
        return jacobian
    }
}

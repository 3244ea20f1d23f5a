import Foundation

/// The numbers a generic forward pass computes with: `Double` for values, `Dual` for one directional
/// derivative at a time (forward-mode differentiation, exact up to rounding — no finite differences).
public protocol NetworkScalar: Sendable {
    init(_ value: Double)
    /// The value without its derivative part.
    var primal: Double { get }
    static func + (lhs: Self, rhs: Self) -> Self
    static func - (lhs: Self, rhs: Self) -> Self
    static func * (lhs: Self, rhs: Self) -> Self
    static func / (lhs: Self, rhs: Self) -> Self
    static prefix func - (operand: Self) -> Self
    /// σ(self) for a hidden-layer activation.
    func activated(by activation: Activation) -> Self
    func exponential() -> Self
    func squareRoot() -> Self
}

extension Double: NetworkScalar {
    public var primal: Double { self }
    @inlinable public func activated(by activation: Activation) -> Double { activation.value(self) }
    @inlinable public func exponential() -> Double { Foundation.exp(self) }
}

/// A dual number value + tangent·ε with ε² = 0.
public struct Dual: NetworkScalar, Equatable {
    public var value: Double
    public var tangent: Double

    @inlinable public init(_ value: Double) { self.init(value, tangent: 0) }
    @inlinable public init(_ value: Double, tangent: Double) {
        self.value = value
        self.tangent = tangent
    }

    public var primal: Double { value }

    @inlinable public static func + (a: Dual, b: Dual) -> Dual { Dual(a.value + b.value, tangent: a.tangent + b.tangent) }
    @inlinable public static func - (a: Dual, b: Dual) -> Dual { Dual(a.value - b.value, tangent: a.tangent - b.tangent) }
    @inlinable public static func * (a: Dual, b: Dual) -> Dual {
        Dual(a.value * b.value, tangent: a.tangent * b.value + a.value * b.tangent)
    }
    @inlinable public static func / (a: Dual, b: Dual) -> Dual {
        let q = a.value / b.value
        return Dual(q, tangent: (a.tangent - q * b.tangent) / b.value)
    }
    @inlinable public static prefix func - (a: Dual) -> Dual { Dual(-a.value, tangent: -a.tangent) }
    @inlinable public func activated(by activation: Activation) -> Dual {
        Dual(activation.value(value), tangent: activation.derivative(value) * tangent)
    }
    @inlinable public func exponential() -> Dual {
        let e = Foundation.exp(value)
        return Dual(e, tangent: e * tangent)
    }
    @inlinable public func squareRoot() -> Dual {
        let r = value.squareRoot()
        return Dual(r, tangent: tangent / (2 * r))
    }
}

/// Small dense helpers on flat parameter slices, generic over the scalar.
enum Dense {
    /// y = W x (+ b) with W the rows × cols block of `p` starting at `offset`, row-major.
    @inlinable
    static func apply<S: NetworkScalar>(_ p: [S], offset: Int, rows: Int, cols: Int, to x: [S]) -> [S] {
        (0..<rows).map { i in
            var sum = S(0)
            let base = offset + i * cols
            for j in 0..<cols { sum = sum + p[base + j] * x[j] }
            return sum
        }
    }

    @inlinable
    static func add<S: NetworkScalar>(_ x: [S], _ p: [S], offset: Int) -> [S] {
        x.indices.map { x[$0] + p[offset + $0] }
    }
}

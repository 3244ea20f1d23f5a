import Foundation
import LinearAlgebra

/// A hyperplane {x : normal·x + offset = 0} found where a ReLU network's function bends, with ‖normal‖₂ = 1 and
/// the first entry of (normal, offset) above 1e-9 in size positive.
public struct RecoveredHyperplane: Sendable, Equatable {
    public var normal: [Double]
    public var offset: Double
    /// How many kinks along the probe lines fell on it.
    public var hits: Int

    /// The unit-norm, sign-normalised form of (w, b).
    public static func normalised(_ w: [Double], _ b: Double) -> (normal: [Double], offset: Double) {
        let norm = w.reduce(0) { $0 + $1 * $1 }.squareRoot()
        var n = w.map { $0 / norm }, o = b / norm
        if let lead = (n + [o]).first(where: { abs($0) > 1e-9 }), lead < 0 {
            n = n.map { -$0 }
            o = -o
        }
        return (n, o)
    }
}

/// Black-box recovery of the first-layer hyperplanes of a scalar ReLU network (in the spirit of Rolnick &
/// Kording 2020 and Carlini, Jagielski & Mironov 2020): find kinks of t ↦ f(x₀ + t·u) along random lines,
/// estimate the gradient jump across each kink (its direction is the boundary normal) and merge equal
/// boundaries. Counts every query of f.
public struct KinkRecovery {
    public var query: (_ x: [Double]) -> Double
    public var dimension: Int
    /// Probe lines run through points of [−radius, radius]^d.
    public var radius: Double
    public private(set) var queries = 0
    var rng: SplitMix64

    public init(dimension: Int, radius: Double, seed: UInt64, query: @escaping (_ x: [Double]) -> Double) {
        self.dimension = dimension
        self.radius = radius
        self.query = query
        rng = SplitMix64(seed: seed)
    }

    mutating func f(_ x: [Double]) -> Double {
        queries += 1
        return query(x)
    }

    /// Hyperplanes found along `lines` random lines (grid of `gridPoints` per line), merged when they agree to
    /// `mergeTolerance`. For a network with one hidden layer every boundary is a first-layer hyperplane; deeper
    /// networks also have bent boundaries, which this routine does not sort out.
    public mutating func recover(lines: Int, gridPoints: Int = 48, mergeTolerance: Double = 1e-6) -> [RecoveredHyperplane] {
        var found: [RecoveredHyperplane] = []
        for _ in 0..<lines {
            let origin = (0..<dimension).map { _ in radius * (2 * rng.nextUnit() - 1) * 0.5 }
            var direction = (0..<dimension).map { _ in 2 * rng.nextUnit() - 1 }
            let norm = direction.reduce(0) { $0 + $1 * $1 }.squareRoot()
            direction = direction.map { $0 / norm }
            let span = 2 * radius
            let ts = (0..<gridPoints).map { -span + 2 * span * Double($0) / Double(gridPoints - 1) }
            let point = { (t: Double) in zip(origin, direction).map { $0 + t * $1 } }
            var values = ts.map { f(point($0)) }
            for i in 0..<(gridPoints - 1) {
                for t in kinks(ts[i], ts[i + 1], values[i], values[i + 1], point, depth: 0) {
                    guard let plane = boundary(at: point(t), along: direction) else { continue }
                    if let k = found.firstIndex(where: { close($0, plane, mergeTolerance) }) {
                        found[k].hits += 1
                    } else {
                        found.append(plane)
                    }
                }
            }
            values.removeAll()
        }
        // Estimates of one hyperplane from different kinks agree to ~1e-9; distinct units of a generic net differ
        // by far more than 1e-3, so a second, coarser merge removes duplicates from poorly conditioned kinks.
        var merged: [RecoveredHyperplane] = []
        for plane in found.sorted(by: { $0.hits > $1.hits }) {
            if let k = merged.firstIndex(where: { close($0, plane, 1e-3) }) { merged[k].hits += plane.hits } else { merged.append(plane) }
        }
        return merged
    }

    /// Kinks of the piecewise-linear g(t) = f(point(t)) in [a, b]: none if g is affine there (midpoint test),
    /// one where the two end lines meet if that point checks out, else recurse on the halves.
    mutating func kinks(_ a: Double, _ b: Double, _ fa: Double, _ fb: Double, _ point: (Double) -> [Double],
                        depth: Int) -> [Double] {
        let m = (a + b) / 2
        let fm = f(point(m))
        let scale = max(1, abs(fa), abs(fb))
        if abs(fm - (fa + fb) / 2) <= 1e-11 * scale { return [] }
        let h = (b - a) * 1e-4
        let left = (f(point(a + h)) - fa) / h
        let right = (fb - f(point(b - h))) / h
        if abs(left - right) > 1e-9 {
            let t = (fb - fa + left * a - right * b) / (left - right)
            if t > a + h && t < b - h {
                let predicted = fa + left * (t - a)
                let probe = f(point(t))
                // A single kink: g is affine on both sides and continuous at t.
                let quarter = (a + t) / 2, threeQuarter = (t + b) / 2
                if abs(probe - predicted) <= 1e-10 * scale,
                   abs(f(point(quarter)) - (fa + left * (quarter - a))) <= 1e-10 * scale,
                   abs(f(point(threeQuarter)) - (probe + right * (threeQuarter - t))) <= 1e-10 * scale {
                    return [t]
                }
            }
        }
        guard depth < 30 else { return [] }
        return kinks(a, m, fa, fm, point, depth: depth + 1) + kinks(m, b, fm, fb, point, depth: depth + 1)
    }

    /// The boundary through x: gradients on both sides along `direction`, their difference as the normal.
    mutating func boundary(at x: [Double], along direction: [Double]) -> RecoveredHyperplane? {
        let epsilon = 1e-4 * radius
        let plus = gradient(at: zip(x, direction).map { $0 + epsilon * $1 }, step: epsilon * 1e-3)
        let minus = gradient(at: zip(x, direction).map { $0 - epsilon * $1 }, step: epsilon * 1e-3)
        let jump = zip(plus, minus).map { $0 - $1 }
        let size = jump.reduce(0) { $0 + $1 * $1 }.squareRoot()
        guard size > 1e-7 else { return nil }
        let normal = jump.map { $0 / size }
        // Too shallow a crossing: the side points may sit on the other side of the boundary.
        guard abs(zip(normal, direction).reduce(0) { $0 + $1.0 * $1.1 }) > 0.2 else { return nil }
        let offset = -zip(normal, x).reduce(0) { $0 + $1.0 * $1.1 }
        let (n, o) = RecoveredHyperplane.normalised(normal, offset)
        return RecoveredHyperplane(normal: n, offset: o, hits: 1)
    }

    /// Central differences (exact up to rounding where f is affine around x).
    mutating func gradient(at x: [Double], step: Double) -> [Double] {
        (0..<dimension).map { j in
            var up = x, down = x
            up[j] += step
            down[j] -= step
            return (f(up) - f(down)) / (2 * step)
        }
    }

    func close(_ a: RecoveredHyperplane, _ b: RecoveredHyperplane, _ tolerance: Double) -> Bool {
        abs(a.offset - b.offset) <= tolerance && zip(a.normal, b.normal).allSatisfy { abs($0 - $1) <= tolerance }
    }
}

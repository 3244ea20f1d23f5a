import LinearAlgebra
import Networks

// Helpers for the checks on residual, normalised, attention and polynomial networks: how far a tangent is
// from the kernel of a Jacobian, and deterministic redraws.

/// ‖J t‖₂ / (‖J‖₂ ‖t‖₂) with ‖J‖₂ = `norm` (the largest singular value); 0 for a zero tangent.
func relativeKernelResidual(_ jacobian: Matrix, _ t: [Double], norm: Double) -> Double {
    let image = (jacobian * t).reduce(0) { $0 + $1 * $1 }.squareRoot()
    let length = t.reduce(0) { $0 + $1 * $1 }.squareRoot()
    return norm > 0 && length > 0 ? image / (norm * length) : 0
}

/// max |a − b| / max |b| over flat outputs (1 in the denominator when b is zero).
func relativeResidual(_ a: [Double], _ reference: [Double]) -> Double {
    let scale = reference.reduce(0) { max($0, abs($1)) }
    return maxDistance(a, reference) / (scale > 0 ? scale : 1)
}

/// The seed of redraw `attempt` for a user seed: attempt 0 is the seed itself, later ones are spread out
/// deterministically so that the sequence does not overlap the next user seed's.
func redrawSeed(_ seed: UInt64, attempt: Int) -> UInt64 {
    attempt == 0 ? seed : seed &+ 0x9E37_79B9 &* UInt64(attempt)
}

/// Widths as "a,b,c" for messages.
func widthsText(_ widths: [Int]) -> String { widths.map(String.init).joined(separator: ",") }

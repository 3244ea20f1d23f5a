import Foundation
import LinearAlgebra
import Networks

// The clustering phase of Expand-and-Cluster for one hidden layer of an odd activation (tanh): hidden
// units are compared by their incoming vectors (w, b) up to sign, duplicates are merged by summing their
// (sign-corrected) outgoing weights, and units that do not change the function on the sample are removed.

/// One hidden unit of a single-hidden-layer net: incoming (w, b) and its outgoing column c.
struct HiddenUnit: Equatable {
    var incoming: [Double]
    var outgoing: [Double]

    /// The unit flipped, if needed, so that the largest-magnitude incoming entry is positive. For an odd
    /// activation (−w, −b, −c) computes what (w, b, c) computes, so the flip leaves the function unchanged.
    var signNormalised: HiddenUnit {
        guard let largest = incoming.indices.max(by: { abs(incoming[$0]) < abs(incoming[$1]) }),
              incoming[largest] < 0 else { return self }
        return HiddenUnit(incoming: incoming.map { -$0 }, outgoing: outgoing.map { -$0 })
    }
}

/// Thresholds of the clustering, all relative.
struct ClusteringTolerances {
    /// Two sign-normalised incoming vectors join one cluster when max |a − b| ≤ this · max(‖a‖∞, ‖b‖∞).
    var incoming = 0.1
    /// A merged unit is dropped when its ‖c‖∞ ≤ this · the largest ‖c‖∞ of the net.
    var outgoing = 1e-2
    /// A unit is folded into the output bias when c·tanh(w·x + b) varies over the sample by at most
    /// this · max(1, max |f|) (a saturated or flat unit is a constant there).
    var flat = 1e-3
}

/// What a reduction did, for the report.
struct ClusteringSummary: Equatable {
    var merged = 0
    var dropped = 0
    var folded = 0
}

enum UnitClustering {
    /// The hidden units of a single-hidden-layer net, in order.
    static func units(of net: MLP) -> [HiddenUnit] {
        (0..<net.widths[1]).map { j in
            HiddenUnit(incoming: net.weights[0].row(j) + [net.biases[0][j]], outgoing: net.weights[1].column(j))
        }
    }

    /// Greedy clustering of units by incoming vector up to sign: each unit joins the first cluster whose
    /// first member is within the tolerance, and the merged unit keeps that member's incoming vector and
    /// the sum of the members' sign-corrected outgoing weights. Returns the merged units and, for each
    /// input unit, the index of its cluster.
    static func mergeDuplicates(_ units: [HiddenUnit], tolerance: Double) -> (merged: [HiddenUnit], assignment: [Int]) {
        var merged: [HiddenUnit] = []
        var assignment: [Int] = []
        for unit in units.map(\.signNormalised) {
            if let k = merged.firstIndex(where: { sameIncoming($0.incoming, unit.incoming, tolerance: tolerance) }) {
                for i in merged[k].outgoing.indices { merged[k].outgoing[i] += unit.outgoing[i] }
                assignment.append(k)
            } else {
                assignment.append(merged.count)
                merged.append(unit)
            }
        }
        return (merged, assignment)
    }

    /// max |a − b| ≤ tolerance · max(‖a‖∞, ‖b‖∞).
    static func sameIncoming(_ a: [Double], _ b: [Double], tolerance: Double) -> Bool {
        let scale = max(a.map(abs).max() ?? 0, b.map(abs).max() ?? 0)
        return zip(a, b).allSatisfy { abs($0 - $1) <= tolerance * scale }
    }

    /// One clustering pass over a student: fold units that are constant on `inputs` into the output
    /// bias, merge duplicates up to sign, drop merged units with negligible outgoing weight. nil when no
    /// unit is left (the student computes a constant).
    static func reduce(_ net: MLP, inputs: Matrix, tolerances: ClusteringTolerances = .init()) throws -> (net: MLP?, summary: ClusteringSummary) {
        precondition(net.depth == 2, "clustering is implemented for one hidden layer")
        let n0 = net.inputWidth, outputs = net.outputWidth
        var bias = net.biases[1]
        var summary = ClusteringSummary()
        let scale = max(1, try net.forward(inputs).maxAbs)
        var kept: [HiddenUnit] = []
        for unit in units(of: net) {
            let activity = (0..<inputs.rows).map { s in
                Foundation.tanh(zip(unit.incoming.prefix(n0), inputs.row(s)).reduce(unit.incoming[n0]) { $0 + $1.0 * $1.1 })
            }
            let spread = (activity.max() ?? 0) - (activity.min() ?? 0)
            let outgoingSize = unit.outgoing.map(abs).max() ?? 0
            if spread * outgoingSize <= tolerances.flat * scale {
                // Constant on the sample: its mean value moves into the output bias.
                let mean = activity.reduce(0, +) / Double(max(1, activity.count))
                for k in 0..<outputs { bias[k] += unit.outgoing[k] * mean }
                summary.folded += 1
            } else {
                kept.append(unit)
            }
        }
        let (merged, _) = mergeDuplicates(kept, tolerance: tolerances.incoming)
        summary.merged = kept.count - merged.count
        let largest = merged.map { $0.outgoing.map(abs).max() ?? 0 }.max() ?? 0
        let survivors = merged.filter { ($0.outgoing.map(abs).max() ?? 0) > tolerances.outgoing * largest }
        summary.dropped = merged.count - survivors.count
        guard !survivors.isEmpty else { return (nil, summary) }
        let w1 = Matrix(survivors.map { Array($0.incoming.prefix(n0)) })
        let w2 = Matrix(rows: outputs, cols: survivors.count,
                        storage: (0..<outputs).flatMap { k in survivors.map { $0.outgoing[k] } })
        let reduced = try MLP(weights: [w1, w2], biases: [survivors.map { $0.incoming[n0] }, bias], activation: net.activation)
        return (reduced, summary)
    }

    /// Cross-student consensus: clusters of the units of all students (incoming up to sign, tight
    /// tolerance), and how many of them hold a unit of every student.
    static func sharedClusters(_ students: [MLP], tolerance: Double) -> (clusters: Int, shared: Int) {
        var representatives: [[Double]] = []
        var members: [Set<Int>] = []
        for (index, student) in students.enumerated() {
            for unit in units(of: student).map(\.signNormalised) {
                if let k = representatives.firstIndex(where: { sameIncoming($0, unit.incoming, tolerance: tolerance) }) {
                    members[k].insert(index)
                } else {
                    representatives.append(unit.incoming)
                    members.append([index])
                }
            }
        }
        return (representatives.count, members.filter { $0.count == students.count }.count)
    }
}

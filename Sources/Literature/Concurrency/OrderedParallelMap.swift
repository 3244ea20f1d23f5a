import Foundation
import Dispatch
import Synchronization

/// Maps contiguous slices of an array on all cores and returns the slice results in slice order, so the
/// outcome is the same as a sequential loop whatever the scheduling. Below `minimumSliceSize` elements per
/// slice (or with one core) it runs on the calling thread.
public func orderedParallelMap<Element: Sendable, Output: Sendable>(
    _ elements: [Element], minimumSliceSize: Int, sliceCount: Int? = nil,
    _ transform: @Sendable (ArraySlice<Element>) -> Output
) -> [Output] {
    let cores = ProcessInfo.processInfo.activeProcessorCount
    // A few slices per core evens out slices of unequal cost.
    let wanted = sliceCount ?? cores * 4
    let slices = max(1, min(wanted, elements.count / max(1, minimumSliceSize)))
    if slices == 1 || cores == 1 { return [transform(elements[...])] }
    let bounds = (0...slices).map { elements.count * $0 / slices }
    let results = Mutex<[Output?]>(Array(repeating: nil, count: slices))
    DispatchQueue.concurrentPerform(iterations: slices) { slice in
        let output = transform(elements[bounds[slice]..<bounds[slice + 1]])
        results.withLock { $0[slice] = output }
    }
    return results.withLock { $0.compactMap { $0 } }
}

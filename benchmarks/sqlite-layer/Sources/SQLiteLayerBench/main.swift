// sqlite-layer-bench: inserts N works with 3 authors each, in one transaction, through the raw C API,
// GRDB statements and GRDB records; fresh database per run, median of the runs, counts verified.
// Usage: sqlite-layer-bench [--count N] [--runs R]
import Foundation

struct Method {
    let name: String
    let insert: ([WorkRow], String) throws -> Void
}

let methods = [
    Method(name: "raw-c-api", insert: insertWithRawCAPI),
    Method(name: "grdb-statement", insert: insertWithGRDBStatements),
    Method(name: "grdb-record", insert: insertWithGRDBRecords),
]

func option(_ flag: String, default value: Int) -> Int {
    let arguments = CommandLine.arguments
    guard let index = arguments.firstIndex(of: flag) else { return value }
    guard index + 1 < arguments.count, let parsed = Int(arguments[index + 1]), parsed > 0 else {
        FileHandle.standardError.write(Data("error: \(flag) needs a positive integer\n".utf8))
        exit(2)
    }
    return parsed
}

let count = option("--count", default: 100_000)
let runs = option("--runs", default: 3)
let rows = makeWorkload(count: count)
let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sqlite-layer-bench-\(UUID().uuidString)")
try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
defer { try? FileManager.default.removeItem(at: directory) }

var timings: [String: [Timing]] = [:]
var failed = false
// Runs are interleaved (a, b, c, a, b, c, ...) so slow drift of the machine spreads over all methods.
for run in 1...runs {
    for method in methods {
        let path = directory.appendingPathComponent("\(method.name)-\(run).sqlite").path
        let timing = try measure { try method.insert(rows, path) }
        let counted = try countRows(path: path)
        if counted.works != Int64(count) || counted.authors != Int64(count * authorsPerWork) || counted.orphans != 0 || counted.journal != "wal" {
            FileHandle.standardError.write(Data(
                "error: \(method.name) run \(run): \(counted.works) works, \(counted.authors) author rows, \(counted.orphans) orphans, journal \(counted.journal); expected \(count), \(count * authorsPerWork), 0, wal\n".utf8))
            failed = true
        }
        timings[method.name, default: []].append(timing)
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
    }
}

func rounded(_ value: Double) -> Double { (value * 1000).rounded() / 1000 }

var summary: [(name: String, wall: Double, cpu: Double)] = []
for method in methods {
    let runsOfMethod = timings[method.name] ?? []
    let wall = median(runsOfMethod.map(\.wall)), cpu = median(runsOfMethod.map(\.cpu))
    summary.append((method.name, wall, cpu))
    let record: [String: Any] = [
        "method": method.name, "works": count, "author_rows": count * authorsPerWork, "runs": runs,
        "wall_s": runsOfMethod.map { rounded($0.wall) }, "cpu_s": runsOfMethod.map { rounded($0.cpu) },
        "median_wall_s": rounded(wall), "median_cpu_s": rounded(cpu),
        "works_per_s": Int((Double(count) / wall).rounded()),
    ]
    let json = try JSONSerialization.data(withJSONObject: record, options: [.sortedKeys])
    print(String(decoding: json, as: UTF8.self))
}

let base = summary.first?.wall ?? .nan
print("")
print("method          median wall   median CPU   wall vs raw   (\(count) works + \(count * authorsPerWork) author rows, \(runs) runs)")
for entry in summary {
    let columns = [
        entry.name.padding(toLength: 14, withPad: " ", startingAt: 0),
        String(format: "%9.3f s", entry.wall), String(format: "%10.3f s", entry.cpu), String(format: "%10.2f×", entry.wall / base),
    ]
    print(columns.joined(separator: "   "))
}
if failed { exit(1) }

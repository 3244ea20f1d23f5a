// swift-tools-version: 6.0
// A stand-alone benchmark, kept apart from nnid's own Package.swift so that nnid never builds GRDB.
import PackageDescription

let package = Package(
    name: "sqlite-layer-bench",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
    ],
    targets: [
        // The system libsqlite3, reached the same way as nnid's CSQLite target.
        .systemLibrary(name: "CSQLiteBench", path: "Sources/CSQLiteBench"),
        .executableTarget(
            name: "sqlite-layer-bench",
            dependencies: ["CSQLiteBench", .product(name: "GRDB", package: "GRDB.swift")],
            path: "Sources/SQLiteLayerBench"
        ),
    ],
    swiftLanguageModes: [.v6]
)

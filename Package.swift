// swift-tools-version:6.0
// nnid: a literature-backed knowledge base about neural-network identifiability.
import PackageDescription

let package = Package(
    name: "nnid",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "nnid", targets: ["nnid"]),
        .library(name: "NNIDCore", targets: ["LinearAlgebra", "Networks", "Claims", "Literature", "KnowledgeBase", "Deduction"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        // Models: .npz archives are zips (ZIPFoundation); ONNX files are protobuf (swift-protobuf runtime only).
        .package(url: "https://github.com/weichsel/ZIPFoundation", exact: "0.9.20"),
        .package(url: "https://github.com/apple/swift-protobuf", exact: "1.39.0"),
    ],
    targets: [
        // System libraries (Debian: libsqlite3-dev, libxml2-dev, libopenblas-dev, liblapacke-dev).
        .systemLibrary(name: "CSQLite", path: "Sources/CSQLite"),
        .systemLibrary(name: "CLibXML2", path: "Sources/CLibXML2", pkgConfig: "libxml-2.0"),
        .systemLibrary(name: "CLapack", path: "Sources/CLapack"),

        .target(name: "LinearAlgebra", dependencies: ["CLapack"]),
        .target(name: "Networks", dependencies: ["LinearAlgebra"]),
        .target(name: "Claims", dependencies: ["LinearAlgebra", "Networks"]),
        // Deduction: pure (no SQL, no printing, no numerics); its activation names agree with Networks'.
        .target(name: "Deduction"),
        // ICU's charset detector and converters behind plain C (Debian: libicu-dev).
        .target(name: "CCharset", path: "Sources/CCharset",
                linkerSettings: [.linkedLibrary("icui18n"), .linkedLibrary("icuuc"), .linkedLibrary("icudata")]),
        .target(name: "Literature", dependencies: ["CLibXML2", "CCharset", "Deduction"]),
        .target(name: "KnowledgeBase", dependencies: ["CSQLite", "Literature", "Deduction"]),
        .target(
            name: "Models",
            dependencies: [
                "LinearAlgebra", "Networks",
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
                .product(name: "SwiftProtobuf", package: "swift-protobuf"),
            ]
        ),
        .executableTarget(
            name: "nnid",
            dependencies: [
                "LinearAlgebra", "Networks", "Claims", "Literature", "KnowledgeBase", "Deduction", "Models",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),

        // libFuzzer driver for the Models readers (scripts/fuzz builds it with --sanitize=fuzzer; a stub otherwise).
        .executableTarget(name: "nnid-fuzz-models", dependencies: ["Models"], path: "fuzz/models"),

        // Benchmarks (not tests): `swift run -c release nnid-bench --help`.
        .executableTarget(name: "nnid-bench", dependencies: ["LinearAlgebra", "Networks", "Literature", "Models"], path: "benchmarks/nnid-bench"),

        // Shared test helpers: subprocesses and python3 oracles.
        .target(name: "TestSupport", path: "Tests/TestSupport"),

        .testTarget(name: "LinearAlgebraTests", dependencies: ["LinearAlgebra", "TestSupport"]),
        .testTarget(name: "NetworksTests", dependencies: ["Networks", "LinearAlgebra", "TestSupport"]),
        .testTarget(name: "ClaimsTests", dependencies: ["Claims", "Networks", "LinearAlgebra", "TestSupport"]),
        .testTarget(name: "LiteratureTests", dependencies: ["Literature", "TestSupport"]),
        .testTarget(name: "KnowledgeBaseTests", dependencies: ["KnowledgeBase", "Literature", "Deduction", "TestSupport"]),
        .testTarget(name: "DeductionTests", dependencies: ["Deduction", "Literature", "Networks", "TestSupport"]),
        .testTarget(name: "CLITests", dependencies: ["nnid", "Deduction", "TestSupport"]),
        .testTarget(name: "ModelsTests", dependencies: ["Models", "Networks", "LinearAlgebra", "TestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)

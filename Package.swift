// swift-tools-version:6.1
import PackageDescription

// No Swift package dependencies: the shipped binary links only the Swift standard library,
// libcurl and libcrypto, and imports no Foundation (see README, "Performance").
// Shipped code does without the `_StringProcessing` module (Regex and the string algorithms built
// on it), which Swift imports implicitly and which adds 1.25 MB to the static binary.
let lean: [SwiftSetting] = [.unsafeFlags(["-Xfrontend", "-disable-implicit-string-processing-module-import"])]

let package = Package(
    name: "ESProxy",
    products: [
        .executable(name: "bootstrap", targets: ["bootstrap"]),
        .executable(name: "schema-check", targets: ["schema-check"]),
    ],
    targets: [
        // C libraries from Debian's -dev packages, found through pkg-config.
        .systemLibrary(
            name: "CCurl", path: "Sources/CCurl", pkgConfig: "libcurl",
            providers: [.apt(["libcurl4-openssl-dev"])]),
        .systemLibrary(
            name: "CCrypto", path: "Sources/CCrypto", pkgConfig: "libcrypto",
            providers: [.apt(["libssl-dev"])]),

        // Pure cores.
        .target(name: "JSON", swiftSettings: lean),
        .target(name: "JSONSchema", dependencies: ["JSON"], swiftSettings: lean),
        .target(name: "SigV4", dependencies: ["CCrypto"], swiftSettings: lean),

        // I/O at the edge.
        .target(name: "HTTP", dependencies: ["CCurl"], swiftSettings: lean),
        .target(name: "LambdaRuntime", dependencies: ["HTTP", "JSON"], swiftSettings: lean),
        .target(name: "ESProxy", dependencies: ["CCrypto", "JSON", "JSONSchema", "SigV4", "HTTP", "LambdaRuntime"], swiftSettings: lean),
        .executableTarget(name: "bootstrap", dependencies: ["ESProxy", "LambdaRuntime", "JSON"], swiftSettings: lean),
        .executableTarget(name: "schema-check", dependencies: ["JSON", "JSONSchema"], swiftSettings: lean),
        // Micro-benchmarks behind scripts/bench (never run by the tests).
        .executableTarget(name: "esproxy-bench", dependencies: ["JSON", "JSONSchema", "SigV4"]),
        // libFuzzer targets behind scripts/fuzz (built with -DFUZZING and sanitizers; a plain build
        // replays files instead). Never part of the shipped bootstrap product.
        .target(name: "FuzzSupport", dependencies: ["JSON"]),
        .executableTarget(name: "fuzz-json", dependencies: ["JSON", "FuzzSupport"]),
        .executableTarget(name: "fuzz-schema", dependencies: ["JSON", "JSONSchema", "FuzzSupport"]),
        .executableTarget(name: "fuzz-validator", dependencies: ["JSON", "JSONSchema", "FuzzSupport"]),
        .executableTarget(name: "fuzz-event", dependencies: ["JSON", "LambdaRuntime", "FuzzSupport"]),

        // Shared by the test targets: where the corpora are, loud about what was not run.
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(name: "JSONTests", dependencies: ["TestSupport", "JSON"]),
        .testTarget(name: "JSONSchemaTests", dependencies: ["TestSupport", "JSONSchema", "JSON"],
                    exclude: ["expected-failures.tsv"]),
        .testTarget(name: "SigV4Tests", dependencies: ["TestSupport", "SigV4"]),
        .testTarget(name: "HTTPTests", dependencies: ["TestSupport", "HTTP"], exclude: ["Fixtures"]),
        .testTarget(name: "LambdaRuntimeTests", dependencies: ["TestSupport", "LambdaRuntime", "JSON", "HTTP"]),
        .testTarget(name: "ESProxyTests", dependencies: ["TestSupport", "ESProxy", "JSON", "JSONSchema", "SigV4", "LambdaRuntime"]),
    ],
    swiftLanguageModes: [.v6]
)

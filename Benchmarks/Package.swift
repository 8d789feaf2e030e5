// swift-tools-version:6.0
import PackageDescription

// Benchmarks for FlowVerify, kept out of the main package so `make test` never builds them.
// Run with `make bench` (release build). Every figure is a ratio against a baseline measured
// side by side in the same run, so a noisy shared machine moves both alike.
let package = Package(
    name: "FlowVerifyBenchmarks",
    dependencies: [.package(name: "FlowVerify", path: "..")],
    targets: [
        .target(name: "MPFRBaseline", linkerSettings: [.linkedLibrary("mpfr"), .linkedLibrary("gmp")]),
        .executableTarget(
            name: "flowverify-bench",
            dependencies: [
                "MPFRBaseline",
                .product(name: "MultiPrecision", package: "FlowVerify"),
                .product(name: "Symbolic", package: "FlowVerify"),
                .product(name: "TwoLayerNet", package: "FlowVerify"),
                .product(name: "GradientFlow", package: "FlowVerify"),
                .product(name: "Verification", package: "FlowVerify"),
            ],
            swiftSettings: [.unsafeFlags(["-cross-module-optimization"])]
        ),
    ]
)

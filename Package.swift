// swift-tools-version:6.0
import PackageDescription

// FlowVerify: numerical verification of arXiv:2405.13787 at arbitrary precision.
// Layers (proofs/DESIGN.md), arrows pointing down only:
//   flowverify (CLI) → Reports → Sweeps → Verification → GradientFlow → TwoLayerNet → Symbolic
//   → MultiPrecision
//   → CMPFI / CMPFR / CGMP (Debian system libraries), CTanh (C, on MPFR).
let package = Package(
    name: "FlowVerify",
    products: [
        .executable(name: "flowverify", targets: ["flowverify"]),
        .library(name: "MultiPrecision", targets: ["MultiPrecision"]),
        .library(name: "Symbolic", targets: ["Symbolic"]),
        .library(name: "TwoLayerNet", targets: ["TwoLayerNet"]),
        .library(name: "GradientFlow", targets: ["GradientFlow"]),
        .library(name: "Verification", targets: ["Verification"]),
        .library(name: "Sweeps", targets: ["Sweeps"]),
        .library(name: "Reports", targets: ["Reports"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-numerics", from: "1.0.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
    ],
    targets: [
        .systemLibrary(name: "CGMP", pkgConfig: "gmp", providers: [.apt(["libgmp-dev"])]),
        .systemLibrary(name: "CMPFR", pkgConfig: "mpfr", providers: [.apt(["libmpfr-dev"])]),
        .systemLibrary(name: "CMPFI", providers: [.apt(["libmpfi-dev"])]),
        // tanh correctly rounded at ≤ 192 bits without MPFR's generic exponential (C: 64-bit limbs,
        // 128-bit products); MPFR's headers and library as installed by `make setup`.
        .target(name: "CTanh", linkerSettings: [.linkedLibrary("mpfr"), .linkedLibrary("gmp")]),
        .target(
            name: "MultiPrecision",
            dependencies: [
                "CGMP", "CMPFR", "CMPFI", "CTanh",
                .product(name: "RealModule", package: "swift-numerics"),
            ]
        ),
        .target(name: "Symbolic", dependencies: ["MultiPrecision"]),
        .target(name: "TwoLayerNet", dependencies: ["Symbolic", "MultiPrecision"]),
        .target(name: "GradientFlow", dependencies: ["TwoLayerNet", "MultiPrecision", "CGMP", "CMPFR"]),
        .target(name: "Verification", dependencies: ["GradientFlow", "TwoLayerNet", "Symbolic", "MultiPrecision"]),
        .target(
            name: "Sweeps",
            dependencies: ["Verification", "TwoLayerNet", "MultiPrecision", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        .target(name: "Reports", dependencies: ["Verification", "Sweeps", "MultiPrecision"]),
        .executableTarget(
            name: "flowverify",
            dependencies: [
                "MultiPrecision",
                "Symbolic",
                "TwoLayerNet",
                "GradientFlow",
                "Verification",
                "Sweeps",
                "Reports",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(name: "mpcheck", dependencies: ["MultiPrecision", "CMPFR"]),
        .testTarget(name: "MultiPrecisionTests", dependencies: ["MultiPrecision", "CMPFR", "CTanh", "mpcheck"]),
        .testTarget(name: "SymbolicTests", dependencies: ["Symbolic", "MultiPrecision"]),
        .testTarget(name: "TwoLayerNetTests", dependencies: ["TwoLayerNet", "Symbolic", "MultiPrecision"]),
        .testTarget(name: "GradientFlowTests", dependencies: ["GradientFlow", "TwoLayerNet", "MultiPrecision"]),
        .testTarget(name: "VerificationTests", dependencies: ["Verification", "GradientFlow", "TwoLayerNet", "MultiPrecision"]),
        .testTarget(name: "ReportsTests", dependencies: ["Reports", "Verification", "MultiPrecision"]),
        .testTarget(name: "FlowVerifyCLITests", dependencies: ["flowverify", "GradientFlow", "TwoLayerNet", "Symbolic", "MultiPrecision"]),
        .testTarget(
            name: "SweepsTests",
            dependencies: ["Sweeps", "Reports", "Verification", "flowverify", .product(name: "GRDB", package: "GRDB.swift")]
        ),
    ]
)

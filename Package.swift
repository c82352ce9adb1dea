// swift-tools-version:6.0
import PackageDescription

// Layers, bottom up: JSON codec → engine (model, rules, scorer) → solver / generator →
// server (JSON-RPC, storage) → the one-file `rota` executable. Small targets keep
// release builds fast on two cores. Foundation and Dispatch only: no package dependencies.
let package = Package(
    name: "ProbationRota",
    products: [
        .executable(name: "rota", targets: ["rota"]),
        .library(name: "RotaEngine", targets: ["RotaEngine"]),
    ],
    targets: [
        .target(name: "RotaJSON"),
        .target(name: "RotaEngine", dependencies: ["RotaJSON"]),
        .target(name: "RotaSolver", dependencies: ["RotaEngine"]),
        .target(name: "RotaGenerator", dependencies: ["RotaEngine"]),
        .target(name: "RotaServer", dependencies: ["RotaJSON", "RotaEngine", "RotaSolver", "RotaGenerator"]),
        .executableTarget(name: "rota", dependencies: ["RotaServer"]),
        .testTarget(name: "RotaEngineTests", dependencies: ["RotaEngine", "RotaJSON", "RotaGenerator"]),
        .testTarget(name: "RotaSolverTests", dependencies: ["RotaEngine", "RotaSolver", "RotaGenerator"]),
        .testTarget(name: "RotaServerTests", dependencies: ["RotaServer", "RotaJSON"]),
    ]
)

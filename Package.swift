// swift-tools-version:6.0
import PackageDescription

// Layers, bottom up: JSON codec → engine (model, rules, scorer) → solver / generator →
// spreadsheets, calendars and printable sheets → server (JSON-RPC, storage) → the one-file `rota` executable. Small targets keep
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
        .target(name: "RotaSheets", dependencies: ["RotaJSON", "RotaEngine"]),
        .target(name: "RotaServer", dependencies: ["RotaJSON", "RotaEngine", "RotaSolver", "RotaGenerator", "RotaSheets"]),
        .executableTarget(name: "rota", dependencies: ["RotaServer"]),
        // Where the package root and its fixtures are, for every test target.
        .target(name: "RotaTestSupport", path: "Tests/RotaTestSupport"),
        .testTarget(name: "RotaEngineTests", dependencies: ["RotaEngine", "RotaJSON", "RotaGenerator", "RotaTestSupport"]),
        .testTarget(name: "RotaSolverTests", dependencies: ["RotaEngine", "RotaSolver", "RotaGenerator", "RotaTestSupport"]),
        .testTarget(name: "RotaServerTests", dependencies: ["RotaServer", "RotaJSON", "RotaTestSupport"]),
        .testTarget(name: "RotaSheetsTests", dependencies: ["RotaSheets", "RotaEngine", "RotaJSON", "RotaSolver", "RotaGenerator", "RotaTestSupport"]),
    ]
)

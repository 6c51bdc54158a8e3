// swift-tools-version:6.0
// libFuzzer harnesses for Yakuji's parsers. Not part of the main build: run `Fuzz/run.sh` (Linux), which builds
// them with `-sanitize=fuzzer,address -parse-as-library`; each harness's entry point runs libFuzzer's driver.
import PackageDescription

let package = Package(
    name: "YakujiFuzz",
    dependencies: [.package(name: "Yakuji", path: "..")],
    targets: [
        .target(name: "FuzzSupport"),
        .executableTarget(name: "FuzzDMN", dependencies: ["FuzzSupport", .product(name: "DecisionModel", package: "Yakuji")]),
        .executableTarget(name: "FuzzFEEL", dependencies: ["FuzzSupport", .product(name: "DecisionModel", package: "Yakuji")]),
        .executableTarget(name: "FuzzUnaryTests", dependencies: ["FuzzSupport", .product(name: "DecisionModel", package: "Yakuji")]),
        .executableTarget(name: "FuzzAnswers", dependencies: ["FuzzSupport", .product(name: "Advisor", package: "Yakuji")]),
    ]
)

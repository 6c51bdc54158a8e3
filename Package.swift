// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Yakuji",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "yakuji", targets: ["yakuji"]),
        .library(name: "DecisionModel", targets: ["DecisionModel"]),
        .library(name: "Advisor", targets: ["Advisor"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
    ],
    targets: [
        // Headers and link flags come from libxml-2.0's pkg-config file.
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"]), .brew(["libxml2"])]
        ),
        .target(name: "XMLSupport", dependencies: ["CLibXML2"]),
        .target(name: "DecisionModel", dependencies: ["XMLSupport"]),
        // SHA-256 blocks on the processor's SHA instructions, for the rules checksum (portable code elsewhere).
        .target(name: "CSHA256"),
        .target(name: "Advisor", dependencies: ["DecisionModel", "XMLSupport", "CSHA256"]),
        // The command's heap on transparent huge pages (glibc on Linux; elsewhere a no-op): see Sources/yakuji/HeapPages.swift.
        .target(name: "CHeap"),
        .executableTarget(
            name: "yakuji",
            dependencies: [
                "Advisor",
                "DecisionModel",
                "CHeap",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            resources: [.copy("../../Rules"), .copy("../../Samples")]
        ),
        // Speed is measured here, never asserted in tests: `swift run -c release yakuji-bench`.
        .executableTarget(name: "yakuji-bench", dependencies: ["Advisor", "DecisionModel"], path: "Benchmarks/YakujiBench"),
        // Where the tests write temporary files: one folder per test process, removed at its exit.
        .target(name: "TestScratch", path: "Tests/TestScratch"),
        .testTarget(name: "XMLSupportTests", dependencies: ["XMLSupport", "TestScratch"], exclude: ["Fixtures"]),
        .testTarget(name: "DecisionModelTests", dependencies: ["DecisionModel", "TestScratch"]),
        .testTarget(name: "AdvisorTests", dependencies: ["Advisor", "TestScratch"], exclude: ["Fixtures"]),
        .testTarget(name: "CLITests", dependencies: ["yakuji", "CHeap", "TestScratch"]),
    ]
)

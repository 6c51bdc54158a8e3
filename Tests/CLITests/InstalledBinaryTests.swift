import Foundation
import Testing

/// A binary copied away from its build folder finds its rules by the documented order, or says where it looked
/// (issue 14 item 10).
@Suite(.serialized) struct InstalledBinaryTests {
    /// `prefix/bin/yakuji`, a copy of the built binary without the build folder's resource bundle.
    func install() throws -> URL {
        let prefix = try CLI.temporaryDirectory()
        let bin = prefix.appendingPathComponent("bin")
        try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: CLI.binary, to: bin.appendingPathComponent("yakuji"))
        return prefix
    }

    func run(_ prefix: URL, _ arguments: [String], environment: [String: String] = [:]) throws -> CLI.Result {
        var env = environment
        env["YAKUJI_RULES"] = env["YAKUJI_RULES"] ?? ""
        return try CLI.run(arguments, environment: env, binary: prefix.appendingPathComponent("bin/yakuji"))
    }

    @Test func withoutRulesItExitsTwoSayingWhereItLooked() throws {
        let prefix = try install()
        for args in [["--version"], ["assess", "--no-input"], ["rules", "check"], ["jmdn", "search", "血圧"],
                     ["lag", "--route", "certification"]] {
            let result = try run(prefix, args)
            #expect(result.status == 2, "\(args): \(result.stderr)")
            #expect(!result.stderr.contains("Fatal error"))
        }
        let result = try run(prefix, ["assess", "--no-input"])
        #expect(result.stderr.contains("no rules found; looked in:"))
        #expect(result.stderr.contains(prefix.appendingPathComponent("bin/Rules").path))
        #expect(result.stderr.contains(prefix.appendingPathComponent("share/yakuji/Rules").path))
        #expect(result.stderr.contains("$YAKUJI_RULES (not set)"))
    }

    @Test func rulesUnderShareAreFound() throws {
        let prefix = try install()
        let share = prefix.appendingPathComponent("share/yakuji")
        try FileManager.default.createDirectory(at: share, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: CLI.packageRoot.appendingPathComponent("Rules"), to: share.appendingPathComponent("Rules"))
        let version = try run(prefix, ["--version"])
        #expect(version.status == 0, "\(version.stderr)")
        #expect(version.stdout.hasPrefix("yakuji "))
        #expect(version.stdout.contains("sha256:"))
        #expect(version.stdout.contains("rules folder \(share.appendingPathComponent("Rules").path)"))
        let assess = try run(prefix, ["assess", "--answers", CLI.packageRoot.appendingPathComponent(AssessCommandTestsSample.path).path,
                                      "--no-input", "--format", "json"])
        #expect(assess.status == 0, "\(assess.stderr)")
    }

    @Test func theVariableAndRulesBesideTheBinaryAreFound() throws {
        let prefix = try install()
        let rules = CLI.packageRoot.appendingPathComponent("Rules").path
        let fromVariable = try run(prefix, ["--version"], environment: ["YAKUJI_RULES": rules])
        #expect(fromVariable.stdout.contains("rules folder \(rules)"))
        try FileManager.default.copyItem(atPath: rules, toPath: prefix.appendingPathComponent("bin/Rules").path)
        let beside = try run(prefix, ["--version"])
        #expect(beside.stdout.contains("rules folder \(prefix.appendingPathComponent("bin/Rules").path)"))
    }
}

enum AssessCommandTestsSample {
    static let path = "Samples/home-blood-pressure-monitor.xml"
}

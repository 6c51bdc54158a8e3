import Foundation
import Testing

/// `yakuji assess --batch` on the small test rules, so that the exit codes are what is tested, not the rules.
@Suite struct AssessBatchCommandTests {
    static let miniRules = "Tests/AdvisorTests/Fixtures/rules"

    static func csv(_ text: String) throws -> String {
        let path = try CLI.temporaryDirectory().appendingPathComponent("profiles.csv").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func allProfilesAssessedExitsZero() throws {
        let path = try Self.csv("id,kind,size\na,box,3\nb,cloud,\n")
        let result = try CLI.run(["assess", "--batch", path, "--format", "jsonl", "--rules", Self.miniRules, "--as-of", "2026-12-03"])
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.count == 2)
        #expect(lines.first?.hasPrefix("{\"id\":\"a\",\"file\":\"\(path)\",\"row\":2,\"schema\":\"yakuji.assessment/1\"") == true)
        // No progress bar when standard error is not a terminal.
        #expect(result.stderr.isEmpty)
    }

    @Test func aBadProfileGivesAnErrorLineAndExitOne() throws {
        let path = try Self.csv("kind,size\nsquare,3\nbox,3\n")
        let result = try CLI.run(["assess", "--batch", path, "--rules", Self.miniRules])
        #expect(result.status == 1)
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 2)
        #expect(lines[0].contains("\"row\":2,\"error\":"))
        #expect(!lines[1].contains("\"error\""))
        #expect(result.stderr.contains("profiles.csv:2: error: column 'kind'"))
        #expect(result.stderr.contains("1 of 2 profiles could not be assessed"))
    }

    @Test func unusableBatchesExitTwo() throws {
        let path = try Self.csv("kind,weight\nbox,3\n")
        let header = try CLI.run(["assess", "--batch", path, "--rules", Self.miniRules])
        #expect(header.status == 2)
        #expect(header.stderr.contains("column 2 'weight' is not an input name"))
        let text = try CLI.run(["assess", "--batch", path, "--format", "text", "--rules", Self.miniRules])
        #expect(text.status == 2)
        #expect(text.stderr.contains("use --format jsonl"))
        let missing = try CLI.run(["assess", "--batch", "no-such-folder", "--rules", Self.miniRules])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("no-such-folder"))
    }

    @Test func jsonlFormatOfOneAssessmentIsOneLine() throws {
        let result = try CLI.run(["assess", "--rules", Self.miniRules, "--set", "kind=cloud", "--no-input", "--format", "jsonl"])
        #expect(result.status == 0)
        #expect(result.stdout.split(separator: "\n").count == 1)
        #expect(result.stdout.contains("\"regulatoryCategory\":\"not-a-device\""))
    }
}

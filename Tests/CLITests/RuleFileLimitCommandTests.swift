import Foundation
import Testing

/// The rule-file size limit (16 MiB) is raisable with --max-rule-file-size, as every limit of issue 14 is: a
/// generated nomenclature table of 20,000 rows is about 37 MB. Shown here by lowering it below the bundled files.
@Suite struct RuleFileLimitCommandTests {
    static let sample = "Samples/home-blood-pressure-monitor.xml"

    @Test func assessRefusesARuleFileAboveTheLimitItIsGiven() throws {
        let small = try CLI.run(["assess", "--rules", "Rules", "--answers", Self.sample, "--no-input", "--format", "json",
                                 "--max-rule-file-size", "1000"])
        #expect(small.status == 2)
        #expect(small.stderr.contains("limit for this kind of file (--max-rule-file-size)"), "\(small.stderr)")
        let raised = try CLI.run(["assess", "--rules", "Rules", "--answers", Self.sample, "--no-input", "--format", "json",
                                  "--max-rule-file-size", String(64 << 20)])
        #expect(raised.status == 0, "\(raised.stderr)")
    }

    @Test func rulesCheckTakesTheLimitToo() throws {
        let small = try CLI.run(["rules", "check", "Rules", "--max-rule-file-size", "1000"])
        #expect(small.status == 1)
        #expect(small.stdout.contains("limit for this kind of file (--max-rule-file-size)"), "\(small.stdout)")
        let zero = try CLI.run(["rules", "check", "Rules", "--max-rule-file-size", "0"])
        #expect(zero.status != 0)
        #expect(zero.stderr.contains("--max-rule-file-size must be at least 1"), "\(zero.stderr)")
    }
}

import Foundation
import Testing

/// `yakuji compare` and `yakuji assess --what-if` as a user runs them.
@Suite struct CompareCommandTests {
    @Test func compareShowsAFlippedResultAndSummarisesTheRest() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let sample = try String(contentsOf: CLI.packageRoot.appendingPathComponent("Samples/painless-injection-needle.xml"), encoding: .utf8)
        let flipped = sample.replacingOccurrences(of: "<answer name=\"conformsToCertificationStandard\">true</answer>",
                                                  with: "<answer name=\"conformsToCertificationStandard\">false</answer>")
        #expect(flipped != sample)
        let b = dir.appendingPathComponent("b.xml")
        try flipped.write(to: b, atomically: true, encoding: .utf8)
        let result = try CLI.run(["compare", "Samples/painless-injection-needle.xml", b.path, "--lang", "en", "--as-of", "2026-12-03"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("Comparison: painless-injection-needle.xml → b.xml"))
        #expect(result.stdout.contains("Results that change"))
        #expect(result.stdout.contains("Certification (製造販売認証) by a registered certification body"))
        #expect(result.stdout.split(separator: "\n").filter { $0.hasPrefix("Unchanged (") }.count == 1)
    }

    @Test func whatIfInJSON() throws {
        let result = try CLI.run(["assess", "--answers", "Samples/hollow-fibre-dialyser.xml", "--what-if", "clinicalDataNeeded=true",
                                  "--format", "json", "--as-of", "2026-12-03"])
        #expect(result.status == 0, "\(result.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(json["schema"] as? String == "yakuji.comparison/1")
        let changed = try #require(json["changed"] as? [[String: Any]])
        #expect(changed.contains { $0["key"] as? String == "reviewCategory" && $0["b"] as? String == "improved-with-clinical" })
        let timeline = try #require(json["timeline"] as? [String: Any])
        #expect(!(try #require(timeline["changed"] as? [Any])).isEmpty)
    }

    @Test func badInputExitsTwoNamingTheOption() throws {
        let whatIf = try CLI.run(["assess", "--answers", "Samples/hollow-fibre-dialyser.xml", "--what-if", "noSuchInput=1"])
        #expect(whatIf.status == 2)
        #expect(whatIf.stderr.contains("--what-if noSuchInput=1: error: unknown input 'noSuchInput'"))
        let compare = try CLI.run(["compare", "Samples/no-such-file.xml", "Samples/hollow-fibre-dialyser.xml"])
        #expect(compare.status == 2)
        #expect(compare.stderr.contains("Samples/no-such-file.xml"))
    }
}

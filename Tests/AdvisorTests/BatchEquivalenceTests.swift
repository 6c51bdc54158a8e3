import DecisionModel
import Foundation
import Testing
@testable import Advisor

/// A batch of distinct, varied profiles on the bundled rules writes, line for line and byte for byte, what assessing
/// each profile on its own gives: whatever the batch shares between profiles must not change a line.
@Suite struct BatchEquivalenceTests {
    static let asOf = "2026-12-03"

    static func samples(_ rules: RuleSet) throws -> [Answers] {
        let folder = Fixtures.bundledRules + "/../Samples"
        return try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".xml") }.sorted()
            .map { try AnswersFile.load(folder + "/" + $0, rules: rules) }
    }

    static func csv(_ header: [String], _ rows: [[String]]) throws -> String {
        func quoted(_ text: String) -> String {
            text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" })
                ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text
        }
        let path = Fixtures.temporaryFile("generated.csv")
        let text = ([header] + rows).map { $0.map(quoted).joined(separator: ",") }.joined(separator: "\n") + "\n"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// The line `yakuji assess` on the profile alone stands for: its place, then its assessment's JSON (or the
    /// contradiction it would refuse).
    static func ownLine(_ profile: BatchProfile, rules: RuleSet) throws -> String {
        let answers = try profile.read(rules)
        let assessment = Assessor(rules: rules).assess(answers, asOf: asOf, absentIsUnknown: true)
        var place: [(String, JSONValue)] = [("id", .string(profile.id)), ("file", .string(profile.file)),
                                            ("row", profile.row.map { .number(String($0)) } ?? .null)]
        if !assessment.contradictions.isEmpty {
            let messages = assessment.contradictions.map { $0.message(answers, rules: rules, language: .en) }
            let error = AdvisorError(messages.map { DMNProblem(file: profile.file, line: profile.row ?? 0, message: $0) })
            place.append(("error", .string(error.description)))
            place.append(("problems", .array(error.problems.map {
                .object([("file", .string($0.file)), ("line", $0.line > 0 ? .number(String($0.line)) : .null),
                         ("column", .null), ("message", .string($0.message))])
            })))
            return JSONValue.object(place).compact()
        }
        var line = JSONValue.object(place).compact()
        line.removeLast()
        let own = AssessmentJSON.document(assessment, language: .en, citations: rules.citations).compact()
        return line + "," + own.dropFirst()
    }

    @Test func generatedProfilesAreDistinctAndValid() throws {
        let rules = try RuleSet.load(directory: Fixtures.bundledRules)
        let generator = ProfileGenerator(rules: rules, samples: try Self.samples(rules))
        let (header, rows, summary) = generator.profiles(count: 400)
        #expect(rows.count == 400 && summary.profiles == 400)
        #expect(Set(rows.map { $0.dropFirst(2) }).count == 400, "no two profiles share their answers")
        #expect(summary.distinctAnswerSets == 400)
        #expect(summary.changedAnswers > 400, "profiles differ from their samples")
        // Every cell reads as an answer, the same seed gives the same profiles, and another seed others.
        let profiles = try BatchProfiles.load(try Self.csv(header, rows), rules: rules)
        for profile in profiles { _ = try profile.read(rules) }
        #expect(ProfileGenerator(rules: rules, samples: try Self.samples(rules)).profiles(count: 50).rows == Array(rows.prefix(50)))
        var other = generator
        other.seed = 16
        #expect(other.profiles(count: 50).rows != Array(rows.prefix(50)))
    }

    @Test func batchLinesAreEachProfileAssessedAlone() throws {
        let rules = try RuleSet.load(directory: Fixtures.bundledRules)
        let (header, rows, _) = ProfileGenerator(rules: rules, samples: try Self.samples(rules), seed: 7).profiles(count: 200)
        let profiles = try BatchProfiles.load(try Self.csv(header, rows), rules: rules)
        var batch = BatchAssessment(rules: rules, asOf: Self.asOf, language: .en)
        batch.workers = 2
        var lines: [BatchAssessment.Line] = []
        let failed = batch.run(profiles, emit: { lines.append($0) })
        #expect(lines.count == profiles.count)
        #expect(failed == lines.filter { !$0.succeeded }.count)
        var differing: [String] = []
        for (line, profile) in zip(lines, profiles) {
            let own = try Self.ownLine(profile, rules: rules)
            if line.json != own { differing.append(profile.id) }
        }
        #expect(differing.isEmpty, "lines that differ from the profile's own assessment: \(differing.prefix(10))")
    }

    /// `assess` refuses answers that contradict one another: so does the batch, with an error line for that profile.
    @Test func aProfileThatContradictsItselfGivesAnErrorLine() throws {
        let rules = try RuleSet.load(directory: Fixtures.bundledRules)
        let path = try Self.csv(["id", "genericNameExists", "certificationStandardExists"],
                                [["both", "false", "true"], ["fine", "true", "true"]])
        let profiles = try BatchProfiles.load(path, rules: rules)
        var lines: [BatchAssessment.Line] = []
        let failed = BatchAssessment(rules: rules, asOf: Self.asOf, language: .en).run(profiles, emit: { lines.append($0) })
        #expect(failed == 1)
        #expect(!lines[0].succeeded && lines[1].succeeded)
        let alone = Assessor(rules: rules).assess(try profiles[0].read(rules), asOf: Self.asOf)
        let message = try #require(alone.contradictions.first).message(try profiles[0].read(rules), rules: rules, language: .en)
        #expect(lines[0].error?.problems.map(\.message) == [message])
        #expect(lines[0].json == (try Self.ownLine(profiles[0], rules: rules)))
        #expect(lines[1].json == (try Self.ownLine(profiles[1], rules: rules)))
    }
}

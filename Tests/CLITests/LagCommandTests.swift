import Foundation
import Testing

/// `yakuji lag` as a user runs it, on the worked scenarios of benchmarks.md §8.3.
@Suite struct LagCommandTests {
    static let foreignClassIVNewDevice = ["--route", "approval", "--category", "new", "--set", "manufacturerLocation=foreign",
                                          "--set", "deviceClass=4", "--set", "referenceMarket=us", "--set", "referenceRoute=pma",
                                          "--set", "japanClinicalTrial=none", "--set", "plannedConsultations=1", "--as-of", "2026-12-03"]

    static func json(_ arguments: [String]) throws -> [String: Any] {
        let result = try CLI.run(["lag"] + arguments + ["--format", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        return try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    }

    static func range(_ json: [String: Any], _ key: String) throws -> (p50: Double, p80: Double) {
        let value = try #require(json[key] as? [String: Any], "\(key)")
        return (try #require((value["p50"] as? NSNumber)?.doubleValue), try #require((value["p80"] as? NSNumber)?.doubleValue))
    }

    /// Scenario A: Class IV new device, FDA PMA approved, Japan starts after the US approval: lag 16.8 / 22.1.
    @Test func scenarioASequentialAfterPMA() throws {
        let json = try Self.json(Self.foreignClassIVNewDevice + ["--set", "japanStrategy=sequential"])
        let lag = try Self.range(json, "lagMonths")
        #expect(abs(lag.p50 - 16.8) <= 1 && abs(lag.p80 - 22.1) <= 2, "\(lag)")
        #expect((json["draws"] as? NSNumber)?.intValue == 10_000 && (json["seed"] as? NSNumber)?.intValue == 1)
    }

    /// Scenario B: the same device, Japanese filing 3 (P80 6) months after the US PMA filing: lag 4.5 / 10.3, P(Japan first) ≈ 0.27.
    @Test func scenarioBParallel() throws {
        let json = try Self.json(Self.foreignClassIVNewDevice + ["--set", "japanStrategy=parallel"])
        let lag = try Self.range(json, "lagMonths")
        #expect(abs(lag.p50 - 4.5) <= 1 && abs(lag.p80 - 10.3) <= 2, "\(lag)")
        let first = try #require((json["probabilityJapanFirst"] as? NSNumber)?.doubleValue)
        #expect(abs(first - 0.27) <= 0.05, "\(first)")
    }

    /// Scenario C: generic device after 510(k) clearance, sequential: lag 7.1 / 10.5.
    @Test func scenarioCGenericAfter510k() throws {
        let json = try Self.json(["--route", "approval", "--category", "generic", "--set", "manufacturerLocation=foreign",
                                  "--set", "holdsValidQmsCertificateSameGroup=true", "--set", "sameSitesSameProcesses=true",
                                  "--set", "referenceMarket=us", "--set", "referenceRoute=510k", "--set", "japanStrategy=sequential",
                                  "--as-of", "2026-12-03"])
        let lag = try Self.range(json, "lagMonths")
        #expect(abs(lag.p50 - 7.1) <= 1 && abs(lag.p80 - 10.5) <= 2, "\(lag)")
    }

    /// benchmarks.md §8.2 step 5: PMDA's own series puts a foreign new device filed after the US at 1–2.5 years.
    @Test func foreignNewDeviceAfterUSApprovalIsInsidePMDAsBand() throws {
        let json = try Self.json(Self.foreignClassIVNewDevice + ["--set", "japanStrategy=sequential"])
        let lag = try Self.range(json, "lagMonths")
        #expect(lag.p50 >= 12 && lag.p80 <= 30, "\(lag)")
    }

    @Test func sameInputsAndSeedGiveTheSameBytes() throws {
        let arguments = ["lag"] + Self.foreignClassIVNewDevice + ["--set", "japanStrategy=parallel", "--seed", "42", "--draws", "20000"]
        let first = try CLI.run(arguments), second = try CLI.run(arguments)
        #expect(first.status == 0 && first.stdout == second.stdout && !first.stdout.isEmpty)
    }

    @Test func textReportHasStagesTotalsAndSources() throws {
        let result = try CLI.run(["lag"] + Self.foreignClassIVNewDevice + ["--set", "referenceDecisionDate=2027-03-31"])
        #expect(result.status == 0, "\(result.stderr)")
        for needle in ["Time to a decision", "T1 Preparation for Japan", "█", "To the Japanese decision", "dates: P50 2028-",
                       "application lag (申請ラグ)", "Assumed", "T3 review.new-standard", "benchmarks.xml:"] {
            #expect(result.stdout.contains(needle), "missing \(needle)")
        }
    }

    @Test func whyShowsEveryPublishedValueOfAFigure() throws {
        let result = try CLI.run(["lag"] + Self.foreignClassIVNewDevice + ["--why", "review.new-standard"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("✓ used") && result.stdout.contains("not used") && result.stdout.contains("0035.html"))
        let bad = try CLI.run(["lag"] + Self.foreignClassIVNewDevice + ["--why", "T42"])
        #expect(bad.status == 2 && bad.stderr.contains("T1"))
    }

    @Test func badInputExitsTwoWithTheAllowedValues() throws {
        let route = try CLI.run(["lag", "--route", "teleport"])
        #expect(route.status == 2 && route.stderr.contains("certification"))
        let category = try CLI.run(["lag", "--route", "approval"])
        #expect(category.status == 2 && category.stderr.contains("--category"))
        let draws = try CLI.run(["lag", "--route", "certification", "--draws", "0"])
        #expect(draws.status == 2)
        let answer = try CLI.run(["lag", "--route", "certification", "--set", "japanStrategy=sideways"])
        #expect(answer.status == 2 && answer.stderr.contains("parallel"))
    }

    /// The lag command shares assess's answer parsing, date check, error bounds and escaping (issue 14, 11.18).
    @Test func lagAnswersAreLiteralsWithTheSameSpellingsAndBounds() throws {
        let generic = ["lag", "--route", "approval", "--category", "generic", "--set", "manufacturerLocation=foreign",
                       "--set", "sameSitesSameProcesses=true", "--as-of", "2026-12-03", "--format", "json"]
        let spelled = try CLI.run(generic + ["--set", "holdsValidQmsCertificateSameGroup=はい"])
        let plain = try CLI.run(generic + ["--set", "holdsValidQmsCertificateSameGroup=true"])
        #expect(spelled.status == 0 && spelled.stdout == plain.stdout, "\(spelled.stderr)")
        let asOf = try CLI.run(["lag", "--route", "certification", "--as-of", "2026-02-30"])
        #expect(asOf.status == 2 && asOf.stderr == "error: --as-of 2026-02-30: expected a date YYYY-MM-DD\n")
        let expression = try CLI.run(["lag", "--route", "certification", "--set", "referenceDecisionDate=date(\"2026-01-01\") + duration(\"P1D\")"])
        #expect(expression.status == 2 && expression.stderr.contains("referenceDecisionDate"))
        let long = try CLI.run(["lag", "--route", "certification", "--set", "referenceMarket=" + String(repeating: "\u{1b}[2J", count: 500)])
        #expect(long.status == 2 && !long.stderr.contains("\u{1b}") && long.stderr.utf8.count < 400, "\(long.stderr)")
    }

    @Test func helpHasAnExample() throws {
        let result = try CLI.run(["lag", "--help"])
        #expect(result.stdout.contains("Example") && result.stdout.contains("--route approval --category new"))
    }

    @Test func assessJSONHasTheTimelineAndWhyTracesIt() throws {
        let result = try CLI.run(["assess", "--answers", "Samples/surgical-robot.xml", "--no-input", "--format", "json", "--as-of", "2026-12-03"])
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let timeline = try #require(json["timeline"] as? [String: Any])
        let stages = try #require(timeline["stages"] as? [[String: Any]])
        #expect(!stages.isEmpty && stages.allSatisfy { $0["source"] is String && $0["stage"] is String })
        let why = try CLI.run(["assess", "--answers", "Samples/surgical-robot.xml", "--no-input", "--why", "all", "--as-of", "2026-12-03"])
        #expect(why.status == 0 && why.stdout.contains("review.new-standard"))
    }
}

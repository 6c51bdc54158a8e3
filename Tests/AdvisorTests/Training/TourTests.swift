import DecisionModel
import Testing
@testable import Advisor

@Suite struct TourTests {
    static let rules: RuleSet? = try? RuleSet.load(directory: Fixtures.bundledRules)

    func steps(_ sample: String) throws -> (Assessment, [Tour.Step]) {
        let rules = try #require(Self.rules)
        let answers = try AnswersFile.load(Fixtures.bundledRules + "/../Samples/\(sample).xml", rules: rules)
        let assessment = Assessor(rules: rules).assess(answers, absentIsUnknown: true, exploreAlternatives: false)
        return (assessment, Tour(rules: rules).steps(assessment))
    }

    @Test func everyRowOfEveryTableGetsAVerdictThatHolds() throws {
        let (assessment, steps) = try steps("home-blood-pressure-monitor")
        #expect(steps.count == assessment.evaluation.traces.count)
        let scope = FEELScope(assessment.answers.inputValues.merging(assessment.evaluation.values) { $1 })
        for step in steps {
            guard let table = step.table else { continue }
            #expect(step.rows.count == table.rules.count)
            for row in step.rows {
                if case .miss(let columns) = row.verdict {
                    #expect(!columns.isEmpty)
                    for column in columns {
                        #expect(!row.rule.inputEntries[column].matches(step.trace.inputs[column].value, scope: scope),
                                "\(step.trace.decision) row \(row.rule.row) column \(column) does match")
                    }
                }
                if row.verdict == .hit { #expect(step.trace.rules.contains { $0.row == row.rule.row }) }
            }
        }
    }

    @Test func firstStopsAtItsHitAndCollectMaxKeepsTheHighestClass() throws {
        let (_, steps) = try steps("home-blood-pressure-monitor")
        let pathway = try #require(steps.first { $0.trace.decision == "pathway" })
        let hit = try #require(pathway.rows.first { $0.verdict == .hit })
        #expect(pathway.rows.filter { $0.verdict == .hit }.count == 1)
        #expect(pathway.rows.filter { $0.rule.row > hit.rule.row }.allSatisfy { $0.verdict == .notReached(stoppedAt: hit.rule.row) })
        let classes = try #require(steps.first { $0.trace.decision == "ruleBasedClass" })
        #expect(classes.rows.contains { $0.verdict == .alsoMatches }, "a lower class also matched")
        #expect(classes.rows.filter { $0.verdict == .hit }.allSatisfy { row in
            row.rule.outputEntries.first?.evaluate(FEELScope()) == classes.trace.value
        })
    }

    @Test func thePageNamesTheFailedConditionInBothLanguages() throws {
        let rules = try #require(Self.rules)
        let (assessment, steps) = try steps("home-blood-pressure-monitor")
        let index = try #require(steps.firstIndex { $0.trace.decision == "regulatoryCategory" })
        let en = Display(width: 100).render(Tour(rules: rules).page(steps[index], number: index + 1, of: steps.count, assessment: assessment, language: .en))
        #expect(en.contains("✔ row"))
        #expect(en.contains("✘ row 2 [rc_Q1_veterinary]: targetSpecies = human"))
        #expect(en.contains("≠ \"animal-only\""))
        #expect(en.contains("not reached: FIRST stops at row"))
        let ja = Display(width: 100).render(Tour(rules: rules).page(steps[index], number: index + 1, of: steps.count, assessment: assessment, language: .ja))
        #expect(ja.contains("1つの条件だけが合わなかった行") || ja.contains("✘ 行 2"))
        #expect(ja.contains("未到達"))
    }

    @Test func aSessionPausesAfterEachStepAndStopsOnQ() throws {
        let rules = try #require(Self.rules)
        let answers = try AnswersFile.load(Fixtures.bundledRules + "/../Samples/wellness-app.xml", rules: rules)
        var paused = TourSession(rules: rules, language: .en, display: Display(width: 80), console: ScriptedConsole(["", "q"]), pauses: true)
        let finished = paused.run(title: "wellness", description: nil, answers: answers)
        #expect(finished == false)
        #expect(paused.console.transcript.contains("Step 2 of"))
        #expect(!paused.console.transcript.contains("Step 3 of"))
        #expect(paused.console.transcript.contains("Tour stopped."))
        var straight = TourSession(rules: rules, language: .en, display: Display(width: 80), console: ScriptedConsole([]), pauses: false)
        let completed = straight.run(title: "wellness", description: nil, answers: answers)
        #expect(completed)
        #expect(straight.console.transcript.contains("End of the tour."))
        #expect(straight.console.transcript.contains("Regulatory category") && straight.console.transcript.contains("Not a medical device"))
    }

    @Test func aSampleIsFoundByNameOrScenarioId() throws {
        let rules = try #require(Self.rules)
        let library = CaseLibrary.load(rules: rules)
        let byName = try TourSession<ScriptedConsole>.subject("wellness-app", rules: rules, library: library, language: .en)
        #expect(byName.title.contains("wellness"))
        let byID = try TourSession<ScriptedConsole>.subject("quiz-headache-app", rules: rules, library: library, language: .ja)
        #expect(byID.description?.contains("頭痛") == true)
        #expect(throws: AdvisorError.self) { try TourSession<ScriptedConsole>.subject("no-such-sample", rules: rules, library: library, language: .en) }
    }
}

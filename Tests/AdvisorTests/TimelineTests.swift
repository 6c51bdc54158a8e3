import DecisionModel
import Foundation
import Testing
@testable import Advisor

/// The lag model (benchmarks.md §8) on the bundled rules: stage choice, the Monte Carlo, the report and `why`.
@Suite(.serialized) struct TimelineTests {
    static let rules: RuleSet = try! RuleSet.load(directory: Fixtures.bundledRules)
    static let asOf = "2026-12-03"

    static func lag(_ route: String, _ category: String? = nil, schemes: [String] = [], _ answers: [String: String] = [:],
                    seed: UInt64 = 1, draws: Int = 10_000) throws -> TimelineEstimate {
        var query = LagQuery(route: route, category: category)
        query.schemes = schemes
        query.asOf = asOf
        query.seed = seed
        query.draws = draws
        for (name, text) in answers.sorted(by: { $0.key < $1.key }) {
            query.answers[name] = try AnswersFile.parse(name: name, text: text, unknown: false, rules: rules)
        }
        return try query.run(rules: rules).estimate
    }

    static func sample(_ name: String, _ extra: [String: String] = [:]) throws -> Assessment {
        var answers = try AnswersFile.load(Fixtures.bundledRules + "/../Samples/\(name)", rules: rules)
        for (key, text) in extra { answers[key] = try AnswersFile.parse(name: key, text: text, unknown: text == "?", rules: rules) }
        return Assessor(rules: rules).assess(answers, asOf: asOf)
    }

    static let foreignNewDevice = ["manufacturerLocation": "foreign", "deviceClass": "4", "referenceMarket": "us", "referenceRoute": "pma",
                                   "japanClinicalTrial": "none", "plannedConsultations": "1"]

    @Test func seededGeneratorIsXoshiro256StarStar() {
        var random = SeededRandom(seed: 1)
        // The reference implementation (Blackman & Vigna) seeded through SplitMix64 from 1.
        #expect([random.next(), random.next(), random.next()] == [12_966_619_160_104_079_557, 9_600_361_134_598_540_522, 10_590_380_919_521_690_900])
    }

    @Test func quantilesBySelectionMatchASortedArray() {
        var random = SeededRandom(seed: 9)
        for count in [1, 2, 3, 10, 101, 1000] {
            var values = (0..<count).map { _ in (random.uniform() * 20).rounded() }   // with ties
            let sorted = values.sorted()
            let expected = [0.5, 0.8].map { p -> Double in
                let h = Double(count - 1) * p, lower = Int(h.rounded(.down)), upper = min(lower + 1, count - 1)
                return sorted[lower] + (h - Double(lower)) * (sorted[upper] - sorted[lower])
            }
            #expect(TimelineSimulation.quantiles(&values, [0.5, 0.8]) == expected, "\(count) values")
        }
    }

    @Test func quantilesInAnyOrderMatchASortedArray() {
        var random = SeededRandom(seed: 11)
        for ps in [[0.8, 0.5], [0.5, 0.5, 0.8], [0.2, 0.5, 0.9, 0.1], [0.0, 1.0]] {
            for count in [1, 2, 5, 100, 1001] {
                var values = (0..<count).map { _ in (random.uniform() * 10).rounded() }
                let sorted = values.sorted()
                let expected = ps.map { p -> Double in
                    let h = Double(count - 1) * p, lower = Int(h.rounded(.down)), upper = min(lower + 1, count - 1)
                    return sorted[lower] + (h - Double(lower)) * (sorted[upper] - sorted[lower])
                }
                #expect(TimelineSimulation.quantiles(&values, ps) == expected, "\(ps), \(count) values")
            }
        }
    }

    /// Route alternatives re-evaluate only the decisions downstream of the route (and, of those, only what the
    /// timeline reads): the same timeline, stage rules and assumptions as evaluating the whole graph with the route
    /// fixed.
    @Test(arguments: ["productForm", "invasiveness", "intendedPurpose", "deviceClass", "novelty", "genericNameExists"])
    func routeTimelineReusingThePlainEvaluationEqualsAWholeEvaluation(unknown: String) throws {
        let a = try Self.sample("home-blood-pressure-monitor.xml", [unknown: "?"])
        let estimator = TimelineEstimator(rules: Self.rules)
        let inputs = a.answers.inputValues
        let plain = DMNEvaluator(model: Self.rules.model).evaluate(inputs)
        let date = try #require(FEELDate(iso8601: Self.asOf))
        // One `Reuse` for all the alternatives, as an assessment makes it: what it works out for the first is kept.
        let keys = Assessment.routeKeys.union(a.alternatives.flatMap { $0.outcome.map(\.key) })
        let shared = TimelineEstimator.Reuse(plain: plain, inputs: inputs, model: Self.rules.model, keys: keys)
        var compared = 0
        for alternative in a.alternatives where alternative.outcome.contains(where: { Assessment.routeKeys.contains($0.key) }) {
            var contract: [String: FEELValue] = [:]
            for key in Assessment.routeKeys where a.value(key) != .null { contract[key] = a.value(key) }
            for (key, value) in alternative.outcome { contract[key] = value }
            let whole = estimator.estimate(contractValues: contract, inputs: inputs, asOf: date, base: a.evaluation.values).0
            // Evaluating only what the timeline reads gives the same estimate.
            let only = estimator.estimate(contractValues: contract, inputs: inputs, asOf: date, base: a.evaluation.values, timelineOnly: true).0
            let reusing = estimator.estimate(contractValues: contract, inputs: inputs, asOf: date, base: a.evaluation.values, reusing: plain)
            let sharing = estimator.estimate(contractValues: contract, asOf: date, base: a.evaluation.values, reusing: shared)
            #expect(String(describing: sharing.map(\.contractValue)) == String(describing: reusing.map(\.contractValue)))
            switch (whole, reusing) {
            case (.success(let x), .success(let y)):
                #expect(x.contractValue == y.contractValue)
                func refs(_ plan: TimelinePlan) -> [String] {
                    func ref(_ r: TimelinePlan.RuleRef?) -> String { r.map { "\($0.decision) \($0.row) \($0.id ?? "") \($0.source ?? "")" } ?? "-" }
                    return plan.stages.map { ref($0.rule) + " / " + $0.chosenBy.map(ref).joined(separator: ", ") } + plan.assumptions.map(ref)
                }
                #expect(refs(x.plan) == refs(y.plan))
                if case .success(let o) = only { #expect(o.contractValue == x.contractValue && refs(o.plan) == refs(x.plan)) }
                else { Issue.record("the timeline's decisions alone gave no estimate: \(only)") }
                if case .success(let z) = sharing { #expect(refs(z.plan) == refs(y.plan)) }
                compared += 1
            case (.failure(let x), .failure(let y)): #expect(x == y)
            default: Issue.record("one succeeded, the other did not: \(whole) / \(reusing)")
            }
        }
        if ["productForm", "invasiveness"].contains(unknown) { #expect(compared > 0, "route alternatives with a timeline") }
    }

    @Test func aStageDrawsItsOwnP50AndP80() throws {
        // A certification alone: preparation 3–6 and review 3–6, no reference market.
        let estimate = try Self.lag("certification", nil, ["referenceMarket": "none", "manufacturerLocation": "domestic"])
        #expect(estimate.review == TimelineEstimate.Range(p50: 3.0, p80: 6.0) || (abs(estimate.review.p50 - 3) <= 0.1 && abs(estimate.review.p80 - 6) <= 0.15))
        #expect(estimate.lag == nil && estimate.probabilityJapanFirst == nil)
    }

    @Test func sameSeedSameBytesOtherSeedOtherDraws() throws {
        let a = try Self.lag("approval", "new", Self.foreignNewDevice.merging(["japanStrategy": "parallel"]) { $1 })
        let b = try Self.lag("approval", "new", Self.foreignNewDevice.merging(["japanStrategy": "parallel"]) { $1 })
        #expect(a.json.rendered() == b.json.rendered())
        let c = try Self.lag("approval", "new", Self.foreignNewDevice.merging(["japanStrategy": "parallel"]) { $1 }, seed: 7)
        #expect(c.json.rendered() != a.json.rendered())
        #expect(abs((c.lag?.p50 ?? 0) - (a.lag?.p50 ?? 0)) < 0.5, "10,000 draws settle the median")
    }

    /// The phase totals drawn one number at a time, as the stages ask for them: per draw and phase, each stage the
    /// sum of its cycles (a normal each when it has a spread), dropped when a uniform says it does not happen, and
    /// the longest stage of each group summed.
    static func drawnOneByOne(_ plan: TimelinePlan, draws: Int, seed: UInt64) -> [[Double]] {
        let simulation = TimelineSimulation(plan: plan, asOf: 0, draws: draws, seed: seed)
        let phases = [simulation.draws(for: .submission), simulation.draws(for: .review), simulation.draws(for: .reference)]
        var random = SeededRandom(seed: seed)
        var totals: [[Double]] = [[], [], []]
        for _ in 0..<draws {
            for (p, stages) in phases.enumerated() {
                var groups = [Double](repeating: 0, count: (stages.map(\.group).max() ?? 0) + 1)
                for stage in stages {
                    var length = 0.0
                    for _ in 0..<stage.cycles { length += stage.sigma == 0 ? stage.mu : exp(stage.mu + stage.sigma * random.normal()) }
                    if stage.probability < 1 && random.uniform() >= stage.probability { length = 0 }
                    groups[stage.group] = max(groups[stage.group], length)
                }
                totals[p].append(groups.reduce(0, +))
            }
        }
        return totals
    }

    /// A run takes its numbers from a stream drawn once per pattern and replayed for other plans, and sums
    /// one-stage groups without a group table: the totals must be the very numbers of drawing them one by one,
    /// whether the stream is drawn for the plan or replayed.
    @Test func aRunGivesTheTotalsOfDrawingEachNumberInTurn() throws {
        let plans = try [
            Self.lag("certification", nil, ["referenceMarket": "none", "manufacturerLocation": "domestic"]).plan,
            Self.lag("approval", "new", Self.foreignNewDevice.merging(["japanStrategy": "parallel"]) { $1 }).plan,
            Self.lag("approval", "new", Self.foreignNewDevice.merging(["japanStrategy": "sequential", "plannedConsultations": "3"]) { $1 }).plan,
            Self.lag("approval", "improved-with-clinical", ["manufacturerLocation": "foreign", "deviceClass": "3"]).plan,
        ]
        let simulations = plans.map { TimelineSimulation(plan: $0, asOf: 0, draws: 700, seed: 5) }
        // Both sums are exercised: a phase with a group of several stages, and stages that may not happen.
        #expect(simulations.contains { s in [TimelinePlan.Phase.submission, .review].contains { s.draws(for: $0).count > Set(s.draws(for: $0).map(\.group)).count } })
        #expect(simulations.contains { s in s.draws(for: .submission).contains { $0.probability < 1 } || s.draws(for: .review).contains { $0.probability < 1 } })
        RandomStream.cache.withLock { $0.removeAll() }
        for round in ["drawn", "replayed"] {
            for (plan, simulation) in zip(plans, simulations) {
                let expected = Self.drawnOneByOne(plan, draws: 700, seed: 5)
                let samples = simulation.run()
                // The first draw that differs, rather than two arrays of 700 numbers.
                func differing(_ got: [Double], _ want: [Double]) -> String? {
                    guard got.count == want.count else { return "\(got.count) draws, not \(want.count)" }
                    return got.indices.first { got[$0] != want[$0] }.map { "draw \($0): \(got[$0]), not \(want[$0])" }
                }
                #expect(differing(samples.values(.submission), expected[0]) == nil, "\(round): submission")
                #expect(differing(samples.values(.review), expected[1]) == nil, "\(round): review")
                #expect(differing(samples.values(.decision), zip(expected[0], expected[1]).map { $0 + $1 }) == nil, "\(round): decision")
            }
        }
    }

    @Test func lagIsApplicationLagPlusReviewLagInEveryDraw() throws {
        let estimate = try Self.lag("approval", "new", Self.foreignNewDevice.merging(["japanStrategy": "parallel"]) { $1 })
        let samples = TimelineSimulation(plan: estimate.plan, asOf: FEELDate(iso8601: Self.asOf)!.daysSinceEpoch, draws: 500, seed: 3).run()
        for i in samples.lag.indices {
            #expect(abs(samples.lag[i] - samples.applicationLag[i] - samples.reviewLag[i]) < 1e-9)
        }
        #expect(samples.lag.contains { $0 < 0 } && samples.lag.contains { $0 > 0 })
    }

    /// benchmarks.md §8.2 step 5: a typical foreign new device filed after the US decision lands in PMDA's band.
    @Test func foreignClassIVNewDeviceAfterUSApprovalIsInsidePMDAsBand() throws {
        let band = try #require(Self.rules.benchmarks["lag.new-device-band"]?.used)
        let (low, high) = (try #require(band.low), try #require(band.high))
        let estimate = try Self.lag("approval", "new", Self.foreignNewDevice.merging(["japanStrategy": "sequential"]) { $1 })
        let lag = try #require(estimate.lag)
        #expect(lag.p50 >= low && lag.p50 <= high, "lag P50 \(lag.p50) outside \(low)–\(high) months")
        #expect(lag.p80 <= high)
        // PMDA: the lag is mostly application lag, the review lag about zero.
        let review = try #require(estimate.reviewLag), application = try #require(estimate.applicationLag)
        #expect(application.p50 > 12 && abs(review.p50) < 3)
    }

    @Test func calendarDatesFollowAGivenReferenceDecision() throws {
        // A US decision still to come (2027-06-30): Japanese work starts then.
        let future = try Self.lag("approval", "new", Self.foreignNewDevice.merging(["japanStrategy": "sequential",
                                                                                    "referenceDecisionDate": "2027-06-30"]) { $1 })
        let dates = try #require(future.decisionDate)
        let start = FEELDate(iso8601: "2027-06-30")!.daysSinceEpoch
        #expect(abs(Double(dates.p50.daysSinceEpoch - start) / 30.4375 - future.decision.p50) < 0.2)
        #expect(dates.p50 < dates.p80 && !future.startsOnAsOf)
        // A US decision already past: Japanese work cannot start before the as-of date, and the lag grows.
        let past = try Self.lag("approval", "new", Self.foreignNewDevice.merging(["japanStrategy": "sequential",
                                                                                  "referenceDecisionDate": "2025-06-30"]) { $1 })
        #expect(past.startsOnAsOf)
        #expect((past.lag?.p50 ?? 0) > future.lag!.p50 + 12)
        let text = TimelineText(rules: Self.rules, language: .en).lines(past).joined(separator: "\n")
        #expect(text.contains("already past") && text.contains(Self.asOf))
    }

    @Test func japanFirstWithoutDatesFilesWithTheReference() throws {
        let estimate = try Self.lag("approval", "new", Self.foreignNewDevice.merging(["japanStrategy": "japan-first"]) { $1 })
        #expect(estimate.applicationLag == TimelineEstimate.Range(p50: 0, p80: 0))
        #expect(estimate.decisionDate != nil, "Japan first starts on the as-of date")
    }

    @Test func unknownTimelineAnswersGetTheirDocumentedDefaultAndSaySo() throws {
        let estimate = try Self.lag("approval", "new", ["manufacturerLocation": "foreign", "deviceClass": "4"])
        let defaulted = Set(estimate.plan.assumptions.map(\.decision))
        #expect(defaulted == ["timelineReference", "timelineStrategy", "timelineTrial", "timelineConsultations"])
        #expect(estimate.plan.referenceRoute == "pma" && estimate.plan.strategy == "sequential")
        let text = TimelineText(rules: Self.rules, language: .ja).lines(estimate).joined(separator: "\n")
        #expect(text.contains("仮定") && text.contains("japanStrategy"))
    }

    @Test func everySampleWithARouteHasATimeline() throws {
        let samples = try FileManager.default.contentsOfDirectory(atPath: Fixtures.bundledRules + "/../Samples").filter { $0.hasSuffix(".xml") }
        var checked = 0
        for name in samples.sorted() {
            let a = try Self.sample(name)
            guard ["approval", "certification", "notification"].contains(a.value("pathway").string ?? "") else { continue }
            guard a.value("change.procedure").string != "none" else { continue }
            let timeline = try #require(a.timeline, "\(name) has no timeline")
            checked += 1
            var ranges = [timeline.review, timeline.submission, timeline.decision]
            ranges += [timeline.lag, timeline.applicationLag, timeline.reviewLag].compactMap { $0 }
            for range in ranges { #expect(range.p50 <= range.p80, "\(name): \(range)") }
            if case .context(let c) = a.value("timeline") {
                for key in ContractKeys.objects["timeline"]! { #expect(c[key] != nil, "\(name): timeline.\(key) missing") }
            } else {
                Issue.record("\(name): timeline is not an object")
            }
        }
        #expect(checked >= 15)
    }

    @Test func everyFigureInTheReportIsTracedByWhy() throws {
        for name in ["surgical-robot.xml", "home-blood-pressure-monitor.xml", "dialyser-membrane-change.xml", "focused-ultrasound-therapy.xml"] {
            let a = try Self.sample(name, ["manufacturerLocation": "foreign"])
            let estimate = try #require(a.timeline)
            let report = TextReport(rules: Self.rules, language: .en).text(a)
            let text = TimelineText(rules: Self.rules, language: .en)
            for (i, stage) in estimate.plan.stages.enumerated() {
                let tag = TimelineText.tag(i)
                #expect(report.contains("\(tag) \(stage.figure)"), "\(name): \(tag) not in the sources")
                let why = try #require(text.why(estimate, tag))
                let figure = try #require(Self.rules.benchmarks[stage.figure])
                #expect(why.contains("benchmarks.xml:\(figure.used!.location.line)"))
                // A source that is only a pointer into the research notes shows nothing; every other one is shown.
                for row in figure.evidence {
                    let shown = Citations.withoutResearchNotes(row.source)
                    #expect(shown.isEmpty || why.contains(shown))
                }
                #expect(why.contains("timeline.dmn:"), "the rule row that chose the stage")
            }
            #expect(text.why(estimate, "T99") == nil)
        }
    }

    @Test func openRouteGivesATimelinePerPossibleRoute() throws {
        let a = try Self.sample("home-blood-pressure-monitor.xml", ["conformsToCertificationStandard": "?"])
        #expect(a.timeline == nil && a.value("timeline") == .null)
        let routes = a.alternatives.filter { $0.timeline != nil }
        #expect(routes.count >= 2)
        let reviewFigures = Set(routes.compactMap { route in route.timeline?.plan.stages.first { $0.phase == .review }?.figure })
        #expect(reviewFigures.isSuperset(of: ["certification.rcb", "review.generic"]))
        let json = AssessmentJSON.render(a, language: .en)
        #expect(json.contains("\"timeline\": null"))
        #expect(json.components(separatedBy: "\"japanDecisionMonths\"").count - 1 == routes.count)
        let text = TextReport(rules: Self.rules, language: .en).text(a)
        #expect(text.contains("→ time to a decision"))
    }

    /// The class of the AI sample stays open (and with it the licence type), but not what the timeline tables read.
    @Test func aTimelineNoOpenAnswerChangesIsStatedOnce() throws {
        let a = try Self.sample("ai-image-diagnosis-software.xml", ["informationSignificance": "?"])
        #expect(a.alternatives.contains { $0.outcome.contains { Assessment.routeKeys.contains($0.key) } })
        let timeline = try #require(a.timeline)
        #expect(timeline.plan.stages.last?.figure == "review.improved-clinical")
        #expect(a.alternatives.allSatisfy { $0.timeline == nil })
        let text = TextReport(rules: Self.rules, language: .en).text(a)
        #expect(text.contains("To the Japanese decision") && !text.contains("one figure per possible outcome"))
    }

    @Test func partialChangeHasItsOwnTimeline() throws {
        let a = try Self.sample("dialyser-membrane-change.xml", ["clinicalDataNeeded": "false"])
        let timeline = try #require(a.timeline)
        #expect(timeline.plan.stages.map(\.figure) == ["change.partial-approval"])
        #expect(timeline.lag == nil)
        let minor = try Self.sample("component-rename.xml")
        #expect(minor.timeline?.decision == TimelineEstimate.Range(p50: 1, p80: 1), "the 30-day notification")
    }

    @Test func lagQueryRejectsWhatItCannotPlace() {
        #expect(throws: AdvisorError.self) { try Self.lag("approval") }
        #expect(throws: AdvisorError.self) { try Self.lag("teleport", "new") }
        #expect(throws: AdvisorError.self) { try Self.lag("approval", "brand-new") }
        #expect(throws: AdvisorError.self) { try Self.lag("approval", "new", schemes: ["fast-track"]) }
        #expect(LagQuery.values(of: "schemes", in: Self.rules.model).contains("sakigake"))
        #expect(LagQuery.values(of: "change.procedure", in: Self.rules.model).contains("partial-change-approval"))
    }

    @Test func schemesChangeTheReviewFigure() throws {
        let sakigake = try Self.lag("approval", "new", schemes: ["sakigake"], ["referenceMarket": "none", "manufacturerLocation": "domestic",
                                                                             "japanClinicalTrial": "none"])
        #expect(sakigake.plan.stages.contains { $0.figure == "review.sakigake" })
        let orphan = try Self.lag("approval", "new", schemes: ["orphan"], ["referenceMarket": "none", "manufacturerLocation": "domestic",
                                                                          "japanClinicalTrial": "none"])
        #expect(orphan.review.p80 < 10 && orphan.review.p80 > 8)
    }
}

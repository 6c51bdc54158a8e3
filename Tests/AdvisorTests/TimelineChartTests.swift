import Testing
import XMLSupport
@testable import Advisor

/// The inline SVG timeline of the HTML report.
@Suite struct TimelineChartTests {
    static let rules: RuleSet = try! RuleSet.load(directory: Fixtures.bundledRules)

    func chart(_ sample: String, _ language: Language, set: [(String, Answers.Answer)] = []) throws -> (TimelineEstimate, XMLElementNode) {
        var answers = try AnswersFile.load(Fixtures.bundledRules + "/../Samples/\(sample).xml", rules: Self.rules)
        for (name, answer) in set { answers[name] = answer }
        let a = Assessor(rules: Self.rules).assess(answers, asOf: "2026-12-03", exploreAlternatives: false)
        let estimate = try #require(a.timeline)
        let svg = TimelineChart(rules: Self.rules, language: language).svg(estimate)
        return (estimate, try XMLLoader().load(string: svg, name: "chart.svg"))
    }

    func all(_ node: XMLElementNode, _ name: String) -> [XMLElementNode] {
        (node.name == name ? [node] : []) + node.children.flatMap { all($0, name) }
    }

    @Test(arguments: [Language.en, .ja]) func oneBarPerStageAndTheReferenceMarked(_ language: Language) throws {
        let (estimate, svg) = try chart("drug-eluting-coronary-stent", language,
                                        set: [("referenceDecisionDate", .value(.date(.init(iso8601: "2026-06-01")!)))])
        #expect(svg.name == "svg")
        let rects = all(svg, "rect")
        // A solid P50 bar per stage (the hatched P50–P80 part and the legend add more rectangles).
        #expect(rects.filter { $0.attribute("fill") == "#333" }.count == estimate.plan.stages.count + 1)
        #expect(rects.contains { $0.attribute("fill") == "url(#p80hatch)" })
        // The reference decision: a dashed line across the chart and in the legend.
        #expect(all(svg, "line").filter { $0.attribute("stroke-dasharray") != nil }.count == 2)
        let texts = all(svg, "text").map(\.trimmedText)
        #expect(texts.contains(TimelineStrings.text(.months, language)))
        #expect(texts.contains(estimate.decision.text))
    }

    @Test func noReferenceNoMarker() throws {
        let (_, svg) = try chart("home-blood-pressure-monitor", .en)
        #expect(all(svg, "line").allSatisfy { $0.attribute("stroke-dasharray") == nil })
        // Black and white only: no colour other than greys.
        let colours = all(svg, "rect").compactMap { $0.attribute("fill") }.filter { !$0.hasPrefix("url(") }
        #expect(colours.allSatisfy { ["#333", "#000", "#fff", "none"].contains($0) })
    }
}

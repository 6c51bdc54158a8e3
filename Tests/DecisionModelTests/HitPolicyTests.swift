import Testing
@testable import DecisionModel

/// Each hit policy on its own, against the DMN specification's semantics.
@Suite struct HitPolicyTests {
    static let age = DMN.Column(name: "Age", type: "number")
    static let band = DMN.Column(name: "Band", type: "string")
    /// Rows: <18 → "minor"; >=18 → "adult"; >=65 → "senior".
    static let overlapping = [["< 18", "\"minor\""], [">= 18", "\"adult\""], [">= 65", "\"senior\""]]

    @Test func uniqueReturnsTheOneMatchingRule() throws {
        let xml = DMN.table(policy: "UNIQUE", inputs: [Self.age], outputs: [Self.band],
                            rules: [["< 18", "\"minor\""], ["[18..65)", "\"adult\""], [">= 65", "\"senior\""]])
        let (value, trace) = try DMN.evaluate(xml, ["Age": num(30)])
        #expect(value == str("adult"))
        #expect(trace.rules.map(\.row) == [2])
        #expect(trace.hitPolicy == "U")
    }

    @Test func uniqueWithTwoMatchesIsAnErrorAndNull() throws {
        let xml = DMN.table(policy: "UNIQUE", inputs: [Self.age], outputs: [Self.band], rules: Self.overlapping)
        let (value, trace) = try DMN.evaluate(xml, ["Age": num(70)])
        #expect(value == .null)
        #expect(trace.problems.contains { $0.contains("UNIQUE") && $0.contains("2, 3") })
        #expect(trace.violation != nil)
        #expect(trace.rules.map(\.row) == [2, 3])
    }

    @Test func aViolationIsListedApartFromOtherProblems() throws {
        let xml = DMN.table(policy: "UNIQUE", inputs: [Self.age], outputs: [Self.band], rules: Self.overlapping)
        let model = try DMNLoader().load(string: xml, name: "t.dmn")
        #expect(DMNEvaluator(model: model).evaluate(["Age": num(70)]).violations.map(\.decision) == ["Result"])
        #expect(DMNEvaluator(model: model).evaluate(["Age": num(10)]).violations.isEmpty)
    }

    @Test func noMatchIsNullWithoutDefaults() throws {
        let xml = DMN.table(policy: "UNIQUE", inputs: [Self.age], outputs: [Self.band], rules: [["< 18", "\"minor\""]])
        let (value, trace) = try DMN.evaluate(xml, ["Age": num(30)])
        #expect(value == .null)
        #expect(trace.rules.isEmpty)
        #expect(trace.problems.isEmpty)
    }

    @Test func defaultOutputEntryAppliesWhenNothingMatches() throws {
        let xml = DMN.table(policy: "FIRST", inputs: [Self.age], outputs: [Self.band], rules: [["< 18", "\"minor\""]],
                            defaults: ["\"unknown\""])
        #expect(try DMN.evaluate(xml, ["Age": num(30)]).0 == str("unknown"))
        #expect(try DMN.evaluate(xml, ["Age": num(3)]).0 == str("minor"))
    }

    @Test func anyAcceptsEqualOutputsAndRejectsDifferentOnes() throws {
        let same = DMN.table(policy: "ANY", inputs: [Self.age], outputs: [Self.band],
                             rules: [[">= 18", "\"adult\""], [">= 21", "\"adult\""]])
        #expect(try DMN.evaluate(same, ["Age": num(30)]).0 == str("adult"))
        let different = DMN.table(policy: "ANY", inputs: [Self.age], outputs: [Self.band], rules: Self.overlapping)
        let (value, trace) = try DMN.evaluate(different, ["Age": num(70)])
        #expect(value == .null)
        #expect(trace.problems.contains { $0.contains("ANY") })
    }

    @Test func firstTakesTheEarliestRule() throws {
        let xml = DMN.table(policy: "FIRST", inputs: [Self.age], outputs: [Self.band],
                            rules: [[">= 65", "\"senior\""], [">= 18", "\"adult\""], ["-", "\"minor\""]])
        let (value, trace) = try DMN.evaluate(xml, ["Age": num(70)])
        #expect(value == str("senior"))
        #expect(trace.rules.map(\.row) == [1])
        #expect(try DMN.evaluate(xml, ["Age": num(5)]).0 == str("minor"))
    }

    @Test func priorityFollowsTheOrderOfOutputValues() throws {
        let ranked = DMN.Column(name: "Band", type: "string", values: "\"senior\",\"adult\",\"minor\"")
        let xml = DMN.table(policy: "PRIORITY", inputs: [Self.age], outputs: [ranked],
                            rules: [["-", "\"minor\""], [">= 18", "\"adult\""], [">= 65", "\"senior\""]])
        let (value, trace) = try DMN.evaluate(xml, ["Age": num(70)])
        #expect(value == str("senior"))
        #expect(trace.rules.map(\.row) == [3])
        #expect(try DMN.evaluate(xml, ["Age": num(20)]).0 == str("adult"))
    }

    @Test func priorityWithSeveralOutputsComparesThemInColumnOrder() throws {
        let status = DMN.Column(name: "Status", type: "string", values: "\"Declined\",\"Approved\"")
        let rate = DMN.Column(name: "Rate", type: "string", values: "\"Best\",\"Standard\"")
        let xml = DMN.table(policy: "PRIORITY", inputs: [Self.age], outputs: [status, rate],
                            rules: [["-", "\"Approved\"", "\"Standard\""], ["-", "\"Approved\"", "\"Best\""], ["< 18", "\"Declined\"", "\"Standard\""]])
        let adult = try DMN.evaluate(xml, ["Age": num(30)]).0
        #expect(adult == .context(FEELContext([("Status", str("Approved")), ("Rate", str("Best"))])))
        let minor = try DMN.evaluate(xml, ["Age": num(10)]).0
        #expect(minor == .context(FEELContext([("Status", str("Declined")), ("Rate", str("Standard"))])))
    }

    @Test func ruleOrderListsEveryHitInRuleOrder() throws {
        let xml = DMN.table(policy: "RULE ORDER", inputs: [Self.age], outputs: [Self.band],
                            rules: [[">= 65", "\"senior\""], ["-", "\"person\""], [">= 18", "\"adult\""]])
        let (value, trace) = try DMN.evaluate(xml, ["Age": num(70)])
        #expect(value == .list([str("senior"), str("person"), str("adult")]))
        #expect(trace.rules.map(\.row) == [1, 2, 3])
    }

    @Test func outputOrderSortsHitsByOutputPriority() throws {
        let ranked = DMN.Column(name: "Band", type: "string", values: "\"senior\",\"adult\",\"person\"")
        let xml = DMN.table(policy: "OUTPUT ORDER", inputs: [Self.age], outputs: [ranked],
                            rules: [["-", "\"person\""], [">= 18", "\"adult\""], [">= 65", "\"senior\""]])
        let (value, trace) = try DMN.evaluate(xml, ["Age": num(70)])
        #expect(value == .list([str("senior"), str("adult"), str("person")]))
        #expect(trace.rules.map(\.row) == [3, 2, 1])
    }

    @Test func collectListsHitsAndEmptyIsNull() throws {
        let xml = DMN.table(policy: "COLLECT", inputs: [Self.age], outputs: [Self.band], rules: Self.overlapping)
        #expect(try DMN.evaluate(xml, ["Age": num(70)]).0 == .list([str("adult"), str("senior")]))
        let none = DMN.table(policy: "COLLECT", inputs: [Self.age], outputs: [Self.band], rules: [["< 0", "\"x\""]])
        #expect(try DMN.evaluate(none, ["Age": num(70)]).0 == .null)
    }

    static let points = DMN.Column(name: "Points", type: "number")
    static let scoring = [["> 10", "1"], ["> 20", "5"], ["> 30", "5"], ["-", "2"]]

    @Test(arguments: [("SUM", 13), ("MIN", 1), ("MAX", 5), ("COUNT", 4)])
    func collectAggregations(aggregation: String, expected: Int) throws {
        let xml = DMN.table(policy: "COLLECT", aggregation: aggregation, inputs: [Self.age], outputs: [Self.points],
                            rules: Self.scoring)
        let (value, trace) = try DMN.evaluate(xml, ["Age": num(40)])
        #expect(value == num(expected))
        #expect(trace.rules.count == 4)
    }

    @Test func collectMaxPicksTheHighestClassOfAllApplicableRules() throws {
        let cls = DMN.Column(name: "Class", type: "number")
        let invasive = DMN.Column(name: "Invasive", type: "boolean")
        let active = DMN.Column(name: "Active", type: "boolean")
        let xml = DMN.table(policy: "COLLECT", aggregation: "MAX", inputs: [invasive, active], outputs: [cls],
                            rules: [["-", "-", "1"], ["true", "-", "2"], ["-", "true", "3"]],
                            annotations: [["rule 1"], ["rule 5"], ["rule 9"]])
        let (value, trace) = try DMN.evaluate(xml, ["Invasive": .boolean(true), "Active": .boolean(true)])
        #expect(value == num(3))
        #expect(trace.hitPolicy == "C>")
        #expect(trace.rules.map { $0.annotation("source") } == ["rule 1", "rule 5", "rule 9"])
        #expect(try DMN.evaluate(xml, ["Invasive": .boolean(false), "Active": .boolean(false)]).0 == num(1))
    }

    @Test func collectCountAndSumOfNothingMatchedAreNull() throws {
        for aggregation in ["SUM", "MAX", "MIN", "COUNT"] {
            let xml = DMN.table(policy: "COLLECT", aggregation: aggregation, inputs: [Self.age], outputs: [Self.points],
                                rules: [["< 0", "1"]])
            #expect(try DMN.evaluate(xml, ["Age": num(40)]).0 == .null, "\(aggregation)")
        }
    }

    @Test func multipleOutputsMakeAContextPerHit() throws {
        let status = DMN.Column(name: "Status", type: "string")
        let rate = DMN.Column(name: "Rate", type: "number")
        let xml = DMN.table(policy: "RULE ORDER", inputs: [Self.age], outputs: [status, rate],
                            rules: [[">= 18", "\"ok\"", "1.5"], [">= 65", "\"ok\"", "0.5"]])
        let (value, _) = try DMN.evaluate(xml, ["Age": num(70)])
        #expect(value == .list([
            .context(FEELContext([("Status", str("ok")), ("Rate", .number(FEELNumber("1.5")!))])),
            .context(FEELContext([("Status", str("ok")), ("Rate", .number(FEELNumber("0.5")!))])),
        ]))
    }

    @Test func inputValuesConstraintRejectsOtherValues() throws {
        let risk = DMN.Column(name: "Risk", type: "string", values: "\"High\",\"Low\"")
        let xml = DMN.table(policy: "UNIQUE", inputs: [risk], outputs: [Self.band], rules: [["\"High\"", "\"h\""], ["\"Low\"", "\"l\""]])
        #expect(try DMN.evaluate(xml, ["Risk": str("High")]).0 == str("h"))
        let (value, trace) = try DMN.evaluate(xml, ["Risk": str("Medium")])
        #expect(value == .null)
        #expect(trace.problems.contains { $0.contains("input values") })
    }

    @Test func nullInputMatchesOnlyWildcardAndNullTests() throws {
        let xml = DMN.table(policy: "RULE ORDER", inputs: [Self.band], outputs: [Self.points],
                            rules: [["\"a\"", "1"], ["-", "2"], ["null", "3"], ["not(\"a\")", "4"]])
        let (value, _) = try DMN.evaluate(xml, [:])
        // FEEL: null = "a" is false, so not("a") holds for null.
        #expect(value == .list([num(2), num(3), num(4)]))
    }

    @Test func annotationsAndDescriptionsReachTheTrace() throws {
        let xml = DMN.table(policy: "FIRST", inputs: [Self.age], outputs: [Self.band], rules: [["-", "\"x\""]],
                            annotations: [["告示第112号 (2005)"]])
        let (_, trace) = try DMN.evaluate(xml, ["Age": num(1)])
        #expect(trace.rules.first?.annotation("source") == "告示第112号 (2005)")
        #expect(trace.inputs.first?.name == "Age")
        #expect(trace.inputs.first?.value == num(1))
    }

    @Test(arguments: ["U", "A", "P", "F", "R", "O", "C", "C+", "C<", "C>", "C#"])
    func hitPolicyNotationRoundTrips(notation: String) {
        let policy = HitPolicy(attribute: notation, aggregation: nil)
        #expect(policy?.description == notation)
    }

    @Test func unknownHitPolicyIsALoadError() {
        let xml = DMN.table(policy: "SOMETIMES", inputs: [Self.age], outputs: [Self.band], rules: [["-", "\"x\""]])
        #expect(throws: DMNLoadError.self) { try DMNLoader().load(string: xml, name: "bad.dmn") }
    }
}

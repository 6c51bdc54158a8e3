import Testing
@testable import DecisionModel

/// Overlapping pairs past `maximumOverlaps` are counted, not listed, and copied rows are paired by class: the listed
/// pairs are the first ones in row order that the pairwise analysis finds, and the count is its total.
@Suite struct OverlapListingTests {
    static let n = DMN.Column(name: "n", type: "number")
    static let s = DMN.Column(name: "s", type: "string", values: "\"a\",\"b\"")
    static let o = DMN.Column(name: "o", type: "string")

    /// Three distinct rows copied (one overlaps another), a catch-all row, and rows that differ only in output.
    static let copied: [[String]] = [
        ["< 5", "\"a\"", "\"x\""], ["[5..10)", "-", "\"y\""], ["< 5", "\"a\"", "\"x\""], ["[3..7]", "\"b\"", "\"z\""],
        ["[5..10)", "-", "\"y\""], ["-", "-", "\"w\""], ["< 5", "\"a\"", "\"v\""], ["[5..10)", "-", "\"y\""],
    ]

    static let tables: [(name: String, policy: String, rules: [[String]])] = [
        ("copied UNIQUE", "UNIQUE", copied),
        ("copied ANY", "ANY", copied),
        ("one row 12 times", "UNIQUE", Array(repeating: ["-", "\"a\"", "\"x\""], count: 12)),
        ("no overlap", "UNIQUE", [["< 5", "-", "\"x\""], [">= 5", "\"a\"", "\"y\""], [">= 5", "\"b\"", "\"y\""]]),
    ]

    @Test("listed pairs are the reference's first ones", arguments: [0, 1, 2, 5, 30])
    func listedPairsAreThePairwiseAnalysisFirstOnes(maximum: Int) throws {
        for (name, policy, rules) in Self.tables {
            let xml = DMN.table(policy: policy, inputs: [Self.n, Self.s], outputs: [Self.o], rules: rules)
            let model = try DMNLoader().load(string: xml, name: "\(name).dmn")
            let table = try #require(model.decisions.first?.decisionTable)
            var fast = TableAnalysis(table: table, model: model)
            fast.maximumOverlaps = maximum
            let result = fast.run()
            let all = PairwiseTableAnalysis(table: table, model: model).run().findings.filter(Self.isOverlap)
            let listed = result.findings.filter(Self.isOverlap)
            #expect(listed == Array(all.prefix(maximum)), "\(name), maximum \(maximum)")
            #expect(listed.count + result.unlistedOverlaps == all.count, "\(name), maximum \(maximum)")
            #expect(result.findings.filter { !Self.isOverlap($0) }
                    == PairwiseTableAnalysis(table: table, model: model).run().findings.filter { !Self.isOverlap($0) })
        }
    }

    @Test func copiedRowsAreCountedOnceEachAndOnlyWhereTheyOverlap() throws {
        for (policy, expected) in [("UNIQUE", 4), ("ANY", 0)] {
            let xml = DMN.table(policy: policy, inputs: [Self.n, Self.s], outputs: [Self.o], rules: Self.copied)
            let model = try DMNLoader().load(string: xml, name: "copies.dmn")
            let table = try #require(model.decisions.first?.decisionTable)
            // Rows 3 and 7 repeat row 1's entries, rows 5 and 8 row 2's; under ANY a copy with the same output is no
            // overlap, and row 7's output differs from row 1's.
            #expect(TableAnalysis(table: table, model: model).run().copiedRows == expected, "\(policy)")
        }
    }

    @Test func aLargeTableOfCopiesCountsEveryPair() throws {
        let rows = (0..<400).map { i in ["[\(i % 40)..\(i % 40 + 1))", "-", "\"x\""] }
        let xml = DMN.table(policy: "UNIQUE", inputs: [Self.n, Self.s], outputs: [Self.o], rules: rows)
        let model = try DMNLoader().load(string: xml, name: "copies.dmn")
        let table = try #require(model.decisions.first?.decisionTable)
        var analysis = TableAnalysis(table: table, model: model)
        analysis.maximumOverlaps = 20
        let result = analysis.run()
        // 40 distinct half-open ranges that do not touch, each written 10 times: 40 × C(10, 2) pairs, rows 1 and 41 first.
        #expect(result.findings.filter(Self.isOverlap).count == 20)
        #expect(result.findings.first(where: Self.isOverlap) == .overlap(rows: [1, 41], example: ["0", "-"]))
        #expect(result.unlistedOverlaps == 40 * 45 - 20)
        #expect(result.copiedRows == 360)
    }

    /// Rows `>= 0`, `>= 1`, … all overlap one another: past the work bounds the analysis stops, says so, and what it
    /// reported is what the pairwise analysis reports first.
    @Test("nested rows stop at the work bound", arguments: ["UNIQUE", "FIRST"])
    func nestedRowsStopAtTheWorkBound(policy: String) throws {
        let rows = (0..<300).map { i in [">= \(i)", "-", "\"\(i)\""] }
        let xml = DMN.table(policy: policy, inputs: [Self.n, Self.s], outputs: [Self.o], rules: rows)
        let model = try DMNLoader().load(string: xml, name: "nested.dmn")
        let table = try #require(model.decisions.first?.decisionTable)
        let reference = PairwiseTableAnalysis(table: table, model: model).run().findings
        let unbounded = TableAnalysis(table: table, model: model).run()
        #expect(!unbounded.incomplete)
        #expect(unbounded.findings == reference)
        for (pairs, grouped) in [(1_000, Int.max), (Int.max, 2_000)] {
            var analysis = TableAnalysis(table: table, model: model)
            (analysis.maximumPairChecks, analysis.maximumGroupedRows, analysis.maximumOverlaps) = (pairs, grouped, 5)
            let result = analysis.run()
            #expect(result.incomplete, "\(pairs), \(grouped)")
            #expect(result.findings.allSatisfy { reference.contains($0) }, "\(pairs), \(grouped)")
            #expect(result.findings.filter(Self.isOverlap).count + result.unlistedOverlaps <= reference.filter(Self.isOverlap).count)
            #expect(!result.findings.contains { if case .shadowed = $0 { true } else { false } } || pairs == Int.max)
        }
    }

    static func isOverlap(_ finding: TableAnalysis.Finding) -> Bool {
        if case .overlap = finding { true } else { false }
    }
}

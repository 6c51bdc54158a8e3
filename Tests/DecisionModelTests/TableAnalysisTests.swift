import Foundation
import Testing
@testable import DecisionModel

/// The scaling table analysis must report exactly what the pairwise one did: on generated tables of every hit
/// policy and column kind, and on the bundled rules.
@Suite struct TableAnalysisTests {
    /// Seeded so that a failure names a table that can be rebuilt.
    static let seeds = Array(1...400)

    @Test("random tables", arguments: seeds)
    func agreesWithPairwiseAnalysis(seed: Int) throws {
        var generator = TableGenerator(seed: UInt64(seed))
        let xml = generator.model(rows: Int(generator.next() % 14))
        let model = try DMNLoader().load(string: xml, name: "generated-\(seed).dmn")
        try compare(model, label: xml)
    }

    @Test("large random tables", arguments: [1, 2, 3])
    func agreesOnLargerTables(seed: Int) throws {
        var generator = TableGenerator(seed: UInt64(1000 + seed))
        let xml = generator.model(rows: 150)
        try compare(try DMNLoader().load(string: xml, name: "large-\(seed).dmn"), label: "large table \(seed)")
    }

    @Test func agreesOnTheBundledRules() throws {
        let rules = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Rules").path
        let model = try DMNLoader().load(path: rules)
        var tables = 0
        for decision in model.decisions where decision.decisionTable != nil { tables += 1 }
        #expect(tables >= 10)
        try compare(model, label: "bundled rules")
    }

    @Test func gapsAreCutAtTheMaximumLikeBefore() throws {
        var generator = TableGenerator(seed: 7)
        let xml = generator.model(rows: 3, columns: 3)
        let model = try DMNLoader().load(string: xml, name: "cut.dmn")
        let table = try #require(model.decisions.first { $0.name == "Result" }?.decisionTable)
        for maximum in [0, 1, 2, 5] {
            var fast = TableAnalysis(table: table, model: model)
            fast.maximumGaps = maximum
            var slow = PairwiseTableAnalysis(table: table, model: model)
            slow.maximumGaps = maximum
            let (a, b) = (fast.run(), slow.run())
            #expect(a.findings == b.findings, "maximum \(maximum)")
            #expect(a.truncated == b.truncated, "maximum \(maximum)")
        }
    }

    @Test func intervalsAndNegationsOfANumberColumn() throws {
        let xml = DMN.table(policy: "UNIQUE", inputs: [DMN.Column(name: "n", type: "number")],
                            outputs: [DMN.Column(name: "o", type: "string")],
                            rules: [["< 5", "\"a\""], ["[5..10)", "\"b\""], ["not(< 10)", "\"c\""], ["[8..9]", "\"d\""]])
        let model = try DMNLoader().load(string: xml, name: "intervals.dmn")
        let table = try #require(model.decisions.first?.decisionTable)
        let findings = TableAnalysis(table: table, model: model).run().findings
        // 9 comes before 8 among the stand-in values (it is written first, next to 10), so it is the example.
        #expect(findings == [.overlap(rows: [2, 4], example: ["9"])])
    }

    func compare(_ model: DMNModel, label: String) throws {
        for decision in model.decisions {
            guard let table = decision.decisionTable else { continue }
            let fast = TableAnalysis(table: table, model: model).run()
            let slow = PairwiseTableAnalysis(table: table, model: model).run()
            #expect(fast.findings == slow.findings, "\(decision.name) in \(label)")
            #expect(fast.truncated == slow.truncated, "\(decision.name) truncated in \(label)")
            #expect(fast.skippedColumns == slow.skippedColumns)
        }
    }
}

/// Random decision tables over every kind of column the analysis distinguishes: enumerated and free strings,
/// numbers with and without a small range, dates, booleans and an upstream decision's outputs; entries mix
/// wildcards, literals, lists, comparisons, intervals, negations, `null` and conditions on `?`.
struct TableGenerator {
    private var random: SplitMix64

    init(seed: UInt64) { random = SplitMix64(state: seed &* 0x9E37_79B9_7F4A_7C15) }

    mutating func next() -> UInt64 { random.next() }

    mutating func pick<T>(_ items: [T]) -> T { items[Int(next() % UInt64(items.count))] }
    mutating func chance(_ percent: UInt64) -> Bool { next() % 100 < percent }

    enum Kind: CaseIterable { case enumerated, text, number, small, date, boolean, upstream }

    mutating func entry(_ kind: Kind) -> String {
        if chance(25) { return "-" }
        if chance(4) { return "null" }
        switch kind {
        case .enumerated, .upstream:
            let values = ["\"a\"", "\"b\"", "\"c\"", "\"d\""]
            switch next() % 6 {
            case 0: return "not(\(pick(values)))"
            case 1: return "\(pick(values)), \(pick(values))"
            case 2: return "!= \(pick(values))"
            case 3 where kind == .enumerated: return "< \"c\""
            default: return pick(values)
            }
        case .text:
            return pick(["\"x\"", "\"y\"", "\"x\", \"z\"", "not(\"y\")", "= \"z\""])
        case .number, .small:
            let n = Int(next() % 12) - 1
            let m = n + Int(next() % 6)
            switch next() % 11 {
            case 0: return "< \(n)"
            case 1: return "<= \(n)"
            case 2: return "> \(n)"
            case 3: return ">= \(n)"
            case 4: return "[\(n)..\(m)]"
            case 5: return "(\(n)..\(m)]"
            case 6: return "not(< \(n), > \(m))"
            case 7: return "\(n), \(m)"
            case 8: return "? > \(n)"
            case 9: return "!= \(n)"
            default: return "\(n)"
            }
        case .date:
            let days = ["2025-01-01", "2025-06-30", "2026-05-01"]
            switch next() % 4 {
            case 0: return "< date(\"\(pick(days))\")"
            case 1: return ">= date(\"\(pick(days))\")"
            case 2: return "[date(\"2025-01-01\")..date(\"\(pick(days))\")]"
            default: return "date(\"\(pick(days))\")"
            }
        case .boolean:
            return pick(["true", "false", "not(true)"])
        }
    }

    mutating func model(rows: Int, columns count: Int? = nil) -> String {
        let columns = (0..<(count ?? 1 + Int(next() % 3))).map { _ in pick(Kind.allCases) }
        let policy = pick(["UNIQUE", "ANY", "FIRST", "PRIORITY", "COLLECT", "FIRST", "UNIQUE"])
        var xml = """
        <?xml version="1.0"?>
        <definitions xmlns="\(DMN.ns)" namespace="urn:test" name="generated" id="defs">
        <itemDefinition name="tLetter"><typeRef>string</typeRef><allowedValues><text>"a","b","c","d"</text></allowedValues></itemDefinition>
        <itemDefinition name="tSmall"><typeRef>number</typeRef><allowedValues><text>[1..4]</text></allowedValues></itemDefinition>

        """
        func type(_ kind: Kind) -> String {
            switch kind {
            case .enumerated: "tLetter"
            case .text, .upstream: "string"
            case .number: "number"
            case .small: "tSmall"
            case .date: "date"
            case .boolean: "boolean"
            }
        }
        for (i, kind) in columns.enumerated() where kind != .upstream {
            xml += "<inputData id=\"i\(i)\" name=\"in\(i)\"><variable name=\"in\(i)\" typeRef=\"\(type(kind))\"/></inputData>\n"
        }
        if columns.contains(.upstream) {
            xml += """
            <decision id="up" name="Up"><variable name="Up" typeRef="string"/>
            <decisionTable hitPolicy="FIRST"><input><inputExpression typeRef="string"><text>"k"</text></inputExpression></input>
            <output name="Up" typeRef="string"/>
            <rule><inputEntry><text>"k"</text></inputEntry><outputEntry><text>"a"</text></outputEntry></rule>
            <rule><inputEntry><text>-</text></inputEntry><outputEntry><text>"b"</text></outputEntry></rule>
            <rule><inputEntry><text>-</text></inputEntry><outputEntry><text>"c"</text></outputEntry></rule>
            </decisionTable></decision>

            """
        }
        xml += "<decision id=\"d\" name=\"Result\"><variable name=\"Result\" typeRef=\"string\"/>\n"
        for (i, kind) in columns.enumerated() {
            xml += kind == .upstream ? "<informationRequirement><requiredDecision href=\"#up\"/></informationRequirement>\n"
                : "<informationRequirement><requiredInput href=\"#i\(i)\"/></informationRequirement>\n"
        }
        xml += "<decisionTable hitPolicy=\"\(policy)\">\n"
        for (i, kind) in columns.enumerated() {
            xml += "<input><inputExpression typeRef=\"\(kind == .upstream ? "string" : type(kind))\"><text>\(kind == .upstream ? "Up" : "in\(i)")</text></inputExpression></input>\n"
        }
        xml += "<output name=\"Result\" typeRef=\"string\">"
        if policy == "PRIORITY" { xml += "<outputValues><text>\"x\",\"y\",\"z\"</text></outputValues>" }
        xml += "</output>\n"
        for r in 0..<rows {
            xml += "<rule id=\"r\(r)\">"
            for kind in columns {
                let text = r == rows - 1 && policy == "FIRST" && chance(50) ? "-" : entry(kind)
                xml += "<inputEntry><text>\(DMN.esc(text))</text></inputEntry>"
            }
            xml += "<outputEntry><text>\(pick(["\"x\"", "\"y\"", "\"z\""]))</text></outputEntry></rule>\n"
        }
        xml += "</decisionTable></decision>\n</definitions>\n"
        return xml
    }
}

/// The stand-in values of a number column, made each once as the thresholds are read (a large table repeats them),
/// and a number column's literals found by binary search rather than a table of every value.
@Suite struct NumberColumnDomainTests {
    static func model(_ rules: [String]) throws -> (DMNModel, DecisionTable) {
        let xml = DMN.table(policy: "UNIQUE", inputs: [DMN.Column(name: "n", type: "number")],
                            outputs: [DMN.Column(name: "o", type: "string")],
                            rules: rules.enumerated().map { [$0.element, "\"\($0.offset)\""] })
        let model = try DMNLoader().load(string: xml, name: "numbers.dmn")
        return (model, try #require(model.decisions.first?.decisionTable))
    }

    @Test func repeatedThresholdsGiveEachPointOnceInFirstSeenOrder() throws {
        let (model, table) = try Self.model(["< 5", ">= 5", "[1..5]", "not(1, 5)", "2.5"])
        let domain = try #require(ColumnDomains(model: model).domain(table, column: 0))
        let expected = ["4", "4.5", "5", "5.5", "6", "0", "0.5", "1", "1.5", "2", "2.5", "3", "3.5"]
        let numbers = expected.compactMap { FEELNumber($0).map(FEELValue.number) }
        #expect(numbers.count == expected.count)
        #expect(domain == [.null] + numbers)
    }

    @Test func aNumberWrittenTwoWaysIsOneValue() throws {
        let (model, table) = try Self.model(["1", "1.0", "!= 1.00"])
        let findings = TableAnalysis(table: table, model: model).run().findings
        let overlaps = findings.compactMap { if case .overlap(let rows, _) = $0 { rows } else { nil } }
        #expect(overlaps == [[1, 2]], "\(findings)")
    }
}

/// The numbers an entry mentions are read byte by byte from ASCII text, exactly as from any other text.
@Suite struct EntryNumberTests {
    @Test(arguments: ["< 5", "[1..4]", "1.2.3", "\"12\", 7.", "not(3, 4.50)", ".5", "5.", "-3e2", "\"a\\\"b\" 9 \"c\"",
                      "[date(\"2025-01-01\")..2]", "x1 > 10", ""])
    func asciiEntriesReadAsAnyText(_ entry: String) {
        // A trailing non-ASCII letter takes the general path and adds no number.
        let general = ColumnDomains.numbers(in: entry + " é")
        #expect(ColumnDomains.numbers(in: entry) == general)
    }

    @Test func numbersAreFound() {
        #expect(ColumnDomains.numbers(in: "[1..4.5), \"7\", 8.") == [1, FEELNumber("4.5")!, 8])
    }
}

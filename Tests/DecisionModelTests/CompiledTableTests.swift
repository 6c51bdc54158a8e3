import Foundation
import Testing
@testable import DecisionModel

/// A compiled table must find exactly the rows that testing every cell finds — for inputs of every kind, including
/// kinds no literal cell is indexed for — and give literal outputs as the evaluator does.
@Suite struct CompiledTableTests {
    static let inputs: [FEELValue] = LiteralCellTests.inputs
        + ["a", "b", "c", "d", "x", "y", "z"].map { .string($0) }
        + (-2...13).map { .number(FEELNumber($0)) } + [.number(FEELNumber("4.50")!)]
        + ["2025-01-01", "2025-06-30", "2026-05-01", "2024-12-31"].map { .date(FEELDate(iso8601: $0)!) }

    @Test("random tables", arguments: Array(1...120))
    func randomTables(seed: Int) throws {
        var generator = TableGenerator(seed: UInt64(seed))
        let xml = generator.model(rows: Int(generator.next() % 40))
        let model = try DMNLoader().load(string: xml, name: "generated-\(seed).dmn")
        var random = SplitMix64(state: UInt64(seed))
        try check(model, label: xml, &random)
    }

    @Test func cellsMixingKindsOfLiteral() throws {
        // Every literal cell of LiteralCellTests, against each other in two columns: decided and evaluated cells mix.
        let cells = LiteralCellTests.cells + ["-", "< 3", "[1..4]", "\"a\", 3", "not(\"a\", 3)", "true, \"a\""]
        var rules = ""
        for (index, cell) in cells.enumerated() {
            let other = cells[(index * 7 + 3) % cells.count]
            rules += "<rule><inputEntry><text>\(escaped(cell))</text></inputEntry><inputEntry><text>\(escaped(other))</text></inputEntry>"
                + "<outputEntry><text>\(index)</text></outputEntry></rule>"
        }
        let xml = """
        <definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" id="d" name="d" namespace="urn:t">
          <inputData id="i1" name="a"/><inputData id="i2" name="b"/>
          <decision id="r" name="r"><informationRequirement><requiredInput href="#i1"/></informationRequirement>
            <informationRequirement><requiredInput href="#i2"/></informationRequirement>
            <decisionTable hitPolicy="COLLECT"><input><inputExpression><text>a</text></inputExpression>
                <inputValues><text>"a", "b", null</text></inputValues></input>
              <input><inputExpression><text>b</text></inputExpression><inputValues><text>not(3, 4.50)</text></inputValues></input>
              <output name="n"/>\(rules)</decisionTable>
          </decision>
        </definitions>
        """
        var random = SplitMix64(state: 99)
        try check(try DMNLoader().load(string: xml, name: "mixed.dmn"), label: "mixed cells", &random, trials: 1500)
    }

    @Test func bundledRules() throws {
        let rules = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Rules").path
        var random = SplitMix64(state: 15)
        let checked = try check(try DMNLoader().load(path: rules), label: "bundled rules", &random)
        #expect(checked >= 10)
    }

    @Test func aChangedTableIsCompiledAgain() throws {
        let xml = """
        <definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" id="d" name="d" namespace="urn:t">
          <inputData id="i1" name="a"/>
          <decision id="r" name="r"><informationRequirement><requiredInput href="#i1"/></informationRequirement>
            <decisionTable hitPolicy="FIRST"><input><inputExpression><text>a</text></inputExpression></input><output name="n"/>
              <rule><inputEntry><text>"x"</text></inputEntry><outputEntry><text>1</text></outputEntry></rule>
              <rule><inputEntry><text>-</text></inputEntry><outputEntry><text>2</text></outputEntry></rule>
            </decisionTable>
          </decision>
        </definitions>
        """
        let model = try DMNLoader().load(string: xml, name: "changed.dmn")
        var table = try #require(model.decisions.first?.decisionTable)
        let evaluator = DMNEvaluator(model: model)
        #expect(evaluator.evaluate(.table(table), named: "r", scope: FEELScope(["a": .string("x")])).value == .number(1))
        table.rules.removeFirst()
        #expect(evaluator.evaluate(.table(table), named: "r", scope: FEELScope(["a": .string("x")])).value == .number(2))
    }

    /// Without a trace a FIRST table reads a column only for the rows it tries; it must still give what reading every
    /// column gives, problems included: a name not in scope, a path into a text, a list that is not one, a value
    /// outside the input values, an expression column.
    @Test("FIRST without a trace", arguments: Array(0..<64))
    func firstWithoutTrace(pattern: Int) throws {
        let xml = """
        <definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" id="d" name="d" namespace="urn:t">
          <decision id="r" name="r">
            <decisionTable hitPolicy="FIRST">
              <input><inputExpression><text>a</text></inputExpression></input>
              <input><inputExpression><text>p.k</text></inputExpression></input>
              <input><inputExpression><text>list contains(l, "x") or list contains(l, "y")</text></inputExpression></input>
              <input><inputExpression><text>n + 1</text></inputExpression></input>
              <input><inputExpression><text>v</text></inputExpression><inputValues><text>"x", "y"</text></inputValues></input>
              <output name="o"/>
              \(rule(["\"x\"", "-", "-", "-", "-"], "1"))
              \(rule(["-", "\"y\"", "-", "-", "-"], "p.k"))
              \(rule(["-", "-", "true", "-", "-"], "3"))
              \(rule(["-", "-", "-", "&gt; 2", "-"], "4"))
              \(rule(["\"z\"", "-", "-", "-", "\"x\""], "5"))
            </decisionTable>
          </decision>
        </definitions>
        """
        let model = try DMNLoader().load(string: xml, name: "first.dmn")
        let table = try #require(model.decisions.first?.decisionTable)
        let evaluator = TableEvaluator(table: CompiledTable(table))
        // Bits 0–4: whether a, p, l, n, v are in scope; bit 5: which value each has (one that reads, one that may not).
        let second = pattern & 32 != 0
        let candidates: [(String, FEELValue)] = [
            ("a", .string(second ? "z" : "x")),
            ("p", second ? .string("text") : .context(FEELContext([("k", .string("y"))]))),
            ("l", second ? .string("x") : .list([.string("y")])),
            ("n", second ? .string("s") : .number(FEELNumber(5))),
            ("v", .string(second ? "w" : "x")),
        ]
        var scope = FEELScope()
        for (bit, (name, value)) in candidates.enumerated() where pattern & 1 << bit != 0 { scope[name] = value }
        let traced = evaluator.evaluate(named: "r", scope: scope)
        let plain = evaluator.value(scope: scope)
        #expect(plain.value == traced.value, "value")
        #expect(plain.problems == traced.problems, "problems")
        if pattern == 31 { #expect(traced.problems.isEmpty && traced.value == .number(1)) }
        if pattern == 63 { #expect(!traced.problems.isEmpty && traced.value == .null) }
        if pattern == 2 { #expect(!traced.problems.isEmpty) }
    }

    private func rule(_ inputs: [String], _ output: String) -> String {
        "<rule>" + inputs.map { "<inputEntry><text>\($0)</text></inputEntry>" }.joined()
            + "<outputEntry><text>\(output)</text></outputEntry></rule>"
    }

    /// Compares matching rows and literal outputs on every table of the model; returns how many tables it checked.
    @discardableResult
    private func check(_ model: DMNModel, label: String, _ random: inout SplitMix64, trials: Int = 300) throws -> Int {
        var checked = 0
        for decision in model.decisions {
            guard let table = decision.decisionTable else { continue }
            checked += 1
            let compiled = CompiledTable(table)
            let pools = table.inputs.indices.map { column in
                Self.inputs + table.rules.flatMap { $0.inputEntries[column].literals?.values ?? [] }
            }
            for _ in 0..<trials {
                let values = pools.map { $0[Int(random.next() % UInt64($0.count))] }
                let probes = values.enumerated().map { compiled.probe($1, column: $0) }
                var found: [Int] = []
                probes.withUnsafeBufferPointer { probes in
                    compiled.forEachMatch(probes, test: { row, column in
                        compiled.test(row: row, column: column, values[column])
                            ?? table.rules[row].inputEntries[column].matches(values[column], scope: FEELScope())
                    }) { found.append($0); return true }
                }
                let expected = table.rules.indices.filter { row in
                    zip(table.rules[row].inputEntries, values).allSatisfy { $0.isWildcard || $0.matches($1, scope: FEELScope()) }
                }
                #expect(found == expected, "\(decision.name) on \(values) in \(label)")
                // Without a trace, the same value and problems as with one.
                var scope = FEELScope()
                for (input, value) in zip(table.inputs, values) { scope[input.expression.source] = value }
                let traced = TableEvaluator(table: compiled).evaluate(named: decision.name, scope: scope)
                let plain = TableEvaluator(table: compiled).value(scope: scope)
                #expect(plain.value == traced.value && plain.problems == traced.problems, "\(decision.name) on \(values) in \(label)")
                for (column, input) in table.inputs.enumerated() {
                    guard let allowed = input.inputValues, values[column] != .null else { continue }
                    let indexed = compiled.isAllowed(probes[column], column: column)
                    #expect((indexed ?? allowed.matches(values[column], scope: FEELScope())) == allowed.matches(values[column], scope: FEELScope()),
                            "\(allowed.source) on \(values[column])")
                }
            }
            if let constant = compiled.constantDefault {
                let defaults = table.outputs.map { $0.defaultOutputEntry?.evaluate(FEELScope()) ?? .null }
                let expected = table.outputs.contains { $0.defaultOutputEntry != nil } ? TableEvaluator.result(defaults, outputs: table.outputs) : .null
                #expect(constant == expected, "\(decision.name) default")
            }
            for (index, rule) in table.rules.enumerated() {
                guard let constant = compiled.constantValues[index] else { continue }
                #expect(constant == rule.outputEntries.map { $0.evaluate(FEELScope()) }, "\(decision.name) rule \(rule.row)")
            }
        }
        return checked
    }

    private func escaped(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
    }
}

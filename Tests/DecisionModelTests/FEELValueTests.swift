import Foundation
import Testing
@testable import DecisionModel

@Suite("FEEL values, contexts, functions and scopes")
struct FEELValueTests {
    @Test("contexts keep insertion order and unique keys")
    func contextOrder() {
        var context = FEELContext([("b", 1), ("a", 2), ("b", 3)])
        #expect(context.keys == ["b", "a"])
        #expect(context["b"] == 3)
        context["c"] = "x"
        #expect(context.keys == ["b", "a", "c"])
        context["a"] = nil
        #expect(context.keys == ["b", "c"])
        #expect(context["a"] == nil)
        #expect(context.entries.map(\.key) == ["b", "c"])
        #expect(context.entries.map(\.value) == [3, "x"])
        context["a"] = true
        #expect(context.keys == ["b", "c", "a"])
    }

    @Test("large contexts (hashed keys) find, replace and remove entries")
    func largeContext() {
        // Long keys, keys sharing their first and last eight bytes, and the empty key: past the linear limit.
        let keys = (0..<40).map { "containsProcessedCellsOrGenes\($0)x" } + ["", "a", "é", "containsProcessedCellsOrGenes"]
        var context = FEELContext(keys.enumerated().map { ($1, .number(FEELNumber($0))) })
        for (position, key) in keys.enumerated() { #expect(context[key] == .number(FEELNumber(position)), "\(key)") }
        #expect(context["containsProcessedCellsOrGenes40x"] == nil)
        context["a"] = nil
        context["containsProcessedCellsOrGenes3x"] = "three"
        context["new"] = true
        #expect(context["a"] == nil && context["containsProcessedCellsOrGenes3x"] == "three" && context["new"] == true)
        #expect(context[""] == .number(FEELNumber(40)) && context["é"] == .number(FEELNumber(42)))
        #expect(context.keys == keys.filter { $0 != "a" } + ["new"])
        let nested = FEELContext([("applicant", .context(context)), ("none", .null), ("n", 1)])
        #expect(nested.member("new", of: "applicant") == true)
        #expect(nested.member("missing", of: "applicant") == .null)
        #expect(nested.member("x", of: "none") == .null)
        #expect(nested.member("x", of: "n") == nil && nested.member("x", of: "absent") == nil)
        // Made from distinct keys at once, as entry by entry.
        for count in [2, 9, 30] {
            let names = Array(keys.prefix(count)), values = (0..<count).map { FEELValue.number(FEELNumber($0)) }
            let direct = FEELContext(distinctKeys: names, values: values)
            let built = FEELContext(Array(zip(names, values)))
            #expect(direct == built && direct.keys == built.keys && direct[names[count - 1]] == values[count - 1])
        }
    }

    @Test("context equality ignores order")
    func contextEquality() {
        #expect(FEELContext([("a", 1), ("b", 2)]) == FEELContext([("b", 2), ("a", 1)]))
        #expect(FEELContext([("a", 1)]) != FEELContext([("a", 2)]))
        #expect(FEELContext([("a", 1)]) != FEELContext([("a", 1), ("b", 2)]))
    }

    @Test("functions are equal only to themselves")
    func functionIdentity() {
        let f = FEELFunction(name: "f", parameters: ["x"]) { $0.first ?? .null }
        let g = FEELFunction(name: "f", parameters: ["x"]) { $0.first ?? .null }
        #expect(f == f)
        #expect(f != g)
        #expect(f.call([7]) == 7)
        #expect(FEELValue.function(f).description == "function f(x)")
        #expect(feel("f = f", ["f": .function(f)]) == true)
        #expect(feel("f = g", ["f": .function(f), "g": .function(g)]) == false)
    }

    @Test("scopes")
    func scopes() {
        var scope = FEELScope(["a": 1])
        scope["b"] = "x"
        #expect(scope.names == ["a", "b"])
        #expect(scope["a"] == 1)
        scope["a"] = nil
        #expect(scope.names == ["b"])
        #expect(scope["missing"] == nil)
    }

    @Test("type names", arguments: [
        (FEELValue.null, "null"), (.boolean(true), "boolean"), (1, "number"), ("s", "string"), (feelDate("2025-01-01"), "date"),
        (feelTime("10:00:00"), "time"), (feelDateTime("2025-01-01T10:00:00"), "date and time"), (.list([1]), "list"),
        (.context(FEELContext()), "context"),
    ])
    func typeNames(value: FEELValue, expected: String) {
        #expect(value.typeName == expected)
    }

    @Test("FEEL equality and order as API")
    func semanticsAPI() {
        #expect(FEELValue.number(1).feelEquals(feelNumber("1.0")) == true)
        #expect(FEELValue.string("1").feelEquals(1) == nil)
        #expect(FEELValue.null.feelEquals(.null) == true)
        #expect(FEELValue.number(1).feelCompare(2) == .orderedAscending)
        #expect(FEELValue.string("b").feelCompare("a") == .orderedDescending)
        #expect(FEELValue.boolean(true).feelCompare(false) == nil)
        #expect(feelDuration("P1Y").feelCompare(feelDuration("P1D")) == nil)
    }

    @Test("accessors")
    func accessors() {
        #expect(FEELValue.string("a").stringValue == "a")
        #expect(FEELValue.number(2).numberValue == 2)
        #expect(FEELValue.boolean(false).boolValue == false)
        #expect(FEELValue.number(2).stringValue == nil)
        #expect(FEELValue.null.isNull)
    }

    @Test("expressions")
    func expressions() throws {
        let expression = try FEELExpression(" a + 1 ")
        #expect(expression.source == " a + 1 ")
        #expect(expression.description == " a + 1 ")
        #expect(expression.evaluate(FEELScope(["a": 1])) == 2)
        #expect(try FEELExpression(#""High""#).literalValue == "High")
        #expect(try FEELExpression("-3.5").literalValue == feelNumber("-3.5"))
        #expect(try FEELExpression(#"date("2025-04-01")"#).literalValue == feelDate("2025-04-01"))
        #expect(try FEELExpression("1 + 1").literalValue == nil)
    }

    @Test("expressions and unary tests are Sendable and usable concurrently")
    func concurrency() async throws {
        let expression = try FEELExpression("x * 2")
        let tests = try FEELUnaryTests("[1..50]")
        let results = await withTaskGroup(of: Bool.self) { group in
            for value in 1...100 {
                group.addTask {
                    let doubled = expression.evaluate(FEELScope(["x": .number(FEELNumber(value))]))
                    return tests.matches(doubled, scope: FEELScope()) == (value <= 25)
                }
            }
            var all: [Bool] = []
            for await result in group { all.append(result) }
            return all
        }
        #expect(results.count == 100)
        #expect(results.allSatisfy { $0 })
    }
}

import Testing
@testable import DecisionModel

/// One budget of work per evaluation (`FEELBudget`), shared by the functions it calls and paid for by the items
/// loops, built-ins and comparisons walk or make, not only by expression steps.
@Suite("FEEL work budget")
struct FEELBudgetTests {
    static func stopped(_ problems: [FEELError]) -> Bool {
        problems.contains { $0.message.contains("evaluation stopped") }
    }

    /// Fuzz findings (unary harness): a 361,588-day loop fitted the step budget, and testing an input against the
    /// list it made walked it once more: 13 s per input under the fuzzer's sanitizers. With a first budget of 500,000
    /// units, a 178,000-day loop still fitted: 10 s there.
    @Test("a cell that loops over many days stops at its range", arguments: [
        (#"for i in @"0990-01-03"..@"1980-01-01" return i"#, feelDate("2026-05-01")),
        (#"for i in @"2468-01-04"..@"1980-01-01" return i"#, FEELValue.number(12)),
    ])
    func dayLoopCell(cell: String, input: FEELValue) throws {
        let tests = try FEELUnaryTests(cell)
        var problems: [FEELError] = []
        #expect(tests.test(input, scope: FEELScope(), problems: &problems) == .null)
        #expect(FEELBudgetTests.stopped(problems))
    }

    /// Each call of a FEEL function had a budget of its own: a function that calls itself twice ran 2ⁿ calls.
    @Test("recursive calls share the caller's budget", arguments: [
        "{f: function(n) if n = 0 then 0 else f(n - 1) + f(n - 1), r: f(17)}.r",
        "{f: function(n) if n = 0 then 0 else f(n - 1) + f(n - 1), r: f(60)}.r",
        "{g: function(x) count(for j in 1..200000 return j), r: sum(for i in 1..20 return g(i))}.r",
        "sort(for i in 1..300 return i, function(a, b) count(for j in 1..2000 return j) > 0)",
    ])
    func callsShareTheBudget(source: String) {
        let (value, problems) = feelWithProblems(source)
        #expect(value == .null)
        #expect(FEELBudgetTests.stopped(problems))
        #expect(problems.count == 1)
    }

    @Test("lists and text made by built-ins and + are paid for", arguments: [
        // 2²⁰ items from 20 concatenations of a list with itself.
        "{a: [1, 2], b: concatenate(a, a), c: concatenate(b, b), d: concatenate(c, c), e: concatenate(d, d), "
            + "f: concatenate(e, e), g: concatenate(f, f), h: concatenate(g, g), i: concatenate(h, h), j: concatenate(i, i), "
            + "k: concatenate(j, j), l: concatenate(k, k), m: concatenate(l, l), n: concatenate(m, m), o: concatenate(n, n), "
            + "p: concatenate(o, o), q: concatenate(p, p), r: concatenate(q, q), s: concatenate(r, r), t: concatenate(s, s), "
            + "z: count(t)}.z",
        // 256 MB of text from 24 doublings.
        #"{a: "aaaaaaaaaaaaaaaa", b: a+a, c: b+b, d: c+c, e: d+d, f: e+e, g: f+f, h: g+g, i: h+h, j: i+i, k: j+j, l: k+k, "#
            + "m: l+l, n: m+m, o: n+n, p: o+o, q: p+p, r: q+q, s: r+r, t: s+s, u: t+t, v: u+u, w: v+v, x: w+w, y: x+x, "
            + "z: string length(y)}.z",
        "{l: for i in 1..1000 return i, r: count(for i in 1..1000 return l = l)}.r",
        // 100 copies of 4 MB of text joined: 400 MB, paid for by the items of the list before it is made.
        #"{a: "aaaaaaaaaaaaaaaa", b: a+a, c: b+b, d: c+c, e: d+d, f: e+e, g: f+f, h: g+g, i: h+h, j: i+i, k: j+j, l: k+k, "#
            + "m: l+l, n: m+m, o: n+n, p: o+o, q: p+p, r: q+q, s: r+r, z: string length(string join(for i in 1..100 return s))}.z",
    ])
    func growthIsPaidFor(source: String) {
        let (value, problems) = feelWithProblems(source)
        #expect(value == .null)
        #expect(FEELBudgetTests.stopped(problems))
    }

    /// A problem inside a recursion is quoted by each caller: its caret line was padded by the whole quoted text,
    /// which doubled the message at each level (627 MB for 20 levels).
    @Test("a problem deep in a recursion is reported in text that grows by the level, not doubles")
    func nestedProblemText() throws {
        let (value, problems) = feelWithProblems("{f: function(n) if n = 0 then x else f(n - 1), r: f(14)}.r")
        #expect(value == .null)
        let problem = try #require(problems.first)
        #expect(problem.message.contains("unknown name 'x'"))
        #expect(problem.description.count < 10_000)
    }

    /// Each decision had a budget of its own: a small file of many decisions, each just within it, took as long as
    /// their number.
    @Test("the decisions of one model evaluation share a budget of their own")
    func modelBudget() throws {
        var xml = "<?xml version=\"1.0\"?>\n<definitions xmlns=\"\(DMN.ns)\" namespace=\"urn:test\" name=\"t\" id=\"defs\">\n"
        for index in 1...14 {
            xml += "<decision id=\"d\(index)\" name=\"d\(index)\"><variable name=\"d\(index)\"/>"
                + "<literalExpression><text>count(for i in 1..30000 return i)</text></literalExpression></decision>\n"
        }
        xml += "</definitions>\n"
        let result = DMNEvaluator(model: try DMNLoader().load(string: xml, name: "many.dmn")).evaluate([:])
        let values = (1...14).map { result.values["d\($0)"] ?? .null }
        #expect(values.first == 30_000)
        #expect(values.last == .null)
        #expect(result.problems.contains { $0.message.contains("the \(FEELBudget.modelUnits) units of work allowed the model's decisions together") })
    }

    @Test("the usual loops, sorts and calls fit the budget")
    func ordinaryWorkFits() {
        #expect(feel("count(for i in 1..30000 return i)") == 30_000)
        #expect(feel("sort(for i in 1..2000 return -i)[1]") == -2_000)
        #expect(feel("{f: function(n) if n = 0 then 0 else 1 + f(n - 1), r: f(60)}.r") == 60)
        #expect(feel("count(for a in 1..100, b in 1..100 return a * b)") == 10_000)
        #expect(feel("string length(string join(for i in 1..10000 return \"abcdefgh\"))") == 80_000)
    }
}

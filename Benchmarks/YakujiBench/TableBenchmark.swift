import DecisionModel
import Foundation

/// Evaluates one decision's logic (a decision table) over and over on given scopes and reports evaluations per
/// second, for the comparison with SpiffWorkflow (Benchmarks/spiff/compare.py), which times its DMN engine the
/// same way: one table, the same inputs, in process, no graph around it.
///
/// The cases file is a JSON array of objects, one per input set, mapping each name the table reads to a FEEL
/// literal (`"12"`, `"\"text\""`, `"date(\"2026-05-01\")"`, `"{deviceClass: 2}"`, `"null"`), so no value's type
/// depends on how JSON numbers are read. Prints one JSON object: the rate of each run, their median, and each
/// case's value (FEEL values as JSON) so that the caller can check both engines give the same answers.
///
/// The timed loop asks for the value without a trace (`DMNEvaluator.value(of:named:scope:)`, what a knowledge
/// model's body gets), as SpiffWorkflow's `DMNEngine.result` gives outputs and no record of input values and
/// rules; the answers reported are those of the traced evaluation, and a case where the two differ is an error.
struct TableBenchmark {
    let model: DMNModel
    let decision: Decision
    /// The table without the type its decision gives it: SpiffWorkflow has no types, so both compare raw answers.
    let logic: ExpressionLogic
    let scopes: [FEELScope]

    init(modelPath: String, decisionName: String, casesFile: String) throws {
        // Partially, as `dmn test` loads: a problem elsewhere in the model does not keep this table from running.
        model = try DMNLoader(mode: .partial).load(path: modelPath)
        guard let decision = model.decision(named: decisionName) else {
            throw Failure("no decision named '\(decisionName)' in \(modelPath)")
        }
        self.decision = decision
        if let problem = decision.loadProblems.first {
            throw Failure("decision '\(decisionName)' could not be loaded: \(problem.message)")
        }
        logic = decision.logic.untyped
        guard case .table = logic else { throw Failure("decision '\(decisionName)' is not a decision table") }
        let data = try Data(contentsOf: URL(fileURLWithPath: casesFile))
        guard let cases = try JSONSerialization.jsonObject(with: data) as? [[String: String]] else {
            throw Failure("\(casesFile): expected a JSON array of objects whose values are FEEL literals (strings)")
        }
        scopes = try cases.enumerated().map { index, entries in
            // No type resolver: the compared tables test no `instance of` item definitions.
            var scope = FEELScope()
            for (name, literal) in entries {
                do { scope[name] = try FEELLiteralParser.parse(literal) } catch {
                    throw Failure("\(casesFile): case \(index + 1), \(name): \(error)")
                }
            }
            return scope
        }
        if scopes.isEmpty { throw Failure("\(casesFile): no cases") }
    }

    struct Failure: Error, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = description }
    }

    /// Runs `runs` timed runs, each at least `minSeconds` of processor time, and returns the JSON report.
    func run(runs: Int, minSeconds: Double) throws -> String {
        let evaluator = DMNEvaluator(model: model)
        // The answers as a trace gives them; the timed path must give the same.
        let values = scopes.map { evaluator.evaluate(logic, named: decision.name, scope: $0).value }
        for (index, scope) in scopes.enumerated() where evaluator.value(of: logic, named: decision.name, scope: scope).value != values[index] {
            throw Failure("case \(index + 1): the value without a trace differs from the traced one")
        }
        let outputs = values.map { $0.json.compact() }
        // One pass over the cases, repeated until a run lasts long enough to time.
        var passes = 1
        var sink = 0
        while true {
            let seconds = cpuSeconds { sink &+= evaluatePasses(passes, evaluator) }
            if seconds >= minSeconds / 4 || passes >= 1 << 30 {
                passes = max(1, Int((Double(passes) * minSeconds / max(seconds, 1e-9)).rounded(.up)))
                break
            }
            passes *= 4
        }
        var rates: [Double] = []
        for _ in 0..<max(runs, 1) {
            let seconds = cpuSeconds { sink &+= evaluatePasses(passes, evaluator) }
            rates.append(Double(passes * scopes.count) / seconds)
        }
        let median = rates.sorted()[rates.count / 2]
        return "{\"decision\":\(JSONValue.string(decision.name).compact()),\"cases\":\(scopes.count),"
            + "\"evaluationsPerRun\":\(passes * scopes.count),\"rates\":[\(rates.map { String(format: "%.1f", $0) }.joined(separator: ","))],"
            + "\"median\":\(String(format: "%.1f", median)),\"checksum\":\(sink),\"outputs\":[\(outputs.joined(separator: ","))]}"
    }

    /// Evaluates every case `passes` times; the count of non-null values keeps the work from being optimised away.
    private func evaluatePasses(_ passes: Int, _ evaluator: DMNEvaluator) -> Int {
        var nonNull = 0
        for _ in 0..<passes {
            for scope in scopes {
                if case .null = evaluator.value(of: logic, named: decision.name, scope: scope).value { continue }
                nonNull += 1
            }
        }
        return nonNull
    }

    private func cpuSeconds(_ body: () -> Void) -> Double {
        let (seconds, attoseconds) = cpuTime(body).components
        return Double(seconds) + Double(attoseconds) / 1e18
    }
}

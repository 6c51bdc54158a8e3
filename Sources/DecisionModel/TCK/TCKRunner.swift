import XMLSupport

/// Runs DMN TCK test files against their models and reports each test case.
///
/// Honest counting: a case passes only when every result node matches. A model that does not load
/// fails all its cases; a result node naming no decision of the model fails; a case the runner cannot
/// run at all (a value it cannot read) is skipped with the reason; nothing is left out.
public struct TCKRunner: Sendable {
    public typealias Report = TCKReport

    public init() {}

    /// Every TCK test file under the given files and folders, sorted by path.
    public static func testFiles(in paths: [String], loader: XMLLoader = XMLLoader()) -> (files: [String], problems: [DMNProblem]) {
        var found: [String] = []
        var problems: [DMNProblem] = []
        for path in paths {
            guard let listing = FileWalker.xmlFiles(at: path) else {
                problems.append(DMNProblem(file: path, line: 0, message: "no such file or folder"))
                continue
            }
            for file in listing {
                do {
                    if TCKTestFile.isTestFile(try loader.load(contentsOf: file)) { found.append(file) }
                } catch where file.contains("-test") {
                    // A file named like a test file that is not even XML: its cases cannot be counted.
                    problems += error.diagnostics.map(DMNProblem.init)
                } catch {
                    continue
                }
            }
        }
        return (found.sorted(), problems)
    }

    public func run(paths: [String]) -> Report {
        var report = Report()
        let (files, problems) = Self.testFiles(in: paths)
        report.loadProblems = problems
        if files.isEmpty && problems.isEmpty {
            report.loadProblems.append(DMNProblem(file: paths.joined(separator: " "), line: 0, message: "no DMN TCK test files found"))
        }
        for file in files { run(file: file, into: &report) }
        return report
    }

    /// `compliance-level-3/0001-filter` for `…/compliance-level-3/0001-filter/0001-filter-test-01.xml`.
    static func group(of file: String) -> String {
        file.split(separator: "/").dropLast().suffix(2).joined(separator: "/")
    }

    public func run(file: String, into report: inout Report) {
        let test: TCKTestFile
        do {
            test = try TCKTestFile(root: try XMLLoader().load(contentsOf: file), path: file)
        } catch let error as DMNLoadError {
            report.loadProblems += error.problems
            return
        } catch let error as XMLLoadError {
            report.loadProblems += error.diagnostics.map(DMNProblem.init)
            return
        } catch {
            report.loadProblems.append(DMNProblem(file: file, line: 0, message: "\(error)"))
            return
        }
        let group = Self.group(of: file)
        let model: DMNModel
        do {
            model = try DMNLoader(mode: .partial).load(file: FileWalker.sibling(of: file, named: test.modelName))
        } catch {
            report.modelProblems += error.problems
            let reason = "model \(test.modelName) did not load (\(error.problems.count) problem\(error.problems.count == 1 ? "" : "s"), first: \(error.problems.first?.message ?? "?"))"
            for testCase in test.cases {
                report.cases.append(.init(group: group, model: test.modelName, id: testCase.id, outcome: .failed,
                                          mismatches: [], reasons: [reason], notes: [], location: testCase.location))
            }
            return
        }
        // Printed once here; the cases of the decisions concerned fail with these problems as notes.
        report.modelProblems += model.loadProblems
        let evaluator = DMNEvaluator(model: model)
        for testCase in test.cases {
            report.cases.append(run(testCase, of: test, group: group, model: model, evaluator: evaluator))
        }
    }

    private func run(_ testCase: TCKTestFile.TestCase, of test: TCKTestFile, group: String, model: DMNModel,
                     evaluator: DMNEvaluator) -> Report.CaseResult {
        var result = Report.CaseResult(group: group, model: test.modelName, id: testCase.id, outcome: .failed,
                                       mismatches: [], reasons: [], notes: [], location: testCase.location)
        if !testCase.problems.isEmpty {
            result.outcome = .skipped
            result.reasons = testCase.problems.map { "cannot run: \($0.description)" }
            return result
        }
        var inputs = Dictionary(testCase.inputs.map { ($0.name, $0.value) }, uniquingKeysWith: { $1 })
        var importedInputs: [String: [String: FEELValue]] = [:]
        for input in testCase.namespacedInputs {
            if model.namespaces.contains(input.namespace) { inputs[input.name] = input.value }
            else { importedInputs[input.namespace, default: [:]][input.name] = input.value }
        }
        var evaluation: EvaluationResult
        switch testCase.kind {
        case .decision:
            evaluation = evaluator.evaluate(inputs, importedInputs: importedInputs, only: Set(testCase.results.map(\.name)))
        case .decisionService(let name):
            guard let service = model.decisionService(named: name) else {
                result.reasons = ["the model has no decision service '\(name)'"]
                return result
            }
            // Results name the service's output decisions (or the service itself, for its whole value).
            let run = evaluator.evaluate(service, arguments: inputs)
            evaluation = run.result
            evaluation.values[service.name] = run.value
            // The service's value is its outputs' values as the service's type has them.
            if service.outputDecisions.count == 1, let output = model.decision(id: service.outputDecisions[0].id) {
                evaluation.values[output.name] = run.value
            } else if case .context(let outputs) = run.value {
                for entry in outputs.entries { evaluation.values[entry.key] = entry.value }
            }
        case .other(let type):
            result.reasons = ["test case type '\(type)' is not supported"]
            return result
        }
        for expected in testCase.results {
            let known = model.decision(named: expected.name) != nil || evaluation.values[expected.name] != nil
            let actual: FEELValue? = known ? (evaluation.values[expected.name] ?? .null) : nil
            if let actual, TCKComparison.matches(actual, expected.expected, writtenDecimals: expected.writtenDecimals) { continue }
            result.mismatches.append(.init(result: expected.name, expected: expected.expected, actual: actual,
                                           location: expected.location))
        }
        if result.mismatches.isEmpty {
            result.outcome = .passed
        } else {
            result.notes = evaluation.problems.map(\.description)
        }
        return result
    }

    /// Whether an actual value passes for an expected TCK value (see `TCKComparison`).
    static func matches(_ actual: FEELValue, _ expected: FEELValue) -> Bool {
        TCKComparison.matches(actual, expected)
    }
}

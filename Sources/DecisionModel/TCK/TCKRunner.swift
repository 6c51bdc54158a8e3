import XMLSupport

/// Runs DMN TCK test files against their models and reports each case.
public struct TCKRunner: Sendable {
    public struct Failure: Sendable, CustomStringConvertible {
        public var model: String
        public var testCase: String
        public var result: String
        public var expected: FEELValue
        public var actual: FEELValue
        public var problems: [String]
        public var location: SourceLocation

        public var description: String {
            var text = "FAIL \(model) case \(testCase) (\(location)): \(result)\n  expected: \(expected)\n  actual:   \(actual)"
            for p in problems { text += "\n  note: \(p)" }
            return text
        }
    }

    public struct Report: Sendable {
        public var passed = 0
        public var failures: [Failure] = []
        public var loadProblems: [DMNProblem] = []
        public var failed: Int { failures.count }
    }

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
                // Cheap filter: only files whose root is a TCK testCases element count.
                if let root = try? loader.load(contentsOf: file), TCKTestFile.isTestFile(root) { found.append(file) }
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

    public func run(file: String, into report: inout Report) {
        let test: TCKTestFile
        let model: DMNModel
        do {
            test = try TCKTestFile(root: try XMLLoader().load(contentsOf: file), path: file)
            model = try DMNLoader().load(file: FileWalker.sibling(of: file, named: test.modelName))
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
        let evaluator = DMNEvaluator(model: model)
        for testCase in test.cases {
            let result = evaluator.evaluate(Dictionary(testCase.inputs.map { ($0.name, $0.value) }, uniquingKeysWith: { $1 }))
            var failed = false
            for expected in testCase.results {
                let actual = result.values[expected.name] ?? .null
                if !Self.matches(actual, expected.expected) {
                    failed = true
                    report.failures.append(Failure(
                        model: test.modelName, testCase: testCase.id, result: expected.name, expected: expected.expected,
                        actual: actual, problems: result.problems.map(\.description), location: expected.location))
                }
            }
            if !failed { report.passed += 1 }
        }
    }

    /// Expected values in TCK files are written to about 15 significant digits; numbers agree when the
    /// relative difference is below 1e-10. Everything else must be equal.
    static func matches(_ actual: FEELValue, _ expected: FEELValue) -> Bool {
        switch (actual, expected) {
        case (.number(let a), .number(let e)):
            if a == e { return true }
            let diff = abs(a.doubleValue - e.doubleValue)
            return diff <= 1e-10 * max(1, abs(e.doubleValue))
        case (.list(let a), .list(let e)):
            return a.count == e.count && zip(a, e).allSatisfy { matches($0, $1) }
        case (.context(let a), .context(let e)):
            return Set(a.keys) == Set(e.keys) && e.entries.allSatisfy { entry in matches(a[entry.key] ?? .null, entry.value) }
        default:
            return actual == expected
        }
    }
}

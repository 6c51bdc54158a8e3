import ArgumentParser
import DecisionModel

struct DmnTest: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test",
        abstract: "Run DMN TCK test files (testCases XML beside their .dmn model).",
        discussion: "Prints every failing case and ends with 'N passed, N failed'. Exit 0 all passed, 1 some failed, 2 something could not be loaded.")

    @Argument(help: "Test files or folders searched for TCK test files.")
    var paths: [String]

    func run() throws {
        let report = TCKRunner().run(paths: paths)
        for failure in report.failures { Terminal.output(failure.description) }
        for problem in report.loadProblems { Terminal.error(problem.description) }
        print("\(report.passed) passed, \(report.failed) failed")
        if !report.loadProblems.isEmpty { throw ExitCode(2) }
        if report.failed > 0 { throw ExitCode(1) }
    }
}

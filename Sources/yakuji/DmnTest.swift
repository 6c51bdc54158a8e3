import ArgumentParser
import DecisionModel

struct DmnTest: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test",
        abstract: "Run DMN TCK test files (testCases XML beside their .dmn model).",
        discussion: """
        Prints every failing and skipped case and ends with 'N passed, N failed' (', N skipped' when some case \
        could not be run at all). A case counts once, however many result nodes it has; a model that does not \
        load fails all its cases. Exit 0 all passed, 1 some failed, 2 a path or test file could not be read.
        """)

    @Argument(help: "Test files or folders searched for TCK test files.")
    var paths: [String]

    @Flag(name: .customLong("by-folder"), help: "Print the counts of every test folder before the total.")
    var byFolder = false

    func run() throws {
        let report = TCKRunner().run(paths: paths)
        for problem in report.modelProblems { Terminal.error(problem.description) }
        for problem in report.loadProblems { Terminal.error(problem.description) }
        for result in report.cases where result.outcome != .passed { Terminal.output(result.description) }
        if byFolder {
            for group in report.groups {
                var line = "\(group.name): \(group.passed) passed, \(group.failed) failed"
                if group.skipped > 0 { line += ", \(group.skipped) skipped" }
                print(line)
            }
        }
        print(report.summary)
        if !report.loadProblems.isEmpty { throw ExitCode(2) }
        if report.failed > 0 { throw ExitCode(1) }
    }
}

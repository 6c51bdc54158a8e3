import DecisionModel
import XMLSupport

/// Why the advisor could not do what was asked; each names the file and line when there is one.
public struct AdvisorError: Error, Sendable, CustomStringConvertible {
    public var problems: [DMNProblem]

    public init(_ problems: [DMNProblem]) { self.problems = problems }

    public init(file: String, line: Int = 0, _ message: String) {
        self.problems = [DMNProblem(file: file, line: line, message: message)]
    }

    public init(_ error: XMLLoadError) {
        self.problems = error.diagnostics.map(DMNProblem.init)
    }

    /// A size refusal names the flag that raises the limit.
    init(_ error: XMLLoadError, hint flag: String) {
        self.problems = error.diagnostics.map { d in
            var problem = DMNProblem(d)
            if d.message.contains(" limit for this kind of file") { problem.message += " (\(flag))" }
            return problem
        }
    }

    public init(_ error: DMNLoadError) {
        self.problems = error.problems
    }

    public var description: String { problems.map(\.description).joined(separator: "\n") }
}

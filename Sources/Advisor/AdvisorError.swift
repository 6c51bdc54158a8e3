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
        self.problems = error.diagnostics.map { Self.hinted(DMNProblem($0), flag) }
    }

    public init(_ error: DMNLoadError) {
        self.problems = error.problems
    }

    init(_ error: DMNLoadError, hint flag: String) {
        self.problems = error.problems.map { Self.hinted($0, flag) }
    }

    static func hinted(_ problem: DMNProblem, _ flag: String) -> DMNProblem {
        guard problem.message.contains(" limit for this kind of file") else { return problem }
        var out = problem
        out.message += " (\(flag))"
        return out
    }

    public var description: String { problems.map(\.description).joined(separator: "\n") }
}

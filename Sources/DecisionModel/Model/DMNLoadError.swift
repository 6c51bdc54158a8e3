import XMLSupport

/// A rule file that cannot be used, with where the problem is.
public struct DMNProblem: Sendable, Equatable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: Int
    public var message: String

    public init(file: String, line: Int, column: Int = 0, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.message = message
    }

    public init(_ diagnostic: XMLDiagnostic) {
        self.init(file: diagnostic.file, line: diagnostic.line, column: diagnostic.column, message: diagnostic.message)
    }

    public init(at location: SourceLocation, _ message: String) {
        self.init(file: location.file, line: location.line, message: message)
    }

    public var description: String {
        var place = file
        if line > 0 { place += ":\(line)" }
        if line > 0 && column > 0 { place += ":\(column)" }
        return "\(place): error: \(message)"
    }
}

public struct DMNLoadError: Error, Sendable, CustomStringConvertible {
    public var problems: [DMNProblem]

    public init(_ problems: [DMNProblem]) { self.problems = problems }

    public var description: String { problems.map(\.description).joined(separator: "\n") }
}

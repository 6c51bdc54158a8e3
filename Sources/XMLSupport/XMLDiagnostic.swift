/// One problem found while reading or validating an XML file, with where it is.
public struct XMLDiagnostic: Sendable, Equatable, CustomStringConvertible {
    public enum Severity: String, Sendable { case warning, error, fatal }

    public var file: String
    public var line: Int
    /// 0 when libxml2 gives no column (schema validation errors carry only a line).
    public var column: Int
    public var severity: Severity
    public var message: String

    public init(file: String, line: Int, column: Int = 0, severity: Severity = .error, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.severity = severity
        self.message = message
    }

    public var location: String {
        var text = file
        if line > 0 { text += ":\(line)" }
        if line > 0 && column > 0 { text += ":\(column)" }
        return text
    }

    public var description: String { "\(location): \(severity.rawValue): \(message)" }
}

/// Why a document could not be turned into a tree.
public enum XMLLoadError: Error, Sendable, CustomStringConvertible {
    /// Not well-formed, or the file could not be read.
    case malformed([XMLDiagnostic])
    /// Well-formed but uses something refused for safety (a DOCTYPE).
    case forbidden([XMLDiagnostic])
    /// Well-formed but violates its schema: every violation is listed.
    case invalid([XMLDiagnostic])
    /// The schema itself could not be compiled.
    case badSchema([XMLDiagnostic])

    public var diagnostics: [XMLDiagnostic] {
        switch self {
        case .malformed(let d), .forbidden(let d), .invalid(let d), .badSchema(let d): d
        }
    }

    public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}

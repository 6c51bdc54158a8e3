/// A FEEL type (DMN 1.5, 10.3.2.9): what `instance of` tests and what typed function parameters,
/// item definitions and `typeRef`s denote.
public indirect enum FEELType: Sendable, Equatable, CustomStringConvertible {
    case any
    /// The type of `null` only.
    case null
    case number, string, boolean, date, time, dateTime, daysAndTimeDuration, yearsAndMonthsDuration
    case list(FEELType)
    /// A context with at least these entries, each of its type.
    case context([Entry])
    case range(FEELType)
    case function(parameters: [FEELType], result: FEELType)

    public struct Entry: Sendable, Equatable {
        public var name: String
        public var type: FEELType

        public init(name: String, type: FEELType) {
            self.name = name
            self.type = type
        }
    }

    /// The built-in type a name denotes (`number`, `date and time`, `dateTime`, `Any` …), nil for other names.
    public init?(builtinName name: String) {
        switch name {
        case "Any", "any": self = .any
        case "Null": self = .null
        case "number": self = .number
        case "string": self = .string
        case "boolean": self = .boolean
        case "date": self = .date
        case "time": self = .time
        case "date and time", "dateTime": self = .dateTime
        case "days and time duration", "dayTimeDuration": self = .daysAndTimeDuration
        case "years and months duration", "yearMonthDuration": self = .yearsAndMonthsDuration
        case "list": self = .list(.any)
        case "context": self = .context([])
        case "range": self = .range(.any)
        case "function": self = .function(parameters: [], result: .any)
        default: return nil
        }
    }

    public var description: String {
        switch self {
        case .any: return "Any"
        case .null: return "Null"
        case .number: return "number"
        case .string: return "string"
        case .boolean: return "boolean"
        case .date: return "date"
        case .time: return "time"
        case .dateTime: return "date and time"
        case .daysAndTimeDuration: return "days and time duration"
        case .yearsAndMonthsDuration: return "years and months duration"
        case .list(let element): return "list<\(element)>"
        case .context(let entries): return "context<" + entries.map { "\($0.name): \($0.type)" }.joined(separator: ", ") + ">"
        case .range(let element): return "range<\(element)>"
        case .function(let parameters, let result):
            return "function<" + parameters.map(\.description).joined(separator: ", ") + "> -> \(result)"
        }
    }
}

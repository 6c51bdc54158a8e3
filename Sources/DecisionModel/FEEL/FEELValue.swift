import Foundation

/// A FEEL value.
///
/// Swift `==` is structural equality suitable for tests and dictionaries (numbers by value,
/// temporals by instant, contexts regardless of entry order, functions by identity). FEEL's
/// own `=` (which yields `null` for values of different types) is `feelEquals(_:)`.
public enum FEELValue: Sendable, Equatable, CustomStringConvertible {
    case null
    case boolean(Bool)
    case number(FEELNumber)
    case string(String)
    case date(FEELDate)
    case time(FEELTime)
    case dateTime(FEELDateTime)
    /// Days-and-time or years-and-months (see `FEELDuration.kind`).
    case duration(FEELDuration)
    case list([FEELValue])
    case context(FEELContext)
    case function(FEELFunction)
    /// A range or unary test used as a value (`[1..10]`, `< 5`), DMN 1.5.
    indirect case range(FEELRange)

    /// FEEL literal syntax: `"abc"`, `12.5`, `true`, `null`, `[1, 2]`, `{a: 1}`,
    /// `date("2025-04-01")`, `duration("P1Y2M")`.
    public var description: String {
        switch self {
        case .null: return "null"
        case .boolean(let value): return value ? "true" : "false"
        case .number(let value): return value.description
        case .string(let value): return FEELValue.quoted(value)
        case .date(let value): return "date(\"\(value)\")"
        case .time(let value): return "time(\"\(value)\")"
        case .dateTime(let value): return "date and time(\"\(value)\")"
        case .duration(let value): return "duration(\"\(value)\")"
        case .list(let items): return "[" + items.map(\.description).joined(separator: ", ") + "]"
        case .context(let context):
            return "{" + context.entries.map { FEELValue.contextKey($0.key) + ": " + $0.value.description }
                .joined(separator: ", ") + "}"
        case .function(let function):
            return "function \(function.name)(" + function.parameters.joined(separator: ", ") + ")"
        case .range(let range):
            return range.description
        }
    }

    /// The FEEL type name: `null`, `boolean`, `number`, `string`, `date`, `time`,
    /// `date and time`, `years and months duration`, `days and time duration`, `list`,
    /// `context`, `function`.
    public var typeName: String {
        switch self {
        case .null: return "null"
        case .boolean: return "boolean"
        case .number: return "number"
        case .string: return "string"
        case .date: return "date"
        case .time: return "time"
        case .dateTime: return "date and time"
        case .duration(let value):
            return value.kind == .yearsAndMonths ? "years and months duration" : "days and time duration"
        case .list: return "list"
        case .context: return "context"
        case .function: return "function"
        case .range: return "range"
        }
    }

    public var isNull: Bool { self == .null }

    var isList: Bool {
        if case .list = self { return true }
        return false
    }

    var isContextOrNull: Bool {
        switch self {
        case .context, .null: true
        default: false
        }
    }

    /// The text of a string value, nil otherwise.
    public var stringValue: String? {
        if case .string(let value) = self { return value }
        return nil
    }

    /// The number of a number value, nil otherwise.
    public var numberValue: FEELNumber? {
        if case .number(let value) = self { return value }
        return nil
    }

    /// The flag of a boolean value, nil otherwise.
    public var boolValue: Bool? {
        if case .boolean(let value) = self { return value }
        return nil
    }

    /// FEEL `=`: `true`/`false`, or nil (FEEL `null`) for values that do not compare
    /// (different types). `null = null` is true; `x = null` is false.
    public func feelEquals(_ other: FEELValue) -> Bool? {
        FEELSemantics.equals(self, other)
    }

    /// FEEL ordering (`<`): `.orderedAscending` etc., or nil when the values have no FEEL
    /// order (different types, booleans, lists, durations of different kinds, null).
    public func feelCompare(_ other: FEELValue) -> ComparisonResult? {
        FEELSemantics.compare(self, other)
    }

    static func quoted(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    result += "\\u" + String(format: "%04X", scalar.value)
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result + "\""
    }

    /// A context key as FEEL text: bare when it is a one-word name, quoted otherwise.
    static func contextKey(_ key: String) -> String {
        guard let first = key.unicodeScalars.first, FEELLexer.isNameStart(first), first != "?",
              key.unicodeScalars.allSatisfy(FEELLexer.isNamePart), !FEELLexer.reservedWords.contains(key) else {
            return quoted(key)
        }
        return key
    }
}

extension FEELValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral,
    ExpressibleByArrayLiteral {
    public init(stringLiteral value: String) { self = .string(value) }
    public init(integerLiteral value: Int) { self = .number(FEELNumber(value)) }
    public init(booleanLiteral value: Bool) { self = .boolean(value) }
    public init(arrayLiteral elements: FEELValue...) { self = .list(elements) }
}

// MARK: - Context

/// A FEEL context: ordered entries with unique keys. Equality ignores entry order.
public struct FEELContext: Sendable, Equatable {
    /// Keys and values apart, in order: a lookup compares keys and copies out a value, never a whole entry.
    private var names: [String]
    private var values: [FEELValue]
    /// Positions by key, kept only for contexts of more than `linearLimit` entries: in the small contexts
    /// evaluation makes by the million (scopes, table outputs) comparing a few keys is faster than hashing one.
    private var index: StringIndex?
    private static let linearLimit = 8

    /// Later entries replace earlier ones with the same key (keeping the first position).
    public init(_ entries: [(String, FEELValue)] = []) {
        names = []
        values = []
        names.reserveCapacity(entries.count)
        values.reserveCapacity(entries.count)
        index = nil
        for (key, value) in entries { self[key] = value }
    }

    /// Keys known to be distinct, and their values in the same order: a table's outputs, made without a lookup
    /// per key and sharing the table's array of names.
    init(distinctKeys keys: [String], values: [FEELValue]) {
        names = keys
        self.values = values
        index = keys.count > Self.linearLimit ? StringIndex(keys) : nil
    }

    public var entries: [(key: String, value: FEELValue)] { zip(names, values).map { (key: $0, value: $1) } }

    public var keys: [String] { names }

    /// The values in order, without pairing each with its key as `entries` does (in a new array).
    var memberValues: [FEELValue] { values }

    public var count: Int { names.count }

    @inline(__always)
    private func position(of key: String) -> Int? {
        if let index { return index.position(of: key, in: names) }
        return names.firstIndex(of: key)
    }

    private mutating func reindex() {
        guard names.count > Self.linearLimit else { index = nil; return }
        index = StringIndex(names)
    }

    /// Setting nil removes the entry.
    public subscript(key: String) -> FEELValue? {
        get {
            guard let position = position(of: key) else { return nil }
            return values[position]
        }
        set {
            if let position = position(of: key) {
                if let newValue {
                    values[position] = newValue
                } else {
                    values.remove(at: position)
                    names.remove(at: position)
                    reindex()
                }
            } else if let newValue {
                values.append(newValue)
                names.append(key)
                if index != nil { index?.append(position: names.count - 1, of: names) } else if names.count > Self.linearLimit { reindex() }
            }
        }
    }

    /// The entry `member` of the context at `key` (null when `key` is null), read in place: copying that context out
    /// first cost more than both lookups. Nil when there is no `key`, or its value is something else.
    func member(_ member: String, of key: String) -> FEELValue? {
        guard let position = position(of: key) else { return nil }
        switch values[position] {
        case .context(let context): return context[member] ?? .null
        case .null: return .null
        default: return nil
        }
    }

    func contains(_ key: String) -> Bool { position(of: key) != nil }

    /// Whether `member(_:of: key)` finds a value (see there), without copying it.
    func holdsContextOrNull(_ key: String) -> Bool {
        guard let position = position(of: key) else { return false }
        return values[position].isContextOrNull
    }

    func holdsList(_ key: String) -> Bool {
        guard let position = position(of: key) else { return false }
        return values[position].isList
    }

    public static func == (lhs: FEELContext, rhs: FEELContext) -> Bool {
        guard lhs.names.count == rhs.names.count else { return false }
        for (key, value) in zip(lhs.names, lhs.values) {
            guard let other = rhs[key], other == value else { return false }
        }
        return true
    }
}

// MARK: - Function

/// A function value: a built-in, a business knowledge model, a FEEL `function(…)` definition, or any
/// Swift closure. Two function values are equal when they are the same function (same identity).
public struct FEELFunction: Sendable, Equatable {
    public let name: String
    public let parameters: [String]
    /// Declared parameter types (nil: not declared, any value is accepted), one per parameter.
    public let parameterTypes: [FEELType?]
    /// Declared result type, nil when not declared.
    public let resultType: FEELType?
    private let id: UUID
    private let body: @Sendable ([FEELValue]) -> (value: FEELValue, problems: [String])

    public init(name: String, parameters: [String], body: @escaping @Sendable ([FEELValue]) -> FEELValue) {
        self.init(name: name, parameters: parameters, parameterTypes: [], resultType: nil) { (body($0), []) }
    }

    /// A function whose body also reports the problems met while it ran (they become the caller's problems).
    public init(name: String, parameters: [String], parameterTypes: [FEELType?] = [], resultType: FEELType? = nil,
                reportingBody body: @escaping @Sendable ([FEELValue]) -> (value: FEELValue, problems: [String])) {
        self.name = name
        self.parameters = parameters
        self.parameterTypes = parameterTypes.count == parameters.count ? parameterTypes : Array(repeating: nil, count: parameters.count)
        self.resultType = resultType
        self.id = UUID()
        self.body = body
    }

    /// Arguments by position, one per parameter (missing ones null).
    public func call(_ arguments: [FEELValue]) -> FEELValue {
        body(arguments).value
    }

    /// Like `call`, with the problems the body reported.
    public func callReportingProblems(_ arguments: [FEELValue]) -> (value: FEELValue, problems: [String]) {
        body(arguments)
    }

    public static func == (lhs: FEELFunction, rhs: FEELFunction) -> Bool {
        lhs.id == rhs.id
    }
}

// MARK: - Scope

/// The names visible to an expression: input data, earlier decisions, functions.
public struct FEELScope: Sendable {
    /// A context for its storage: scopes are small, and looked up far more often than made.
    private var bindings: FEELContext
    /// The types that names such as item definitions denote (`x instance of tPerson`); built-in type
    /// names (`number`, `list<string>` …) need no resolver.
    public var typeResolver: (@Sendable (String) -> FEELType?)?

    public init(_ bindings: [String: FEELValue] = [:], typeResolver: (@Sendable (String) -> FEELType?)? = nil) {
        self.bindings = FEELContext(bindings.map { ($0.key, $0.value) })
        self.typeResolver = typeResolver
    }

    /// `names` must be distinct; `values` in the same order.
    init(distinctNames names: [String], values: [FEELValue], typeResolver: (@Sendable (String) -> FEELType?)?) {
        bindings = FEELContext(distinctKeys: names, values: values)
        self.typeResolver = typeResolver
    }

    public subscript(name: String) -> FEELValue? {
        get { bindings[name] }
        set { bindings[name] = newValue }
    }

    public var names: Set<String> { Set(bindings.keys) }

    var isEmpty: Bool { bindings.count == 0 }

    /// See `FEELContext.member(_:of:)`.
    func member(_ member: String, of name: String) -> FEELValue? { bindings.member(member, of: name) }

    /// Whether `name` is bound, found without copying its value.
    func contains(_ name: String) -> Bool { bindings.contains(name) }

    /// Whether `member(_:of: name)` finds a value: `name` is bound to a context or to null.
    func holdsContextOrNull(_ name: String) -> Bool { bindings.holdsContextOrNull(name) }

    /// Whether `name` is bound to a list.
    func holdsList(_ name: String) -> Bool { bindings.holdsList(name) }
}

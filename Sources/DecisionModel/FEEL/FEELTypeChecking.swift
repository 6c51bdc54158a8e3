/// A type as written in FEEL text (`list<number>`, `context<a: string>`, `tPerson`), resolved when the
/// expression is evaluated: item definition names come from the scope's type resolver.
indirect enum FEELTypeExpression: Sendable {
    case name(String)
    case list(FEELTypeExpression)
    case range(FEELTypeExpression)
    case context([(name: String, type: FEELTypeExpression)])
    case function([FEELTypeExpression], FEELTypeExpression)

    /// The type, or the first name that denotes no type.
    func resolve(_ resolver: ((String) -> FEELType?)?) -> Result<FEELType, FEELProblem> {
        switch self {
        case .name(let name):
            if let type = FEELType(builtinName: name) ?? resolver?(name) { return .success(type) }
            return .failure(FEELProblem("unknown type '\(name)'"))
        case .list(let element):
            return element.resolve(resolver).map(FEELType.list)
        case .range(let element):
            return element.resolve(resolver).map(FEELType.range)
        case .context(let entries):
            var resolved: [FEELType.Entry] = []
            for entry in entries {
                switch entry.type.resolve(resolver) {
                case .success(let type): resolved.append(.init(name: entry.name, type: type))
                case .failure(let problem): return .failure(problem)
                }
            }
            return .success(.context(resolved))
        case .function(let parameters, let result):
            var types: [FEELType] = []
            for parameter in parameters {
                switch parameter.resolve(resolver) {
                case .success(let type): types.append(type)
                case .failure(let problem): return .failure(problem)
                }
            }
            return result.resolve(resolver).map { .function(parameters: types, result: $0) }
        }
    }
}

extension FEELType {
    /// `value instance of self` (DMN 1.5, 10.3.2.9): null is an instance of no type (but may fill an entry
    /// of a context or an item of a list of any type); allowed values of item definitions do not count.
    public func isInstance(_ value: FEELValue) -> Bool {
        if case .null = value { return self == .null }
        return admits(value)
    }

    /// Like `isInstance`, with null admitted (as the content of lists and context entries).
    func admits(_ value: FEELValue) -> Bool {
        switch (self, value) {
        case (_, .null): return true
        case (.any, _): return true
        case (.number, .number), (.string, .string), (.boolean, .boolean), (.date, .date), (.time, .time),
             (.dateTime, .dateTime):
            return true
        case (.daysAndTimeDuration, .duration(let d)): return d.kind == .daysAndTime
        case (.yearsAndMonthsDuration, .duration(let d)): return d.kind == .yearsAndMonths
        case (.list(let element), .list(let items)): return items.allSatisfy(element.admits)
        case (.context(let entries), .context(let context)):
            return entries.allSatisfy { entry in context[entry.name].map(entry.type.admits) ?? false }
        case (.range(let element), .range(let range)):
            return element.admits(range.start) && element.admits(range.end)
        case (.function(let parameters, let result), .function(let function)):
            return function.type.conforms(to: .function(parameters: parameters, result: result))
        default: return false
        }
    }

    /// Type conformance `self <: other` (DMN 1.5, 10.3.2.9.1): lists and ranges covariant, contexts by
    /// the entries `other` requires, functions contravariant in their parameters.
    public func conforms(to other: FEELType) -> Bool {
        if self == other { return true }
        switch (self, other) {
        case (_, .any), (.null, _): return true
        case (.list(let a), .list(let b)), (.range(let a), .range(let b)): return a.conforms(to: b)
        case (.context(let have), .context(let need)):
            return need.allSatisfy { entry in have.first { $0.name == entry.name }.map { $0.type.conforms(to: entry.type) } ?? false }
        case (.function(let p, let r), .function(let q, let s)):
            return p.count == q.count && zip(p, q).allSatisfy { $1.conforms(to: $0) } && r.conforms(to: s)
        default: return false
        }
    }

    /// The most specific type of a value (`[1, 2]` is `list<number>`, `[]` is `list<Any>`).
    public static func of(_ value: FEELValue) -> FEELType {
        switch value {
        case .null: return .null
        case .boolean: return .boolean
        case .number: return .number
        case .string: return .string
        case .date: return .date
        case .time: return .time
        case .dateTime: return .dateTime
        case .duration(let d): return d.kind == .daysAndTime ? .daysAndTimeDuration : .yearsAndMonthsDuration
        case .list(let items):
            guard let first = items.first.map(of) else { return .list(.any) }
            return .list(items.dropFirst().allSatisfy { of($0) == first } ? first : .any)
        case .context(let context): return .context(context.entries.map { .init(name: $0.key, type: of($0.value)) })
        case .range(let range): return .range(range.start != .null ? of(range.start) : of(range.end))
        case .function(let function): return function.type
        }
    }
}

extension FEELFunction {
    /// The function's type: undeclared parameter and result types are `Any`.
    public var type: FEELType {
        .function(parameters: parameterTypes.map { $0 ?? .any }, result: resultType ?? .any)
    }
}

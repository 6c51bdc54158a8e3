/// DMN type checking: a value that does not conform to its declared type becomes null.
extension DMNModel {
    /// The value a typed variable (a decision, a parameter, a context entry …) takes: the value when it conforms,
    /// else one of DMN's implicit conversions (a singleton list's item, a value as a singleton list, a date as a date
    /// and time at UTC midnight) when that conforms, else null with the reason.
    public func coerce(_ value: FEELValue, to typeRef: String?) -> (value: FEELValue, problem: String?) {
        guard let why = nonConformance(of: value, to: typeRef) else { return (value, nil) }
        if case .list(let items) = value, items.count == 1, nonConformance(of: items[0], to: typeRef) == nil {
            return (items[0], nil)
        }
        if baseType(of: typeRef) == "list", nonConformance(of: .list([value]), to: typeRef) == nil {
            if case .list = value {} else { return (.list([value]), nil) }
        }
        if case .date(let date) = value, ["date and time", "dateTime"].contains(baseType(of: typeRef) ?? ""),
           let midnight = FEELTime(hour: 0, minute: 0, second: 0, nanosecond: 0, offsetSeconds: 0, zoneID: nil) {
            let converted = FEELValue.dateTime(FEELDateTime(date: date, time: midnight))
            if nonConformance(of: converted, to: typeRef) == nil { return (converted, nil) }
        }
        return (.null, "does not conform to its type \(typeRef ?? "") (\(why)), so it is null")
    }

    /// Nil when `value` conforms to `typeRef`; otherwise why not.
    public func nonConformance(of value: FEELValue, to typeRef: String?) -> String? {
        if case .null = value { return nil }
        guard let typeRef else { return nil }
        let name = DMNModel.localTypeName(typeRef)
        // A local item definition is checked here without resolveType's copy of the model: this runs for every
        // input and decision of every evaluation.
        if let item = itemDefinitions[name] { return nonConformance(of: value, to: item) }
        if !imports.isEmpty, let (owner, item) = resolveType(name) { return owner.nonConformance(of: value, to: item) }
        return Self.baseTypeMismatch(value, name)
    }

    /// A scope with each argument bound to its parameter, coerced to the parameter's type; nil when an argument
    /// does not conform (the call then gives null: DMN does not invoke a function with arguments of the wrong type).
    func bind(_ arguments: [FEELValue], to parameters: [(name: String, typeRef: String?)], in scope: FEELScope) -> FEELScope? {
        var scope = scope
        for (parameter, argument) in zip(parameters, arguments) {
            let (value, problem) = coerce(argument, to: parameter.typeRef)
            if problem != nil { return nil }
            scope[parameter.name] = value
        }
        return scope
    }

    /// What a function of this type returns: a function type's output type; any other type as it is.
    func resultType(of typeRef: String?) -> String? {
        guard let item = itemDefinition(for: typeRef), let function = item.functionItem else { return typeRef }
        return function.outputTypeRef
    }

    func nonConformance(of value: FEELValue, to item: ItemDefinition) -> String? {
        if case .null = value { return nil }
        if let problem = item.loadProblems.first { return "type \(item.name) could not be loaded: \(problem.message) (\(SourceLocation(file: problem.file, line: problem.line)))" }
        if let constraint = item.typeConstraint, !constraint.matches(value, scope: FEELScope()) {
            return "\(value) does not satisfy the constraint \(constraint.source) of \(item.name)"
        }
        if item.isCollection {
            guard case .list(let elements) = value else { return "expected a list of \(item.name)" }
            var element = item
            element.isCollection = false
            element.typeConstraint = nil
            for e in elements { if let why = nonConformance(of: e, to: element) { return why } }
            return nil
        }
        if let function = item.functionItem {
            guard case .function(let value) = value else { return "expected a function \(item.name)" }
            if value.parameters.count != function.parameters.count, !value.parameters.isEmpty {
                return "expected a function of \(function.parameters.count) parameters"
            }
            return nil
        }
        if !item.components.isEmpty {
            guard case .context(let context) = value else { return "expected a structure \(item.name)" }
            for component in item.components {
                guard let entry = context[component.name] else { return "\(component.name) is missing" }
                if let why = nonConformance(of: entry, to: component) {
                    return "\(component.name): \(why)"
                }
            }
            return nil
        }
        if let why = nonConformance(of: value, to: item.typeRef) { return why }
        if let allowed = item.allowedValues, !allowed.matches(value, scope: FEELScope()) {
            return "\(value) is not one of the allowed values \(allowed.source) of \(item.name)"
        }
        return nil
    }

    private static func baseTypeMismatch(_ value: FEELValue, _ type: String) -> String? {
        let ok: Bool
        switch (type, value) {
        case ("string", .string), ("number", .number), ("boolean", .boolean), ("date", .date), ("time", .time),
             ("dateTime", .dateTime), ("date and time", .dateTime), ("context", .context), ("list", .list),
             ("function", .function):
            ok = true
        case ("dayTimeDuration", .duration), ("yearMonthDuration", .duration), ("duration", .duration),
             ("days and time duration", .duration), ("years and months duration", .duration):
            ok = true
        case ("Any", _), ("any", _):
            ok = true
        case (let t, _) where !["string", "number", "boolean", "date", "time", "dateTime", "date and time", "context", "list",
                                "function", "dayTimeDuration", "yearMonthDuration", "duration", "days and time duration",
                                "years and months duration"].contains(t):
            ok = true   // unknown names are reported by the model checker, not here
        default:
            ok = false
        }
        return ok ? nil : "\(value) is not a \(type)"
    }
}

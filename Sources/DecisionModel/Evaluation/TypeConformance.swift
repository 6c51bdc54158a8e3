/// DMN type checking: a value that does not conform to its declared type becomes null.
extension DMNModel {
    /// A value bound to something of type `typeRef` (DMN 1.5, 10.3.2.9.4): as is when it conforms; a one-item
    /// list as its item, or an item as a one-item list, when that conforms; otherwise null, with why.
    public func conform(_ value: FEELValue, to typeRef: String?) -> (value: FEELValue, problem: String?) {
        guard let why = nonConformance(of: value, to: typeRef) else { return (value, nil) }
        if case .list(let items) = value, items.count == 1, nonConformance(of: items[0], to: typeRef) == nil {
            return (items[0], nil)
        }
        if baseType(of: typeRef) == "list", nonConformance(of: .list([value]), to: typeRef) == nil {
            return (.list([value]), nil)
        }
        return (.null, why)
    }

    /// Nil when `value` conforms to `typeRef`; otherwise why not.
    public func nonConformance(of value: FEELValue, to typeRef: String?) -> String? {
        if case .null = value { return nil }
        guard let typeRef else { return nil }
        let name = DMNModel.localTypeName(typeRef)
        if let item = itemDefinitions[name] { return nonConformance(of: value, to: item) }
        return Self.baseTypeMismatch(value, name)
    }

    func nonConformance(of value: FEELValue, to item: ItemDefinition) -> String? {
        if case .null = value { return nil }
        if let problem = item.loadProblems.first { return "type \(item.name) could not be loaded: \(problem.message) (\(SourceLocation(file: problem.file, line: problem.line)))" }
        if item.isCollection {
            guard case .list(let elements) = value else { return "expected a list of \(item.name)" }
            var element = item
            element.isCollection = false
            for e in elements { if let why = nonConformance(of: e, to: element) { return why } }
            return nil
        }
        if !item.components.isEmpty {
            guard case .context(let context) = value else { return "expected a structure \(item.name)" }
            for component in item.components {
                // Every component must be there (DMN 1.5, 10.3.2.9.1: a context type names required entries).
                guard let entry = context[component.name] else { return "\(component.name) is missing from \(value)" }
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

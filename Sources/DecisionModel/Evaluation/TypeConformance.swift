/// DMN type checking: a value that does not conform to its declared type becomes null.
extension DMNModel {
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
                if let why = nonConformance(of: context[component.name] ?? .null, to: component) {
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

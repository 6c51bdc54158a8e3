/// Evaluation of the boxed expressions beyond decision tables, literal expressions and invocations.
extension DMNEvaluator {
    /// Entries see the entries before them; a typed entry's value is coerced to its type (null when it does not conform).
    func evaluate(_ context: BoxedContext, named name: String, scope: FEELScope) -> DecisionTrace {
        var scope = scope
        var entries = FEELContext()
        var problems: [String] = []
        for entry in context.entries {
            let trace = evaluate(entry.value, named: entry.name ?? name, scope: scope)
            let label = Self.label(entry.name ?? "result", at: entry.location)
            problems += trace.problems.map { "\(label): \($0)" }
            let (value, problem) = model.coerce(trace.value, to: entry.typeRef)
            if let problem { problems.append("\(label): \(problem)") }
            guard let entryName = entry.name else {
                return DecisionTrace(decision: name, hitPolicy: nil, value: value, problems: problems)
            }
            entries[entryName] = value
            scope[entryName] = value
        }
        return DecisionTrace(decision: name, hitPolicy: nil, value: .context(entries), problems: problems)
    }

    func evaluate(_ relation: BoxedRelation, named name: String, scope: FEELScope) -> DecisionTrace {
        var rows: [FEELValue] = []
        var problems: [String] = []
        for (number, cells) in relation.rows.enumerated() {
            var row = FEELContext()
            let at = number < relation.rowLocations.count ? relation.rowLocations[number] : relation.location
            for (column, cell) in zip(relation.columns, cells) {
                let trace = evaluate(cell, named: column.name, scope: scope)
                let label = Self.label("row \(number + 1), \(column.name)", at: at)
                problems += trace.problems.map { "\(label): \($0)" }
                let (value, problem) = model.coerce(trace.value, to: column.typeRef)
                if let problem { problems.append("\(label): \(problem)") }
                row[column.name] = value
            }
            rows.append(.context(row))
        }
        return DecisionTrace(decision: name, hitPolicy: nil, value: .list(rows), problems: problems)
    }

    func evaluate(_ list: BoxedList, named name: String, scope: FEELScope) -> DecisionTrace {
        var items: [FEELValue] = []
        var problems: [String] = []
        for (number, item) in list.items.enumerated() {
            let trace = evaluate(item, named: name, scope: scope)
            problems += trace.problems.map { "\(Self.label("item \(number + 1)", at: list.location)): \($0)" }
            items.append(trace.value)
        }
        return DecisionTrace(decision: name, hitPolicy: nil, value: .list(items), problems: problems)
    }

    /// A FEEL function closes over the scope it is defined in; its arguments are coerced to the parameters' types.
    func evaluate(_ definition: FunctionDefinition, named name: String, scope: FEELScope) -> DecisionTrace {
        let names = definition.parameters.map(\.name)
        let types = definition.parameters.map { model.feelType(of: $0.typeRef) }
        if case .external(let kind) = definition.kind, kind.lowercased() == "java", let body = definition.body {
            // No JVM: the java.lang.Math and boxing methods FEEL can compute exactly (FEELExternalJava).
            let java = evaluate(body, named: name, scope: scope)
            let mapping = FEELExternalJava.function(java: java.value)
            let function = FEELFunction(name: name, parameters: names, parameterTypes: types) { arguments in
                mapping.implementation?(arguments) ?? (.null, [mapping.description])
            }
            return DecisionTrace(decision: name, hitPolicy: nil, value: .function(function), problems: java.problems)
        }
        guard definition.kind == .feel, let body = definition.body else {
            let kind: String
            if case .external(let text) = definition.kind { kind = text } else { kind = "FEEL" }
            let unsupported = "\(kind) function definitions are not supported; calling one gives null"
            let function = FEELFunction(name: name, parameters: names, parameterTypes: types) { _ in (.null, [unsupported]) }
            return DecisionTrace(decision: name, hitPolicy: nil, value: .function(function), problems: [unsupported])
        }
        let evaluator = self
        let parameters = definition.parameters
        let function = FEELFunction(name: name, parameters: names, parameterTypes: types) { arguments in
            guard arguments.count == parameters.count, let bound = evaluator.model.bind(arguments, to: parameters, in: scope) else {
                return (.null, ["\(name): an argument does not conform to its parameter's type"])
            }
            return evaluator.value(of: body, named: name, scope: bound)
        }
        return DecisionTrace(decision: name, hitPolicy: nil, value: .function(function))
    }

    /// `if` true gives `then`; false or null gives `else`; a condition that is not a boolean gives null.
    func evaluate(_ conditional: BoxedConditional, named name: String, scope: FEELScope) -> DecisionTrace {
        let condition = evaluate(conditional.condition, named: name, scope: scope)
        var problems = condition.problems
        switch condition.value {
        case .boolean, .null: break
        default:
            problems.append("the condition of the conditional at line \(conditional.location.line) is \(condition.value.typeName), not boolean")
            return DecisionTrace(decision: name, hitPolicy: nil, inputs: [("if", condition.value)], problems: problems)
        }
        let branch = condition.value == .boolean(true) ? conditional.then : conditional.otherwise
        let result = evaluate(branch, named: name, scope: scope)
        return DecisionTrace(decision: name, hitPolicy: nil, inputs: [("if", condition.value)], value: result.value,
                             problems: problems + result.problems)
    }

    /// The items for which `match` is true, with `item` (and a context item's entries) in scope; a match that is
    /// neither boolean nor null makes the whole filter null.
    func evaluate(_ filter: BoxedFilter, named name: String, scope: FEELScope) -> DecisionTrace {
        let list = evaluate(filter.list, named: name, scope: scope)
        var problems = list.problems
        guard case .list(let items) = list.value else {
            if list.value != .null { problems.append("the filter at line \(filter.location.line) needs a list, not \(list.value.typeName)") }
            return DecisionTrace(decision: name, hitPolicy: nil, problems: problems)
        }
        var kept: [FEELValue] = []
        for item in items {
            var inner = scope
            if case .context(let context) = item {
                for entry in context.entries { inner[entry.key] = entry.value }
            }
            inner["item"] = item
            let match = evaluate(filter.match, named: name, scope: inner)
            problems += match.problems
            switch match.value {
            case .boolean(true): kept.append(item)
            case .boolean(false), .null: break
            default:
                problems.append("the match of the filter at line \(filter.location.line) must be boolean, not \(match.value.typeName)")
                return DecisionTrace(decision: name, hitPolicy: nil, problems: problems)
            }
        }
        return DecisionTrace(decision: name, hitPolicy: nil, value: .list(kept), problems: problems)
    }

    /// `for` collects the body's values (with `partial`, the values so far, in scope); `some`/`every` need boolean
    /// bodies, and any other value makes them null. The domain must be a list.
    func evaluate(_ iterator: BoxedIterator, named name: String, scope: FEELScope) -> DecisionTrace {
        let domain = evaluate(iterator.domain, named: name, scope: scope)
        var problems = domain.problems
        guard case .list(let items) = domain.value else {
            if domain.value != .null {
                problems.append("'\(iterator.kind.rawValue)' at line \(iterator.location.line) needs a list in 'in', not \(domain.value.typeName)")
            }
            return DecisionTrace(decision: name, hitPolicy: nil, problems: problems)
        }
        var results: [FEELValue] = []
        results.reserveCapacity(items.count)
        for item in items {
            var inner = scope
            inner[iterator.variable] = item
            if iterator.kind == .for { inner["partial"] = .list(results) }
            let body = evaluate(iterator.body, named: name, scope: inner)
            problems += body.problems
            if iterator.kind != .for, body.value.boolValue == nil {
                problems.append("'\(iterator.kind.rawValue)' at line \(iterator.location.line) needs boolean values from 'satisfies', not \(body.value.typeName)")
                return DecisionTrace(decision: name, hitPolicy: nil, problems: problems)
            }
            results.append(body.value)
        }
        let value: FEELValue
        switch iterator.kind {
        case .for: value = .list(results)
        case .some: value = .boolean(results.contains(.boolean(true)))
        case .every: value = .boolean(!results.contains(.boolean(false)))
        }
        return DecisionTrace(decision: name, hitPolicy: nil, value: value, problems: problems)
    }

    /// Names the part of a boxed expression a problem arose in, with its line (the decision's own line may be far off).
    static func label(_ part: String, at location: SourceLocation) -> String {
        location.line > 0 ? "\(part) (line \(location.line))" : part
    }
}

/// FEEL function definitions (`function(a, b: number) a + b`) and range values.
extension FEELEvaluator {
    /// How deeply functions defined in FEEL may call each other (a runaway recursion ends in null).
    static let maxCallDepth = 64

    @TaskLocal static var callDepth = 0

    /// A function value closing over the scope and the local names visible here. `named`, for a context
    /// entry, lets the body call the function by that name.
    mutating func function(_ parameters: [FEELNode.Parameter], _ body: FEELNode, external: Bool, named: String?,
                           at offset: Int) -> FEELValue {
        var declared: [FEELType?] = []
        for parameter in parameters {
            guard let expression = parameter.type else { declared.append(nil); continue }
            switch expression.resolve(scope.typeResolver) {
            case .success(let type): declared.append(type)
            case .failure(let problem):
                report(problem.message, at: offset)
                return .null
            }
        }
        if external {
            return externalFunction(parameters.map(\.name), body, named: named, at: offset)
        }
        let source = self.source, scope = self.scope, captured = self.locals, types = declared
        let names = parameters.map(\.name)
        // Made afresh for each recursive call, so a function that names itself holds no reference cycle.
        @Sendable func make() -> FEELFunction {
            FEELFunction(name: named ?? "", parameters: names, parameterTypes: types, reportingBody: { arguments in
                let depth = FEELEvaluator.callDepth
                guard depth < FEELEvaluator.maxCallDepth else {
                    return (.null, ["functions call each other more than \(FEELEvaluator.maxCallDepth) levels deep"])
                }
                var problems: [String] = []
                var locals = captured
                if let named { locals.append((named, .function(make()))) }
                for (index, name) in names.enumerated() {
                    let argument = index < arguments.count ? arguments[index] : .null
                    let (value, problem) = FEELEvaluator.coerce(argument, to: types[index], parameter: name)
                    if let problem { problems.append(problem) }
                    locals.append((name, value))
                }
                return FEELEvaluator.$callDepth.withValue(depth + 1) {
                    var evaluator = FEELEvaluator(source: source, scope: scope, locals: locals)
                    let value = evaluator.evaluate(body)
                    return (value, problems + evaluator.problems.map(\.description))
                }
            })
        }
        return .function(make())
    }

    /// An argument for a parameter of a declared type (DMN 1.5, 10.3.2.9.4): a value of the type as is, a
    /// one-item list as its item, an item as a one-item list; anything else is null, with why.
    static func coerce(_ value: FEELValue, to type: FEELType?, parameter: String) -> (FEELValue, String?) {
        guard let type, value != .null, !type.admits(value) else { return (value, nil) }
        if case .list(let items) = value, items.count == 1, type.admits(items[0]) { return (items[0], nil) }
        if case .list(let element) = type, element.admits(value) { return (.list([value]), nil) }
        return (.null, "'\(parameter)' = \(value) is not a \(type)")
    }

    /// `function(…) external {java: …}` or `{pmml: …}`: FEEL cannot run Java or PMML. Calling one is null with
    /// the reason, except for the `java.lang.Math` and boxing methods that have an exact FEEL equivalent.
    private mutating func externalFunction(_ parameters: [String], _ body: FEELNode, named: String?, at offset: Int) -> FEELValue {
        let definition = evaluate(body)
        let mapping = FEELExternalJava.function(for: definition)
        let description = mapping.description
        return .function(FEELFunction(name: named ?? "", parameters: parameters, reportingBody: { arguments in
            guard let implementation = mapping.implementation else { return (.null, [description]) }
            return implementation(arguments)
        }))
    }

    /// A range value from its endpoints (DMN 1.5, 10.3.2.7): both of one ordered type (or one of them null),
    /// start not after end.
    static func range(start: FEELValue, startIncluded: Bool, end: FEELValue, endIncluded: Bool) throws(FEELProblem) -> FEELRange {
        switch (start, end) {
        case (.null, .null):
            throw FEELProblem("a range needs at least one endpoint that is not null")
        case (.null, _), (_, .null):
            let endpoint = start == .null ? end : start
            guard FEELSemantics.compare(endpoint, endpoint) != nil else {
                throw FEELProblem("\(endpoint.typeName) values have no order, so they cannot bound a range")
            }
        default:
            guard let order = FEELSemantics.compare(start, end) else {
                throw FEELProblem("a range from \(start.typeName) to \(end.typeName): the endpoints must be of one ordered type")
            }
            if order == .orderedDescending { throw FEELProblem("a range cannot start (\(start)) after it ends (\(end))") }
        }
        return FEELRange(start: start, startIncluded: startIncluded, end: end, endIncluded: endIncluded)
    }
}

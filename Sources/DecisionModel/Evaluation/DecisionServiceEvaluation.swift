/// Decision services: run directly, or called as FEEL functions from the decisions that require them.
extension DMNEvaluator {
    /// The parameters of a decision service: its input data, then its input decisions (DMN 1.5 10.4).
    public func parameters(of service: DecisionService) -> [(name: String, typeRef: String?)] {
        service.inputData.compactMap { model.input(id: $0.id) }.map { ($0.name, $0.typeRef) }
            + service.inputDecisions.compactMap { model.decision(id: $0.id) }.map { ($0.name, $0.typeRef) }
    }

    /// Runs a decision service with arguments by parameter name. Its value is its output decision's value, or a
    /// context of its output decisions' values; `result` holds every decision it evaluated, with their problems.
    public func evaluate(_ service: DecisionService, arguments: [String: FEELValue], depth: Int = 0)
        -> (value: FEELValue, result: EvaluationResult) {
        guard FEELBudget.model != nil else {
            return FEELBudget.$model.withValue(FEELBudget(limit: FEELBudget.modelUnits)) {
                evaluate(service, arguments: arguments, depth: depth)
            }
        }
        var result = EvaluationResult()
        if !service.loadProblems.isEmpty {
            result.problems = service.loadProblems.map {
                EvaluationProblem(element: service.name, location: service.location,
                                  message: "\(Self.unloadedPrefix) \($0.message) (\(SourceLocation(file: $0.file, line: $0.line)))")
            }
            return (.null, result)
        }
        var inputs: [String: FEELValue] = [:]
        func bind(_ name: String, _ typeRef: String?, location: SourceLocation) -> FEELValue {
            let (value, problem) = model.coerce(arguments[name] ?? .null, to: typeRef)
            if let problem {
                result.problems.append(EvaluationProblem(element: name, location: location, message: "argument \(problem)"))
            }
            return value
        }
        for ref in service.inputData {
            guard let input = model.input(id: ref.id) else { continue }
            inputs[input.name] = bind(input.name, input.typeRef, location: input.location)
        }
        var inputDecisions: Set<String> = []
        for ref in service.inputDecisions {
            guard let decision = model.decision(id: ref.id) else { continue }
            inputDecisions.insert(decision.id)
            result.values[decision.name] = bind(decision.name, decision.typeRef, location: decision.location)
        }
        // Everything the outputs need, up to the input decisions, whose values are the arguments.
        var needed: Set<String> = []
        var pending = service.outputDecisions.map(\.id)
        while let id = pending.popLast() {
            guard !needed.contains(id), !inputDecisions.contains(id), let decision = model.decision(id: id) else { continue }
            needed.insert(id)
            pending += decision.requiredDecisions.map(\.id)
            for ref in decision.requiredInputs {
                if let input = model.input(id: ref.id), inputs[input.name] == nil, let value = arguments[input.name] {
                    inputs[input.name] = model.coerce(value, to: input.typeRef).value
                }
            }
        }
        let decisions = model.decisionsInDependencyOrder.filter { needed.contains($0.id) }
        evaluate(decisions, inputs: inputs, into: &result, depth: depth)
        let outputs = service.outputDecisions.compactMap { model.decision(id: $0.id) }
        var value: FEELValue
        if outputs.count == 1 {
            value = result.values[outputs[0].name] ?? .null
        } else {
            value = .context(FEELContext(outputs.map { ($0.name, result.values[$0.name] ?? .null) }))
        }
        let (coerced, problem) = model.coerce(value, to: model.resultType(of: service.typeRef))
        if let problem {
            result.problems.append(EvaluationProblem(element: service.name, location: service.location, message: "the service's value \(problem)"))
        }
        value = coerced
        return (value, result)
    }

    /// A decision service as a FEEL function; a call with the wrong number of arguments, or an argument that does not
    /// conform to its parameter's type, gives null.
    func function(for service: DecisionService, depth: Int) -> FEELFunction {
        let evaluator = self
        let names = parameters(of: service).map(\.name)
        let parameters = parameters(of: service)
        return FEELFunction(name: service.name, parameters: names, parameterTypes: parameters.map { model.feelType(of: $0.typeRef) },
                            resultType: model.feelType(of: model.resultType(of: service.typeRef))) { arguments in
            guard depth < Self.maxDepth else { return (.null, ["\(service.name): calls nested deeper than \(Self.maxDepth)"]) }
            guard arguments.count == names.count, evaluator.model.bind(arguments, to: parameters, in: FEELScope()) != nil else {
                return (.null, ["\(service.name): the arguments do not match its parameters \(names.joined(separator: ", "))"])
            }
            let run = evaluator.evaluate(service, arguments: Dictionary(zip(names, arguments), uniquingKeysWith: { a, _ in a }),
                                         depth: depth + 1)
            return (run.value, run.result.problems.map { "\(service.name): \($0.element): \($0.message)" })
        }
    }
}

/// Evaluates every decision of a model, in dependency order, from input values.
public struct DMNEvaluator: Sendable {
    public let model: DMNModel

    public init(model: DMNModel) {
        self.model = model
    }

    /// Evaluates all decisions. Inputs not given are null; inputs that do not conform to their type become null
    /// and are reported.
    public func evaluate(_ inputs: [String: FEELValue]) -> EvaluationResult {
        var result = EvaluationResult()
        var inputValues: [String: FEELValue] = [:]
        for input in model.inputs {
            let value = inputs[input.name] ?? .null
            if let why = model.nonConformance(of: value, to: input.typeRef) {
                result.problems.append(EvaluationProblem(element: input.name, location: input.location,
                                                         message: "input value does not conform to its type: \(why)"))
                inputValues[input.name] = .null
            } else {
                inputValues[input.name] = value
            }
        }
        evaluate(model.decisionsInDependencyOrder, inputs: inputValues, into: &result, depth: 0)
        return result
    }

    /// Evaluates decisions given in dependency order; values already in `result` (a decision service's input
    /// decisions) are taken as they are.
    func evaluate(_ decisions: [Decision], inputs: [String: FEELValue], into result: inout EvaluationResult, depth: Int) {
        for decision in decisions {
            let scope = scope(for: decision, inputs: inputs, decisions: result.values, depth: depth)
            var trace = evaluate(decision.logic, named: decision.name, scope: scope)
            let (value, problem) = model.coerce(trace.value, to: decision.typeRef)
            if let problem { trace.problems.append("the decision's value \(problem)") }
            trace.value = value
            for message in trace.problems {
                result.problems.append(EvaluationProblem(element: decision.name, location: decision.location, message: message))
            }
            result.values[decision.name] = trace.value
            result.traces.append(trace)
        }
    }

    /// The names a decision may use: its required inputs and decisions, and the knowledge models and decision
    /// services it requires (as functions).
    func scope(for decision: Decision, inputs: [String: FEELValue], decisions: [String: FEELValue], depth: Int = 0) -> FEELScope {
        var scope = FEELScope()
        for ref in decision.requiredInputs {
            if let input = model.input(id: ref.id) { scope[input.name] = inputs[input.name] ?? .null }
        }
        for ref in decision.requiredDecisions {
            if let required = model.decision(id: ref.id) { scope[required.name] = decisions[required.name] ?? .null }
        }
        addKnowledge(decision.requiredKnowledge, to: &scope, depth: depth)
        return scope
    }

    private func addKnowledge(_ references: [Reference], to scope: inout FEELScope, depth: Int) {
        for ref in references {
            if let bkm = model.knowledgeModel(id: ref.id) {
                scope[bkm.name] = .function(function(for: bkm, depth: depth))
            } else if let service = model.decisionService(id: ref.id) {
                scope[service.name] = .function(function(for: service, depth: depth))
            }
        }
    }

    /// A knowledge model as a FEEL function; `depth` stops runaway recursion between models.
    func function(for bkm: BusinessKnowledgeModel, depth: Int) -> FEELFunction {
        let evaluator = self
        return FEELFunction(name: bkm.name, parameters: bkm.parameters.map(\.name)) { arguments in
            guard depth < Self.maxDepth, arguments.count == bkm.parameters.count,
                  var scope = evaluator.model.bind(arguments, to: bkm.parameters, in: FEELScope()) else { return .null }
            evaluator.addKnowledge(bkm.requiredKnowledge, to: &scope, depth: depth + 1)
            let value = evaluator.evaluate(bkm.body, named: bkm.name, scope: scope).value
            return evaluator.model.coerce(value, to: evaluator.model.resultType(of: bkm.typeRef)).value
        }
    }

    /// How deeply knowledge models and decision services may call one another.
    static let maxDepth = 64

    /// Evaluates one boxed expression in a scope.
    public func evaluate(_ logic: ExpressionLogic, named name: String, scope: FEELScope) -> DecisionTrace {
        switch logic {
        case .table(let table):
            return TableEvaluator(table: table, model: model).evaluate(named: name, scope: scope)
        case .literal(let literal):
            var problems: [FEELError] = []
            let value = literal.expression.evaluate(scope, problems: &problems)
            let inputs = literal.expression.referencedNames.sorted().compactMap { n in scope[n].map { (name: n, value: $0) } }
                .filter { if case .function = $0.value { return false } else { return true } }
            return DecisionTrace(decision: name, hitPolicy: nil, inputs: inputs, value: value,
                                 problems: problems.map(\.description))
        case .invocation(let invocation):
            return evaluate(invocation, named: name, scope: scope)
        case .context(let context):
            return evaluate(context, named: name, scope: scope)
        case .relation(let relation):
            return evaluate(relation, named: name, scope: scope)
        case .list(let list):
            return evaluate(list, named: name, scope: scope)
        case .function(let definition):
            return evaluate(definition, named: name, scope: scope)
        case .conditional(let conditional):
            return evaluate(conditional, named: name, scope: scope)
        case .filter(let filter):
            return evaluate(filter, named: name, scope: scope)
        case .iterator(let iterator):
            return evaluate(iterator, named: name, scope: scope)
        }
    }

    private func evaluate(_ invocation: Invocation, named name: String, scope: FEELScope) -> DecisionTrace {
        let callee = scope[invocation.function] ?? invocation.callee?.evaluate(scope)
        guard case .function(let function)? = callee else {
            return DecisionTrace(decision: name, hitPolicy: nil,
                                 problems: ["invocation of '\(invocation.function)', which is not a function in scope (a required knowledge model or decision service)"])
        }
        var bound: [String: FEELValue] = [:]
        var inputs: [(name: String, value: FEELValue)] = []
        var problems: [String] = []
        for binding in invocation.bindings {
            let value = binding.value.map { evaluate($0, named: binding.parameter, scope: scope) }
            problems += value?.problems ?? []
            bound[binding.parameter] = value?.value ?? .null
            inputs.append((binding.parameter, value?.value ?? .null))
        }
        for key in bound.keys where !function.parameters.contains(key) {
            problems.append("'\(invocation.function)' has no parameter '\(key)'")
        }
        let value = function.call(function.parameters.map { bound[$0] ?? .null })
        return DecisionTrace(decision: name, hitPolicy: nil, inputs: inputs, value: value, problems: problems)
    }
}

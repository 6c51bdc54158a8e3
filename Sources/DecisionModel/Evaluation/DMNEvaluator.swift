/// Evaluates every decision of a model, in dependency order, from input values.
public struct DMNEvaluator: Sendable {
    public let model: DMNModel

    public init(model: DMNModel) {
        self.model = model
    }

    /// Evaluates all decisions. Inputs not given are null; inputs that do not conform to their type become null
    /// and are reported. A decision named in `fixed` takes that value instead of evaluating its logic (a what-if
    /// over a decision's result); it leaves no trace.
    public func evaluate(_ inputs: [String: FEELValue], fixing fixed: [String: FEELValue] = [:]) -> EvaluationResult {
        evaluate(inputs, only: nil, fixing: fixed)
    }

    /// Evaluates the named decisions and the decisions they require (all decisions when `targets` is nil).
    public func evaluate(_ inputs: [String: FEELValue], only targets: Set<String>?,
                         fixing fixed: [String: FEELValue] = [:]) -> EvaluationResult {
        let needed = targets.map(requiredClosure)
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
        for decision in model.decisionsInDependencyOrder where needed?.contains(decision.id) ?? true {
            if let value = fixed[decision.name] {
                result.values[decision.name] = value
                continue
            }
            var trace: DecisionTrace
            let unloaded = loadProblems(of: decision)
            if unloaded.isEmpty {
                trace = evaluate(decision.logic, named: decision.name, scope: scope(for: decision, inputs: inputValues, decisions: result.values))
            } else {
                trace = DecisionTrace(decision: decision.name, hitPolicy: nil, problems: unloaded.map {
                    "\(Self.unloadedPrefix) \($0.message) (\(SourceLocation(file: $0.file, line: $0.line)))"
                })
            }
            if let why = model.nonConformance(of: trace.value, to: decision.typeRef) {
                trace.problems.append("the value \(trace.value) does not conform to the decision's type: \(why)")
                trace.value = .null
            }
            for message in trace.problems {
                result.problems.append(EvaluationProblem(element: decision.name, location: decision.location, message: message))
            }
            result.values[decision.name] = trace.value
            result.traces.append(trace)
        }
        return result
    }

    /// How the problem of a decision that could not be loaded begins.
    public static let unloadedPrefix = "could not be loaded:"

    /// Ids of the named decisions and of every decision they require, directly or not.
    private func requiredClosure(of names: Set<String>) -> Set<String> {
        var ids: Set<String> = []
        var pending = names.compactMap { model.decision(named: $0) }
        while let decision = pending.popLast() {
            guard ids.insert(decision.id).inserted else { continue }
            pending += decision.requiredDecisions.compactMap { model.decision(id: $0.id) }
        }
        return ids
    }

    /// Problems that kept a decision, or a knowledge model it requires (directly or not), from loading.
    func loadProblems(of decision: Decision) -> [DMNProblem] {
        var problems = decision.loadProblems
        var pending = decision.requiredKnowledge
        var seen: Set<String> = []
        while let ref = pending.popLast() {
            guard seen.insert(ref.id).inserted, let bkm = model.knowledgeModel(id: ref.id) else { continue }
            problems += bkm.loadProblems
            pending += bkm.requiredKnowledge
        }
        return problems
    }

    /// The names a decision may use: its required inputs and decisions, and the knowledge models it requires.
    func scope(for decision: Decision, inputs: [String: FEELValue], decisions: [String: FEELValue]) -> FEELScope {
        var scope = FEELScope()
        for ref in decision.requiredInputs {
            if let input = model.input(id: ref.id) { scope[input.name] = inputs[input.name] ?? .null }
        }
        for ref in decision.requiredDecisions {
            if let required = model.decision(id: ref.id) { scope[required.name] = decisions[required.name] ?? .null }
        }
        addKnowledge(decision.requiredKnowledge, to: &scope, depth: 0)
        return scope
    }

    private func addKnowledge(_ references: [Reference], to scope: inout FEELScope, depth: Int) {
        for ref in references {
            guard let bkm = model.knowledgeModel(id: ref.id) else { continue }
            scope[bkm.name] = .function(function(for: bkm, depth: depth))
        }
    }

    /// A knowledge model as a FEEL function; `depth` stops runaway recursion between models.
    func function(for bkm: BusinessKnowledgeModel, depth: Int) -> FEELFunction {
        let evaluator = self
        return FEELFunction(name: bkm.name, parameters: bkm.parameters.map(\.name)) { arguments in
            guard depth < 64, arguments.count == bkm.parameters.count else { return .null }
            var scope = FEELScope()
            for (parameter, argument) in zip(bkm.parameters, arguments) {
                scope[parameter.name] = evaluator.model.nonConformance(of: argument, to: parameter.typeRef) == nil ? argument : .null
            }
            evaluator.addKnowledge(bkm.requiredKnowledge, to: &scope, depth: depth + 1)
            return evaluator.evaluate(bkm.body, named: bkm.name, scope: scope).value
        }
    }

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
        }
    }

    private func evaluate(_ invocation: Invocation, named name: String, scope: FEELScope) -> DecisionTrace {
        guard case .function(let function)? = scope[invocation.function] else {
            return DecisionTrace(decision: name, hitPolicy: nil,
                                 problems: ["invocation of '\(invocation.function)', which is not a required knowledge model"])
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

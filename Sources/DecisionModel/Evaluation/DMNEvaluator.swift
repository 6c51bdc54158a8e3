import Synchronization

/// Evaluates every decision of a model, in dependency order, from input values.
public struct DMNEvaluator: Sendable {
    public let model: DMNModel
    /// Made once: every scope carries it, and building it copies the model into a closure.
    private let typeResolver: @Sendable (String) -> FEELType?
    /// See `init(model:keepingScopeNames:)`.
    private let scopeNames: ScopeNames?

    /// `keepingScopeNames`: remember the names each decision's scope binds, for an evaluator that evaluates the same
    /// decisions again (what-ifs fixing different decisions): looking a requirement up copies the element out of the model.
    public init(model: DMNModel, keepingScopeNames: Bool = false) {
        self.model = model
        self.typeResolver = model.typeResolver
        scopeNames = keepingScopeNames ? ScopeNames() : nil
    }

    /// Evaluates all decisions. Inputs not given are null; inputs that do not conform to their type become null
    /// and are reported. A decision named in `fixed` takes that value instead of evaluating its logic (a what-if
    /// over a decision's result); it leaves no trace.
    public func evaluate(_ inputs: [String: FEELValue], fixing fixed: [String: FEELValue] = [:]) -> EvaluationResult {
        evaluate(inputs, only: nil, fixing: fixed)
    }

    /// Evaluates the named decisions and the decisions they require (all decisions when `targets` is nil).
    /// `fixed` gives decisions a value instead of evaluating them.
    public func evaluate(_ inputs: [String: FEELValue], only targets: Set<String>?,
                         fixing fixed: [String: FEELValue] = [:]) -> EvaluationResult {
        evaluate(inputs, importedInputs: [:], only: targets, fixing: fixed)
    }

    /// Evaluates with the input values of imported models too, by the namespace of their model.
    public func evaluate(_ inputs: [String: FEELValue], importedInputs: [String: [String: FEELValue]],
                         only targets: Set<String>?, fixing fixed: [String: FEELValue] = [:]) -> EvaluationResult {
        // One budget of work for all the decisions (a decision service calling this model keeps its caller's).
        guard FEELBudget.model != nil else {
            return FEELBudget.$model.withValue(FEELBudget(limit: FEELBudget.modelUnits)) {
                evaluate(inputs, importedInputs: importedInputs, only: targets, fixing: fixed)
            }
        }
        let checked = check(inputs)
        var result = EvaluationResult()
        result.problems = checked.problems
        let decisions = targets.map { needed(for: $0, fixed: fixed) } ?? model.decisionsInDependencyOrder
        let imports = importedValues(importedInputs, for: decisions, problems: &result.problems)
        evaluate(decisions, inputs: checked.values, imports: imports, fixing: fixed, into: &result, depth: 0)
        return result
    }

    /// Input values as evaluation reads them: checked against their types, those that do not conform made null
    /// and reported. Checked once for several evaluations of the same inputs (what-ifs fixing different decisions).
    public struct CheckedInputs: Sendable {
        let values: [String: FEELValue]
        let problems: [EvaluationProblem]
    }

    public func check(_ inputs: [String: FEELValue]) -> CheckedInputs {
        var problems: [EvaluationProblem] = []
        // The given values as they are, only those that do not conform replaced by null: evaluation looks inputs up by
        // the model's names, one not given reads as null (which conforms to every type) and a name the model lacks is
        // never looked up. Copying each value into a new table cost most of the check.
        var values = inputs
        var nulled: Set<String> = []
        for input in model.inputs {
            guard let value = inputs[input.name] else { continue }
            if let why = model.nonConformance(of: value, to: input.typeRef) {
                problems.append(EvaluationProblem(element: input.name, location: input.location,
                                                  message: "input value does not conform to its type: \(why)"))
                values[input.name] = .null
                nulled.insert(input.name)
            } else if !nulled.isEmpty, nulled.contains(input.name) {
                // Two inputs of one name: the later one's check decides, as when each was written in turn.
                values[input.name] = value
            }
        }
        return CheckedInputs(values: values, problems: problems)
    }

    /// `evaluate(_:fixing:)` of inputs checked before: the same result, without checking them again.
    public func evaluate(_ inputs: CheckedInputs, fixing fixed: [String: FEELValue] = [:]) -> EvaluationResult {
        evaluate(inputs, only: nil, fixing: fixed)
    }

    /// `evaluate(_:only:fixing:)` of inputs checked before.
    public func evaluate(_ inputs: CheckedInputs, only targets: Set<String>?, fixing fixed: [String: FEELValue] = [:]) -> EvaluationResult {
        guard FEELBudget.model != nil else {
            return FEELBudget.$model.withValue(FEELBudget(limit: FEELBudget.modelUnits)) { evaluate(inputs, only: targets, fixing: fixed) }
        }
        var result = EvaluationResult()
        result.problems = inputs.problems
        let decisions = targets.map { needed(for: $0, fixed: fixed) } ?? model.decisionsInDependencyOrder
        let imports = importedValues([:], for: decisions, problems: &result.problems)
        evaluate(decisions, inputs: inputs.values, imports: imports, fixing: fixed, into: &result, depth: 0)
        return result
    }

    /// Evaluates decisions given in dependency order; values already in `result` (a decision service's input
    /// decisions) are taken as they are. `imports` holds, by import name, what the decisions use of imported models.
    func evaluate(_ decisions: [Decision], inputs: [String: FEELValue], imports: [String: FEELContext] = [:],
                  fixing fixed: [String: FEELValue] = [:], into result: inout EvaluationResult, depth: Int) {
        for decision in decisions {
            if let value = fixed[decision.name] {
                result.values[decision.name] = value
                continue
            }
            var trace: DecisionTrace
            let unloaded = loadProblems(of: decision)
            if unloaded.isEmpty {
                trace = evaluate(decision.logic, named: decision.name,
                                 scope: scope(for: decision, inputs: inputs, decisions: result.values, imports: imports, depth: depth))
            } else {
                trace = DecisionTrace(decision: decision.name, hitPolicy: nil, problems: unloaded.map {
                    "\(Self.unloadedPrefix) \($0.message) (\(SourceLocation(file: $0.file, line: $0.line)))"
                })
            }
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

    /// How the problem of a decision that could not be loaded begins.
    public static let unloadedPrefix = "could not be loaded:"

    /// The decisions `evaluate(_:only:fixing:)` evaluates, in dependency order; kept per targets and fixed names
    /// when the evaluator keeps scope names (it evaluates the same targets again).
    private func needed(for targets: Set<String>, fixed: [String: FEELValue]) -> [Decision] {
        func make() -> [Decision] {
            let ids = requiredClosure(of: targets, fixed: fixed)
            return model.decisionsInDependencyOrder.filter { ids.contains($0.id) }
        }
        guard let scopeNames else { return make() }
        return scopeNames.needed(ScopeNames.Targets(targets: targets, fixed: Set(fixed.keys)), make)
    }

    /// Ids of the named decisions and of every decision they require, directly or not. A fixed decision takes its
    /// value without evaluating, so what only it requires is not needed.
    private func requiredClosure(of names: Set<String>, fixed: [String: FEELValue]) -> Set<String> {
        var ids: Set<String> = []
        var pending = names.compactMap { model.decision(named: $0) }
        while let decision = pending.popLast() {
            guard ids.insert(decision.id).inserted, fixed[decision.name] == nil else { continue }
            pending += decision.requiredDecisions.filter(model.isLocal).compactMap { model.decision(id: $0.id) }
        }
        return ids
    }

    /// Problems that kept a decision, or a knowledge model it requires (directly or not), from loading.
    func loadProblems(of decision: Decision) -> [DMNProblem] {
        var problems = decision.loadProblems
        var pending = decision.requiredKnowledge
        var seen: Set<String> = []
        while let ref = pending.popLast() {
            guard seen.insert(ref.id).inserted else { continue }
            if let bkm = model.knowledgeModel(ref) {
                problems += bkm.loadProblems
                if model.isLocal(ref) { pending += bkm.requiredKnowledge }
            } else if let service = model.decisionService(ref) {
                problems += service.loadProblems
            }
        }
        return problems
    }

    /// The names a decision may use: its required inputs and decisions, and the knowledge models and decision
    /// services it requires (as functions).
    /// Elements of imported models are entries of a context named for the import (`myimport.Say Hello`).
    func scope(for decision: Decision, inputs: [String: FEELValue], decisions: [String: FEELValue],
               imports: [String: FEELContext] = [:], depth: Int = 0) -> FEELScope {
        var scope = FEELScope(typeResolver: typeResolver)
        if !model.imports.isEmpty {
            for ref in decision.requiredInputs + decision.requiredDecisions where !model.isLocal(ref) {
                if let declaration = model.importDeclaration(for: ref), let values = imports[declaration.name] {
                    scope[declaration.name] = .context(values)
                }
            }
        }
        if let names = scopeNames?.names(of: decision, in: model) {
            if names.distinct && scope.isEmpty {
                // Built at once: binding names one by one looked each up in the scope first, which cost as much as
                // evaluating the decision.
                var values: [FEELValue] = []
                values.reserveCapacity(names.all.count)
                for name in names.inputs { values.append(inputs[name] ?? .null) }
                for name in names.decisions { values.append(decisions[name] ?? .null) }
                scope = FEELScope(distinctNames: names.all, values: values, typeResolver: typeResolver)
            } else {
                for name in names.inputs { scope[name] = inputs[name] ?? .null }
                for name in names.decisions { scope[name] = decisions[name] ?? .null }
            }
        } else {
            for ref in decision.requiredInputs where model.isLocal(ref) {
                if let input = model.input(id: ref.id) { scope[input.name] = inputs[input.name] ?? .null }
            }
            for ref in decision.requiredDecisions where model.isLocal(ref) {
                if let required = model.decision(id: ref.id) { scope[required.name] = decisions[required.name] ?? .null }
            }
        }
        addKnowledge(decision.requiredKnowledge, to: &scope, depth: depth)
        return scope
    }

    private func addKnowledge(_ references: [Reference], to scope: inout FEELScope, depth: Int) {
        for ref in references {
            guard model.isLocal(ref) else {
                addImportedKnowledge(ref, to: &scope, depth: depth)
                continue
            }
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
        let resultType = model.resultType(of: bkm.typeRef)
        return FEELFunction(name: bkm.name, parameters: bkm.parameters.map(\.name),
                            parameterTypes: bkm.parameters.map { model.feelType(of: $0.typeRef) },
                            resultType: model.feelType(of: resultType)) { arguments in
            guard depth < Self.maxDepth else { return (.null, ["\(bkm.name): calls nested deeper than \(Self.maxDepth)"]) }
            guard arguments.count == bkm.parameters.count,
                  var scope = evaluator.model.bind(arguments, to: bkm.parameters, in: FEELScope(typeResolver: evaluator.typeResolver))
            else { return (.null, ["\(bkm.name): an argument does not conform to its parameter's type"]) }
            evaluator.addKnowledge(bkm.requiredKnowledge, to: &scope, depth: depth + 1)
            let body = evaluator.value(of: bkm.body, named: bkm.name, scope: scope)
            let (value, problem) = evaluator.model.coerce(body.value, to: resultType)
            return (value, body.problems.map { "\(bkm.name): \($0)" } + (problem.map { ["\(bkm.name): the value \($0)"] } ?? []))
        }
    }

    /// How deeply knowledge models and decision services may call one another.
    static let maxDepth = 64

    /// Evaluates one boxed expression in a scope.
    public func evaluate(_ logic: ExpressionLogic, named name: String, scope: FEELScope) -> DecisionTrace {
        switch logic {
        case .table:
            return TableEvaluator(table: logic.compiledTable!).evaluate(named: name, scope: scope)
        case .literal(let literal):
            var problems: [FEELError] = []
            let value = literal.expression.evaluate(scope, problems: &problems)
            let inputs = literal.expression.referencedNames.sorted().compactMap { n in scope[n].map { (name: n, value: $0) } }
                .filter { if case .function = $0.value { return false } else { return true } }
            var trace = DecisionTrace(decision: name, hitPolicy: nil, inputs: inputs, value: value,
                                      problems: problems.map(\.description))
            if let type = literal.typeRef { coerce(&trace, to: type) }
            return trace
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
        case .typed(let logic, let type):
            var trace = evaluate(logic, named: name, scope: scope)
            coerce(&trace, to: type)
            return trace
        }
    }

    /// The value of one boxed expression in a scope and the problems met, as `evaluate(_:named:scope:)` gives them,
    /// for a caller that shows no trace (a knowledge model or function called from FEEL): a decision table then
    /// records neither its input values nor its rules.
    public func value(of logic: ExpressionLogic, named name: String, scope: FEELScope) -> (value: FEELValue, problems: [String]) {
        switch logic {
        case .table:
            return TableEvaluator(table: logic.compiledTable!).value(scope: scope)
        case .typed(let logic, let type):
            var (value, problems) = self.value(of: logic, named: name, scope: scope)
            let (coerced, problem) = model.coerce(value, to: type)
            if let problem { problems.append("the value \(problem)") }
            value = coerced
            return (value, problems)
        default:
            let trace = evaluate(logic, named: name, scope: scope)
            return (trace.value, trace.problems)
        }
    }

    /// A value coerced to the type of the expression that computed it.
    private func coerce(_ trace: inout DecisionTrace, to type: String) {
        let (value, problem) = model.coerce(trace.value, to: type)
        if let problem { trace.problems.append("the value \(problem)") }
        trace.value = value
    }

    private func evaluate(_ invocation: Invocation, named name: String, scope: FEELScope) -> DecisionTrace {
        let callee = scope[invocation.function] ?? invocation.callee?.evaluate(scope)
        guard case .function(let function)? = callee else {
            return DecisionTrace(decision: name, hitPolicy: nil,
                                 problems: ["\(Self.label("invocation", at: invocation.location)) of '\(invocation.function)', which is not a function in scope (a required knowledge model or decision service)"])
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
            problems.append("\(Self.label("invocation", at: invocation.location)): '\(invocation.function)' has no parameter '\(key)'")
        }
        if bound.keys.contains(where: { !function.parameters.contains($0) }) {
            return DecisionTrace(decision: name, hitPolicy: nil, inputs: inputs, problems: problems)
        }
        let call = function.callReportingProblems(function.parameters.map { bound[$0] ?? .null })
        return DecisionTrace(decision: name, hitPolicy: nil, inputs: inputs, value: call.value, problems: problems + call.problems)
    }
}

/// The local inputs and decisions a decision's scope binds, by name, kept per decision (see `DMNEvaluator.scopeNames`).
final class ScopeNames: Sendable {
    struct Names: Sendable {
        let inputs: [String]
        let decisions: [String]
        /// `inputs` then `decisions`.
        let all: [String]
        /// No name twice in `all` (an input and a decision of one name, a requirement written twice).
        let distinct: Bool

        init(_ decision: Decision, in model: DMNModel) {
            inputs = decision.requiredInputs.filter(model.isLocal).compactMap { model.input(id: $0.id)?.name }
            decisions = decision.requiredDecisions.filter(model.isLocal).compactMap { model.decision(id: $0.id)?.name }
            all = inputs + decisions
            distinct = Set(all).count == all.count
        }
    }

    /// By id and name, for the model's own decisions: a decision made up under a real one's id and name with other
    /// requirements (OpenEvaluator's knowledge-only scope) must go to an evaluator that does not keep names.
    private struct Key: Hashable {
        let id: String
        let name: String
    }

    private let known = Mutex<[Key: Names]>([:])

    /// What `evaluate(_:only:fixing:)` is asked for: the decisions it evaluates follow from these alone.
    struct Targets: Hashable {
        let targets: Set<String>
        let fixed: Set<String>
    }

    private let neededDecisions = Mutex<[Targets: [Decision]]>([:])

    func needed(_ targets: Targets, _ make: () -> [Decision]) -> [Decision] {
        if let known = neededDecisions.withLock({ $0[targets] }) { return known }
        let decisions = make()
        neededDecisions.withLock { $0[targets] = decisions }
        return decisions
    }

    func names(of decision: Decision, in model: DMNModel) -> Names {
        let key = Key(id: decision.id, name: decision.name)
        if let names = known.withLock({ $0[key] }) { return names }
        let names = Names(decision, in: model)
        known.withLock { $0[key] = names }
        return names
    }
}

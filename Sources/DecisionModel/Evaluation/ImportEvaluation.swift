/// Imported models: their decisions evaluate with their own inputs (given by their namespace), their knowledge
/// models and decision services are functions; a decision sees them as entries of a context named for the import.
extension DMNEvaluator {
    /// By import name: the inputs and required decisions of each imported model the decisions require.
    func importedValues(_ importedInputs: [String: [String: FEELValue]], for decisions: [Decision],
                        problems: inout [EvaluationProblem]) -> [String: FEELContext] {
        guard !model.imports.isEmpty else { return [:] }
        var required: [String: Set<String>] = [:]   // import name → decision names
        for decision in decisions {
            for ref in decision.requiredInputs + decision.requiredDecisions where !model.isLocal(ref) {
                guard let declaration = model.importDeclaration(for: ref), let imported = declaration.model else { continue }
                required[declaration.name, default: []].formUnion(imported.decision(id: ref.id).map { [$0.name] } ?? [])
            }
        }
        var values: [String: FEELContext] = [:]
        for (name, targets) in required {
            guard let declaration = model.imports.first(where: { $0.name == name }), let imported = declaration.model else { continue }
            let given = importedInputs[declaration.namespace] ?? [:]
            let result = DMNEvaluator(model: imported).evaluate(given, importedInputs: importedInputs, only: targets)
            var context = FEELContext()
            for input in imported.inputs { context[input.name] = given[input.name] ?? .null }
            for decision in imported.decisions where result.values[decision.name] != nil {
                context[decision.name] = result.values[decision.name]
            }
            values[name] = context
            problems += result.problems.map {
                EvaluationProblem(element: "\(name).\($0.element)", location: $0.location, message: $0.message)
            }
        }
        return values
    }

    /// An imported knowledge model or decision service, as a function in the import's context.
    func addImportedKnowledge(_ reference: Reference, to scope: inout FEELScope, depth: Int) {
        guard let declaration = model.importDeclaration(for: reference), let imported = declaration.model else { return }
        let evaluator = DMNEvaluator(model: imported)
        let function: FEELFunction
        if let bkm = imported.knowledgeModel(id: reference.id) {
            function = evaluator.function(for: bkm, depth: depth)
        } else if let service = imported.decisionService(id: reference.id) {
            function = evaluator.function(for: service, depth: depth)
        } else {
            return
        }
        var context = FEELContext()
        if case .context(let existing)? = scope[declaration.name] { context = existing }
        context[function.name] = .function(function)
        scope[declaration.name] = .context(context)
    }
}

import DecisionModel

/// `dmn eval --service`: one decision service run with arguments typed by its parameters.
struct ServiceRun {
    let service: DecisionService
    let evaluator: DMNEvaluator
    let arguments: [String: FEELValue]

    init(named name: String, in model: DMNModel, assignments: [String]) throws {
        guard let service = model.decisionService(named: name) else {
            let known = model.decisionServices.map { "'\($0.name)'" }
            throw InputError(description: "--service \(name): no decision service of that name; "
                             + (known.isEmpty ? "the model has none" : "the model has \(known.joined(separator: ", "))"))
        }
        let evaluator = DMNEvaluator(model: model)
        let parameters = evaluator.parameters(of: service)
        var arguments: [String: FEELValue] = [:]
        for assignment in assignments {
            guard let equals = assignment.firstIndex(of: "=") else {
                throw InputError(description: "--set \(assignment): expected name=value")
            }
            let name = String(assignment[..<equals])
            guard let parameter = parameters.first(where: { $0.name == name }) else {
                let names = parameters.map { "'\($0.name)'" }
                throw InputError(description: "--set \(assignment): '\(name)' is not a parameter of decision service '\(service.name)'; "
                                 + (names.isEmpty ? "it has none" : "its parameters are \(names.joined(separator: ", "))"))
            }
            // A parameter is typed like an input, whether it stands for input data or an input decision.
            let asInput = InputData(id: name, name: name, typeRef: parameter.typeRef, location: service.location)
            do {
                arguments[name] = try model.parseValue(String(assignment[assignment.index(after: equals)...]), for: asInput)
            } catch {
                throw InputError(description: "--set \(assignment): \(error)")
            }
        }
        self.service = service
        self.evaluator = evaluator
        self.arguments = arguments
    }

    /// Parameters not given are null, as in a FEEL call.
    func run() -> (value: FEELValue, result: EvaluationResult) {
        evaluator.evaluate(service, arguments: arguments)
    }
}

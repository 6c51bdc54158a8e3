import DecisionModel

struct InputError: Error, CustomStringConvertible {
    var description: String
}

/// `--set name=value` arguments, typed by the model's inputs.
enum ModelInputs {
    static func parse(_ assignments: [String], for model: DMNModel) throws -> [String: FEELValue] {
        var values: [String: FEELValue] = [:]
        for assignment in assignments {
            guard let equals = assignment.firstIndex(of: "=") else {
                throw InputError(description: "--set \(assignment): expected name=value")
            }
            let name = String(assignment[..<equals])
            let text = String(assignment[assignment.index(after: equals)...])
            guard let input = model.input(named: name) else {
                throw InputError(description: "--set \(assignment): " + DMNModel.InputValueError.unknownInput(name, known: model.inputs.map(\.name)).description)
            }
            do {
                values[name] = try model.parseValue(text, for: input)
            } catch {
                throw InputError(description: "--set \(assignment): \(error)")
            }
        }
        return values
    }
}

import DecisionModel

/// `--set import.name=value` for an input of an imported model (`Model B.modelA.Person name` through nested
/// imports); the rest of the assignments are the model's own inputs.
enum ImportedInputs {
    static func split(_ assignments: [String], for model: DMNModel) throws
        -> (local: [String], imported: [String: [String: FEELValue]]) {
        var local: [String] = []
        var imported: [String: [String: FEELValue]] = [:]
        for assignment in assignments {
            guard let equals = assignment.firstIndex(of: "=") else { local.append(assignment); continue }
            let name = String(assignment[..<equals])
            guard model.input(named: name) == nil, let target = model.importedInput(qualifiedName: name) else {
                local.append(assignment)
                continue
            }
            do {
                let value = try target.model.parseValue(String(assignment[assignment.index(after: equals)...]), for: target.input)
                imported[target.namespace, default: [:]][target.input.name] = value
            } catch {
                throw InputError(description: "--set \(assignment): \(error)")
            }
        }
        return (local, imported)
    }
}

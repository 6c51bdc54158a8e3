/// Structural checks a model must pass before it is evaluated: unique names, references that
/// resolve, no cycles.
enum ModelChecker {
    /// The element a problem belongs to, by its index in the model's arrays (nil: the whole model).
    enum Owner: Equatable {
        case decision(Int)
        case knowledgeModel(Int)
    }

    struct Finding {
        var owner: Owner?
        var problem: DMNProblem
    }

    static func check(_ model: DMNModel) -> [Finding] {
        var findings: [Finding] = []
        var seenNames: [String: SourceLocation] = [:]
        var seenIDs: [String: SourceLocation] = [:]
        let named: [(kind: String, id: String, name: String, at: SourceLocation, owner: Owner?)] =
            model.inputs.map { ("inputData", $0.id, $0.name, $0.location, nil) }
            + model.decisions.enumerated().map { ("decision", $1.id, $1.name, $1.location, .decision($0)) }
            + model.knowledgeModels.enumerated().map { ("business knowledge model", $1.id, $1.name, $1.location, .knowledgeModel($0)) }
        for element in named {
            if let earlier = seenNames[element.name] {
                findings.append(Finding(owner: element.owner, problem: DMNProblem(at: element.at, "\(element.kind) name '\(element.name)' is already used at \(earlier)")))
            }
            seenNames[element.name] = element.at
            if let earlier = seenIDs[element.id] {
                findings.append(Finding(owner: element.owner, problem: DMNProblem(at: element.at, "id '\(element.id)' is already used at \(earlier)")))
            }
            seenIDs[element.id] = element.at
        }
        for (index, decision) in model.decisions.enumerated() {
            func add(_ problem: DMNProblem) { findings.append(Finding(owner: .decision(index), problem: problem)) }
            for ref in decision.requiredDecisions where model.decision(id: ref.id) == nil {
                add(DMNProblem(at: ref.location, "decision '\(decision.name)' requires decision \(ref.href), which does not exist"))
            }
            for ref in decision.requiredInputs where model.input(id: ref.id) == nil {
                add(DMNProblem(at: ref.location, "decision '\(decision.name)' requires input \(ref.href), which does not exist"))
            }
            for ref in decision.requiredKnowledge where model.knowledgeModel(id: ref.id) == nil {
                add(DMNProblem(at: ref.location, "decision '\(decision.name)' requires knowledge \(ref.href), which does not exist"))
            }
            typeProblems(decision, model).forEach(add)
        }
        for (index, bkm) in model.knowledgeModels.enumerated() {
            for ref in bkm.requiredKnowledge where model.knowledgeModel(id: ref.id) == nil {
                findings.append(Finding(owner: .knowledgeModel(index), problem: DMNProblem(
                    at: ref.location, "business knowledge model '\(bkm.name)' requires \(ref.href), which does not exist")))
            }
        }
        findings += cycles(model)
        return findings
    }

    private static let builtInTypes: Set<String> = [
        "string", "number", "boolean", "date", "time", "dateTime", "date and time", "dayTimeDuration",
        "yearMonthDuration", "days and time duration", "years and months duration", "duration", "context",
        "list", "Any", "any", "function",
    ]

    /// A typeRef must be a FEEL type or an item definition of the model.
    static func isKnownType(_ typeRef: String?, _ model: DMNModel) -> Bool {
        guard let typeRef else { return true }
        let name = DMNModel.localTypeName(typeRef)
        return builtInTypes.contains(name) || model.itemDefinitions[name] != nil
    }

    private static func typeProblems(_ decision: Decision, _ model: DMNModel) -> [DMNProblem] {
        var problems: [DMNProblem] = []
        if !isKnownType(decision.typeRef, model) {
            problems.append(DMNProblem(at: decision.location, "decision '\(decision.name)' has unknown typeRef '\(decision.typeRef ?? "")'"))
        }
        if let table = decision.decisionTable {
            for output in table.outputs where !isKnownType(output.typeRef, model) {
                problems.append(DMNProblem(at: output.location, "output '\(output.name ?? "")' has unknown typeRef '\(output.typeRef ?? "")'"))
            }
            for input in table.inputs where !isKnownType(input.typeRef, model) {
                problems.append(DMNProblem(at: input.location, "input '\(input.title)' has unknown typeRef '\(input.typeRef ?? "")'"))
            }
        }
        return problems
    }

    private static func cycles(_ model: DMNModel) -> [Finding] {
        var findings: [Finding] = []
        var state: [String: Int] = [:]   // 1 visiting, 2 done
        var indexByID: [String: Int] = [:]
        for (index, decision) in model.decisions.enumerated() where indexByID[decision.id] == nil { indexByID[decision.id] = index }
        var path: [String] = []
        func visit(_ index: Int) {
            let decision = model.decisions[index]
            if state[decision.id] == 2 { return }
            if state[decision.id] == 1 {
                findings.append(Finding(owner: .decision(index), problem: DMNProblem(
                    at: decision.location, "decision requirements form a cycle: \((path + [decision.name]).joined(separator: " → "))")))
                return
            }
            state[decision.id] = 1
            path.append(decision.name)
            for ref in decision.requiredDecisions {
                if let next = indexByID[ref.id] { visit(next) }
            }
            path.removeLast()
            state[decision.id] = 2
        }
        model.decisions.indices.forEach(visit)
        return findings
    }
}

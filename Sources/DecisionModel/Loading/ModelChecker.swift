/// Structural checks a model must pass before it is evaluated: unique names, references that
/// resolve, no cycles.
enum ModelChecker {
    static func check(_ model: DMNModel) -> [DMNProblem] {
        var problems: [DMNProblem] = []
        var seenNames: [String: SourceLocation] = [:]
        var seenIDs: [String: SourceLocation] = [:]
        let named: [(kind: String, id: String, name: String, at: SourceLocation)] =
            model.inputs.map { ("inputData", $0.id, $0.name, $0.location) }
            + model.decisions.map { ("decision", $0.id, $0.name, $0.location) }
            + model.knowledgeModels.map { ("business knowledge model", $0.id, $0.name, $0.location) }
            + model.decisionServices.map { ("decision service", $0.id, $0.name, $0.location) }
        for element in named {
            if let earlier = seenNames[element.name] {
                problems.append(DMNProblem(at: element.at, "\(element.kind) name '\(element.name)' is already used at \(earlier)"))
            }
            seenNames[element.name] = element.at
            if let earlier = seenIDs[element.id] {
                problems.append(DMNProblem(at: element.at, "id '\(element.id)' is already used at \(earlier)"))
            }
            seenIDs[element.id] = element.at
        }
        for decision in model.decisions {
            for ref in decision.requiredDecisions where model.decision(id: ref.id) == nil {
                problems.append(DMNProblem(at: ref.location, "decision '\(decision.name)' requires decision \(ref.href), which does not exist"))
            }
            for ref in decision.requiredInputs where model.input(id: ref.id) == nil {
                problems.append(DMNProblem(at: ref.location, "decision '\(decision.name)' requires input \(ref.href), which does not exist"))
            }
            for ref in decision.requiredKnowledge where model.knowledgeModel(id: ref.id) == nil && model.decisionService(id: ref.id) == nil {
                problems.append(DMNProblem(at: ref.location, "decision '\(decision.name)' requires knowledge \(ref.href), which does not exist"))
            }
            problems += typeProblems(decision, model)
        }
        for bkm in model.knowledgeModels {
            for ref in bkm.requiredKnowledge where model.knowledgeModel(id: ref.id) == nil && model.decisionService(id: ref.id) == nil {
                problems.append(DMNProblem(at: ref.location, "business knowledge model '\(bkm.name)' requires \(ref.href), which does not exist"))
            }
        }
        for service in model.decisionServices {
            for ref in service.outputDecisions + service.encapsulatedDecisions + service.inputDecisions where model.decision(id: ref.id) == nil {
                problems.append(DMNProblem(at: ref.location, "decision service '\(service.name)' names decision \(ref.href), which does not exist"))
            }
            for ref in service.inputData where model.input(id: ref.id) == nil {
                problems.append(DMNProblem(at: ref.location, "decision service '\(service.name)' names input \(ref.href), which does not exist"))
            }
        }
        problems += cycles(model)
        return problems
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

    /// Depth-first with an explicit stack (long chains must not overflow the call stack); the path is
    /// spelled out only when a cycle is found.
    private static func cycles(_ model: DMNModel) -> [DMNProblem] {
        var problems: [DMNProblem] = []
        var state: [String: UInt8] = [:]   // 1 visiting (on the stack), 2 done
        var stack: [(decision: Decision, next: Int)] = []
        for root in model.decisions where state[root.id] == nil {
            state[root.id] = 1
            stack.append((root, 0))
            while let top = stack.last {
                let requirements = top.decision.requiredDecisions
                guard top.next < requirements.count else {
                    stack.removeLast()
                    state[top.decision.id] = 2
                    continue
                }
                stack[stack.count - 1].next += 1
                guard let next = model.decision(id: requirements[top.next].id) else { continue }
                switch state[next.id] {
                case nil:
                    state[next.id] = 1
                    stack.append((next, 0))
                case 1?:
                    let start = stack.firstIndex { $0.decision.id == next.id } ?? 0
                    let path = stack[start...].map(\.decision.name) + [next.name]
                    problems.append(DMNProblem(at: next.location, "decision requirements form a cycle: \(path.joined(separator: " → "))"))
                default:
                    break
                }
            }
        }
        return problems
    }
}

/// Structural checks a model must pass before it is evaluated: unique names, references that
/// resolve, no cycles.
enum ModelChecker {
    /// The element a problem belongs to, by its index in the model's arrays (nil: the whole model).
    enum Owner: Equatable {
        case decision(Int)
        case knowledgeModel(Int)
        case decisionService(Int)
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
            + model.decisionServices.enumerated().map { ("decision service", $1.id, $1.name, $1.location, .decisionService($0)) }
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
            for ref in decision.requiredDecisions where model.decision(ref) == nil {
                add(DMNProblem(at: ref.location, "decision '\(decision.name)' requires decision \(ref.href), which does not exist"))
            }
            for ref in decision.requiredInputs where model.input(ref) == nil {
                add(DMNProblem(at: ref.location, "decision '\(decision.name)' requires input \(ref.href), which does not exist"))
            }
            for ref in decision.requiredKnowledge where model.knowledgeModel(ref) == nil && model.decisionService(ref) == nil {
                add(DMNProblem(at: ref.location, "decision '\(decision.name)' requires knowledge \(ref.href), which does not exist"))
            }
            typeProblems(decision, model).forEach(add)
        }
        for (index, bkm) in model.knowledgeModels.enumerated() {
            for ref in bkm.requiredKnowledge where model.knowledgeModel(ref) == nil && model.decisionService(ref) == nil {
                findings.append(Finding(owner: .knowledgeModel(index), problem: DMNProblem(
                    at: ref.location, "business knowledge model '\(bkm.name)' requires \(ref.href), which does not exist")))
            }
        }
        for (index, service) in model.decisionServices.enumerated() {
            func add(_ problem: DMNProblem) { findings.append(Finding(owner: .decisionService(index), problem: problem)) }
            for ref in service.outputDecisions + service.encapsulatedDecisions + service.inputDecisions where model.decision(ref) == nil {
                add(DMNProblem(at: ref.location, "decision service '\(service.name)' names decision \(ref.href), which does not exist"))
            }
            for ref in service.inputData where model.input(ref) == nil {
                add(DMNProblem(at: ref.location, "decision service '\(service.name)' names input \(ref.href), which does not exist"))
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
        return builtInTypes.contains(name) || model.resolveType(name) != nil
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
    private static func cycles(_ model: DMNModel) -> [Finding] {
        var findings: [Finding] = []
        var indexByID: [String: Int] = [:]
        for (index, decision) in model.decisions.enumerated() where indexByID[decision.id] == nil { indexByID[decision.id] = index }
        var state = [UInt8](repeating: 0, count: model.decisions.count)   // 1 visiting (on the stack), 2 done
        var stack: [(decision: Int, next: Int)] = []
        for root in model.decisions.indices where state[root] == 0 {
            state[root] = 1
            stack.append((root, 0))
            while let top = stack.last {
                let requirements = model.decisions[top.decision].requiredDecisions
                guard top.next < requirements.count else {
                    stack.removeLast()
                    state[top.decision] = 2
                    continue
                }
                stack[stack.count - 1].next += 1
                let requirement = requirements[top.next]
                guard model.isLocal(requirement), let next = indexByID[requirement.id] else { continue }
                switch state[next] {
                case 0:
                    state[next] = 1
                    stack.append((next, 0))
                case 1:
                    let start = stack.firstIndex { $0.decision == next } ?? 0
                    let path = stack[start...].map { model.decisions[$0.decision].name } + [model.decisions[next].name]
                    findings.append(Finding(owner: .decision(next), problem: DMNProblem(
                        at: model.decisions[next].location, "decision requirements form a cycle: \(path.joined(separator: " → "))")))
                default:
                    break
                }
            }
        }
        return findings
    }
}

/// One decision requirements graph, loaded from one or more DMN files whose names and ids are unique.
public struct DMNModel: Sendable {
    public var name: String
    public var namespaces: [String]
    public var files: [String]
    public var itemDefinitions: [String: ItemDefinition]
    public var inputs: [InputData]
    public var decisions: [Decision]
    public var knowledgeModels: [BusinessKnowledgeModel]

    public init(name: String, namespaces: [String] = [], files: [String] = [], itemDefinitions: [String: ItemDefinition] = [:],
                inputs: [InputData] = [], decisions: [Decision] = [], knowledgeModels: [BusinessKnowledgeModel] = []) {
        self.name = name
        self.namespaces = namespaces
        self.files = files
        self.itemDefinitions = itemDefinitions
        self.inputs = inputs
        self.decisions = decisions
        self.knowledgeModels = knowledgeModels
    }

    public func input(named name: String) -> InputData? { inputs.first { $0.name == name } }
    public func decision(named name: String) -> Decision? { decisions.first { $0.name == name } }
    public func knowledgeModel(named name: String) -> BusinessKnowledgeModel? { knowledgeModels.first { $0.name == name } }

    public func input(id: String) -> InputData? { inputs.first { $0.id == id } }
    public func decision(id: String) -> Decision? { decisions.first { $0.id == id } }
    public func knowledgeModel(id: String) -> BusinessKnowledgeModel? { knowledgeModels.first { $0.id == id } }

    /// The item definition a `typeRef` names, following aliases (`tAge` → `tNumber` → number).
    public func itemDefinition(for typeRef: String?) -> ItemDefinition? {
        guard let typeRef else { return nil }
        return itemDefinitions[Self.localTypeName(typeRef)]
    }

    /// `feel:string`, `FEEL:number`, `ns:tType` → the name without its prefix.
    public static func localTypeName(_ typeRef: String) -> String {
        guard let colon = typeRef.lastIndex(of: ":") else { return typeRef }
        return String(typeRef[typeRef.index(after: colon)...])
    }

    /// The FEEL base type of a `typeRef` (string, number, boolean, date, time, date and time,
    /// days and time duration, years and months duration, context, Any), following item definitions.
    public func baseType(of typeRef: String?) -> String? {
        var current = typeRef.map(Self.localTypeName)
        var seen: Set<String> = []
        while let name = current, let item = itemDefinitions[name], !seen.contains(name) {
            seen.insert(name)
            if item.isCollection { return "list" }
            if !item.components.isEmpty { return "context" }
            current = item.typeRef.map(Self.localTypeName)
        }
        return current
    }

    /// The allowed values of a `typeRef`, from the first item definition on the alias chain that has them.
    public func allowedValues(of typeRef: String?) -> FEELUnaryTests? {
        var current = typeRef.map(Self.localTypeName)
        var seen: Set<String> = []
        while let name = current, let item = itemDefinitions[name], !seen.contains(name) {
            seen.insert(name)
            if let allowed = item.allowedValues { return allowed }
            current = item.typeRef.map(Self.localTypeName)
        }
        return nil
    }

    /// Every name an expression may mention (for recognising names with spaces).
    public var knownNames: Set<String> {
        var names = Set(inputs.map(\.name) + decisions.map(\.name) + knowledgeModels.map(\.name))
        for item in itemDefinitions.values { collectComponentNames(item, into: &names) }
        for bkm in knowledgeModels { names.formUnion(bkm.parameters.map(\.name)) }
        return names.filter(NameCollector.needsAnnouncing)
    }

    private func collectComponentNames(_ item: ItemDefinition, into names: inout Set<String>) {
        for component in item.components {
            names.insert(component.name)
            collectComponentNames(component, into: &names)
        }
    }

    /// Decisions in an order where each comes after every decision it requires (cycles are loader errors).
    public var decisionsInDependencyOrder: [Decision] {
        var ordered: [Decision] = []
        var done: Set<String> = []
        var visiting: Set<String> = []
        func visit(_ decision: Decision) {
            if done.contains(decision.id) || visiting.contains(decision.id) { return }
            visiting.insert(decision.id)
            for ref in decision.requiredDecisions {
                if let required = self.decision(id: ref.id) { visit(required) }
            }
            visiting.remove(decision.id)
            done.insert(decision.id)
            ordered.append(decision)
        }
        decisions.forEach(visit)
        return ordered
    }
}

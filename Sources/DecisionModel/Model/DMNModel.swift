/// One decision requirements graph, loaded from one or more DMN files whose names and ids are unique.
public struct DMNModel: Sendable {
    public var name: String
    public var namespaces: [String]
    public var files: [String]
    public var itemDefinitions: [String: ItemDefinition]
    public var inputs: [InputData] { didSet { reindex() } }
    public var decisions: [Decision] { didSet { reindex() } }
    public var knowledgeModels: [BusinessKnowledgeModel] { didSet { reindex() } }

    /// Name and id lookups are hot in evaluation; arrays keep the files' order, these keep it fast.
    private var inputIndex: [String: Int] = [:]
    private var decisionIndex: [String: Int] = [:]
    private var knowledgeIndex: [String: Int] = [:]
    private var dependencyOrder: [Int] = []

    private mutating func reindex() {
        inputIndex = [:]
        for (i, input) in inputs.enumerated() {
            if inputIndex["n:" + input.name] == nil { inputIndex["n:" + input.name] = i }
            if inputIndex["i:" + input.id] == nil { inputIndex["i:" + input.id] = i }
        }
        decisionIndex = [:]
        for (i, decision) in decisions.enumerated() {
            if decisionIndex["n:" + decision.name] == nil { decisionIndex["n:" + decision.name] = i }
            if decisionIndex["i:" + decision.id] == nil { decisionIndex["i:" + decision.id] = i }
        }
        dependencyOrder = Self.dependencyOrder(of: decisions, index: decisionIndex)
        knowledgeIndex = [:]
        for (i, bkm) in knowledgeModels.enumerated() {
            if knowledgeIndex["n:" + bkm.name] == nil { knowledgeIndex["n:" + bkm.name] = i }
            if knowledgeIndex["i:" + bkm.id] == nil { knowledgeIndex["i:" + bkm.id] = i }
        }
    }

    public init(name: String, namespaces: [String] = [], files: [String] = [], itemDefinitions: [String: ItemDefinition] = [:],
                inputs: [InputData] = [], decisions: [Decision] = [], knowledgeModels: [BusinessKnowledgeModel] = []) {
        self.name = name
        self.namespaces = namespaces
        self.files = files
        self.itemDefinitions = itemDefinitions
        self.inputs = inputs
        self.decisions = decisions
        self.knowledgeModels = knowledgeModels
        reindex()
    }

    public func input(named name: String) -> InputData? { inputIndex["n:" + name].map { inputs[$0] } }
    public func decision(named name: String) -> Decision? { decisionIndex["n:" + name].map { decisions[$0] } }
    public func knowledgeModel(named name: String) -> BusinessKnowledgeModel? { knowledgeIndex["n:" + name].map { knowledgeModels[$0] } }

    public func input(id: String) -> InputData? { inputIndex["i:" + id].map { inputs[$0] } }
    public func decision(id: String) -> Decision? { decisionIndex["i:" + id].map { decisions[$0] } }
    public func knowledgeModel(id: String) -> BusinessKnowledgeModel? { knowledgeIndex["i:" + id].map { knowledgeModels[$0] } }

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

    /// Problems of the elements a partial load kept in the model (see `DMNLoader.Mode.partial`), in file order.
    public var loadProblems: [DMNProblem] {
        (itemDefinitions.values.flatMap(\.loadProblems) + decisions.flatMap(\.loadProblems) + knowledgeModels.flatMap(\.loadProblems))
            .sorted { ($0.file, $0.line, $0.column) < ($1.file, $1.line, $1.column) }
    }

    /// Decisions in an order where each comes after every decision it requires (cycles are loader errors).
    public var decisionsInDependencyOrder: [Decision] { dependencyOrder.map { decisions[$0] } }

    private static func dependencyOrder(of decisions: [Decision], index: [String: Int]) -> [Int] {
        var ordered: [Int] = []
        var done: Set<Int> = []
        var visiting: Set<Int> = []
        func visit(_ i: Int) {
            if done.contains(i) || visiting.contains(i) { return }
            visiting.insert(i)
            for ref in decisions[i].requiredDecisions {
                if let required = index["i:" + ref.id] { visit(required) }
            }
            visiting.remove(i)
            done.insert(i)
            ordered.append(i)
        }
        decisions.indices.forEach(visit)
        return ordered
    }
}

/// One decision requirements graph, loaded from one or more DMN files whose names and ids are unique.
public struct DMNModel: Sendable {
    public var name: String
    public var namespaces: [String]
    public var files: [String]
    public var itemDefinitions: [String: ItemDefinition]
    public var inputs: [InputData] { didSet { reindex() } }
    public var decisions: [Decision] { didSet { reindex() } }
    public var knowledgeModels: [BusinessKnowledgeModel] { didSet { reindex() } }
    public var decisionServices: [DecisionService] { didSet { reindex() } }
    /// Other models this one imports (DMN `import`), by the name their elements are qualified with.
    public var imports: [DMNImport] = []

    /// Name and id lookups are hot in evaluation; arrays keep the files' order, these keep it fast.
    private var inputIndex = ElementIndex()
    private var decisionIndex = ElementIndex()
    private var knowledgeIndex = ElementIndex()
    private var serviceIndex = ElementIndex()
    private var dependencyOrder: [Int] = []
    /// `questionOrder` as an earlier build of this same model computed it (the rules cache keeps it): recomputing it
    /// walks every cell. Cleared with the indexes, so that an edited model never answers with a stale order.
    var knownQuestionOrder: QuestionOrderMemo?

    private mutating func reindex() {
        knownQuestionOrder = nil
        inputIndex = ElementIndex(inputs.map { ($0.name, $0.id) })
        decisionIndex = ElementIndex(decisions.map { ($0.name, $0.id) })
        dependencyOrder = Self.dependencyOrder(of: decisions, index: decisionIndex.byId, namespaces: Set(namespaces))
        knowledgeIndex = ElementIndex(knowledgeModels.map { ($0.name, $0.id) })
        serviceIndex = ElementIndex(decisionServices.map { ($0.name, $0.id) })
    }

    public init(name: String, namespaces: [String] = [], files: [String] = [], itemDefinitions: [String: ItemDefinition] = [:],
                inputs: [InputData] = [], decisions: [Decision] = [], knowledgeModels: [BusinessKnowledgeModel] = [],
                decisionServices: [DecisionService] = []) {
        self.name = name
        self.namespaces = namespaces
        self.files = files
        self.itemDefinitions = itemDefinitions
        self.inputs = inputs
        self.decisions = decisions
        self.knowledgeModels = knowledgeModels
        self.decisionServices = decisionServices
        reindex()
    }

    public func input(named name: String) -> InputData? { inputIndex.byName[name].map { inputs[$0] } }
    public func decision(named name: String) -> Decision? { decisionIndex.byName[name].map { decisions[$0] } }
    public func knowledgeModel(named name: String) -> BusinessKnowledgeModel? { knowledgeIndex.byName[name].map { knowledgeModels[$0] } }

    public func input(id: String) -> InputData? { inputIndex.byId[id].map { inputs[$0] } }
    public func decision(id: String) -> Decision? { decisionIndex.byId[id].map { decisions[$0] } }
    public func knowledgeModel(id: String) -> BusinessKnowledgeModel? { knowledgeIndex.byId[id].map { knowledgeModels[$0] } }
    public func decisionService(named name: String) -> DecisionService? { serviceIndex.byName[name].map { decisionServices[$0] } }
    public func decisionService(id: String) -> DecisionService? { serviceIndex.byId[id].map { decisionServices[$0] } }

    /// The item definition a `typeRef` names, following aliases (`tAge` → `tNumber` → number).
    public func itemDefinition(for typeRef: String?) -> ItemDefinition? {
        resolveType(typeRef)?.item
    }

    /// `feel:string`, `FEEL:number`, `ns:tType` → the name without its prefix.
    public static func localTypeName(_ typeRef: String) -> String {
        // By bytes: finding a character walks grapheme boundaries, a good part of checking a value's type.
        let bytes = typeRef.utf8
        guard let colon = bytes.lastIndex(of: UInt8(ascii: ":")) else { return typeRef }
        return String(typeRef[bytes.index(after: colon)...])
    }

    /// The FEEL base type of a `typeRef` (string, number, boolean, date, time, date and time,
    /// days and time duration, years and months duration, context, Any), following item definitions.
    public func baseType(of typeRef: String?) -> String? {
        var model = self
        var current = typeRef.map(Self.localTypeName)
        var seen: Set<String> = []
        while let name = current, let (owner, item) = model.resolveType(name),
              seen.insert((owner.namespaces.first ?? "") + "#" + item.name).inserted {
            if item.isCollection { return "list" }
            if !item.components.isEmpty { return "context" }
            if item.functionItem != nil { return "function" }
            model = owner
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
        var names = Set(inputs.map(\.name) + decisions.map(\.name) + knowledgeModels.map(\.name) + decisionServices.map(\.name))
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
        (itemDefinitions.values.flatMap(\.loadProblems) + decisions.flatMap(\.loadProblems) + knowledgeModels.flatMap(\.loadProblems)
         + decisionServices.flatMap(\.loadProblems))
            .sorted { ($0.file, $0.line, $0.column) < ($1.file, $1.line, $1.column) }
    }

    /// Decisions in an order where each comes after every decision it requires (cycles are loader errors).
    public var decisionsInDependencyOrder: [Decision] { dependencyOrder.map { decisions[$0] } }

    /// Depth-first, with an explicit stack: a chain of many thousands of decisions must not overflow the call stack.
    private static func dependencyOrder(of decisions: [Decision], index: [String: Int], namespaces: Set<String>) -> [Int] {
        var ordered: [Int] = []
        ordered.reserveCapacity(decisions.count)
        var state = [UInt8](repeating: 0, count: decisions.count)   // 1 visiting, 2 done
        var stack: [(decision: Int, next: Int)] = []
        for root in decisions.indices where state[root] == 0 {
            state[root] = 1
            stack.append((root, 0))
            while let top = stack.last {
                let requirements = decisions[top.decision].requiredDecisions
                if top.next < requirements.count {
                    stack[stack.count - 1].next += 1
                    let requirement = requirements[top.next]
                    let local = requirement.namespace.map(namespaces.contains) ?? true
                    if local, let required = index[requirement.id], state[required] == 0 {
                        state[required] = 1
                        stack.append((required, 0))
                    }
                } else {
                    stack.removeLast()
                    state[top.decision] = 2
                    ordered.append(top.decision)
                }
            }
        }
        return ordered
    }
}

/// Where each element of one kind sits, by name and by id (the first of several with the same one). Two tables
/// rather than one keyed by a prefixed string: a lookup then hashes the name or id as given, without building a
/// new string first.
private struct ElementIndex: Sendable {
    var byName: [String: Int] = [:]
    var byId: [String: Int] = [:]

    init() {}

    init(_ elements: [(name: String, id: String)]) {
        byName.reserveCapacity(elements.count)
        byId.reserveCapacity(elements.count)
        for (i, element) in elements.enumerated() {
            if byName[element.name] == nil { byName[element.name] = i }
            if byId[element.id] == nil { byId[element.id] = i }
        }
    }
}

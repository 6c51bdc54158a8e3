import DecisionModel

/// One value a reported key can still take.
public struct KeyValue: Sendable, Equatable {
    /// Nil: not determined (it depends on an answer that cannot be enumerated, such as a date).
    public var value: FEELValue?
    /// Given by a rule on purpose (a null then reads "not applicable").
    public var ruled: Bool
}

/// Which open answers a decision's value depends on, and which it does not although they feed it.
public struct DecisionOpenness: Sendable, Equatable {
    public var dependsOn: [String] { didSet { placed = nil } }
    public var independentOf: [String] { didSet { placed = nil } }
    /// Both lists by their names' places in `names`, for the JSON writer (which then copies each name's quoted bytes
    /// rather than quoting it again for every decision that names it); nil once a list is changed.
    private(set) var placed: (names: OpenNamesJSON, dependsOn: [Int], independentOf: [Int])?

    public init(dependsOn: [String], independentOf: [String]) {
        self.dependsOn = dependsOn
        self.independentOf = independentOf
    }

    init(_ names: OpenNamesJSON, dependsOn: [Int], independentOf: [Int]) {
        self.dependsOn = dependsOn.map { names.names[$0] }
        self.independentOf = independentOf.map { names.names[$0] }
        placed = (names, dependsOn, independentOf)
    }

    public static func == (a: DecisionOpenness, b: DecisionOpenness) -> Bool {
        a.dependsOn == b.dependsOn && a.independentOf == b.independentOf
    }
}

/// Two answers that the rules say cannot both be true.
public struct Contradiction: Sendable {
    /// The answer the implication contradicts, and the one that implies otherwise.
    public var contradicted: String
    public var impliedBy: String
    /// The rule row that says so (its reason and source).
    public var rule: DecisionTrace.RuleHit
}

extension Contradiction {
    /// "genericNameExists = no contradicts certificationStandardExists = yes: <the rule's reason>".
    public func message(_ answers: Answers, rules: RuleSet, language: Language) -> String {
        func answer(_ name: String) -> String {
            guard case .value(let value)? = answers[name] else { return name }
            let text = rules.questions[name]?.label(for: value.bareText, language)?.nonEmpty
                ?? (value == .boolean(true) ? UIStrings.text(.yes, language) : value == .boolean(false) ? UIStrings.text(.no, language) : value.bareText)
            return "\(name) = \(text)"
        }
        let reason = rule.annotation(language.rawValue) ?? rule.description ?? ""
        return UIStrings.format(.contradiction, language, answer(contradicted), answer(impliedBy), reason)
    }
}

/// What the answers, with the open ones read as every value they allow, say about each reported key.
struct OpenFacts {
    let rules: RuleSet
    let evaluation: OpenEvaluation
    let sources: [String: (decision: String, path: [String])]
    /// The decisions in dependency order with the names they require (`RulesReading.graph`).
    let graph: [RulesReading.Requirements]
    let ruleHits: TraceRuleHits
    let writer: ConditionWriter
    /// Contradictions between the answers given, found before the contradicting combinations are set aside.
    let contradictions: [Contradiction]
    /// What several readers of one assessment ask for again (the influence of each answer).
    private let memo = Memo()

    private final class Memo {
        var influence: [String: Int]?
        var relevant: [String]?
        var relevantSet: Set<String>?
    }

    /// What OpenFacts reads of the rules alone, whatever the answers: made once per assessor (a batch's profiles,
    /// a questionnaire's questions share it) rather than once per evaluation.
    struct RulesReading: Sendable {
        /// The decision (and path into its value) that gives each contract key.
        let sources: [String: (decision: String, path: [String])]
        /// Decisions with a `contradicted` output: implications between answers.
        let implications: [String]
        /// The same decisions in dependency order, the order contradictions are reported in.
        let implicationsInOrder: [String]
        /// The answers an implication can contradict.
        let impliedFacts: [String]
        /// The decisions in dependency order, each with the inputs and decisions it requires by name: the trace
        /// walks them for every evaluation, and looking each requirement up by its id cost more than the walk.
        let graph: [Requirements]
        /// The rows of `graph`'s tables as trace entries, made once each.
        let ruleHits: TraceRuleHits
        /// Who reads what in the graph, for the condition writer.
        let reads: GraphReads
        /// Per place in the model's inputs: whether the rules derive the input (`OpenFacts.derived`).
        let derived: [Bool]

        struct Requirements: Sendable {
            let decision: Decision
            let inputs: [String]
            let decisions: [String]
            /// `decisions` by their places in the graph (all earlier: it is in dependency order).
            let upstream: [Int]
        }

        init(_ rules: RuleSet) {
            var sources: [String: (decision: String, path: [String])] = [:]
            for key in ContractKeys.reported + Array(ContractKeys.objects.keys) {
                if let source = ContractKeys.source(of: key, in: rules.model) { sources[key] = source }
            }
            self.sources = sources
            implications = OpenFacts.implications(in: rules.model).map(\.name)
            impliedFacts = OpenFacts.impliedFacts(rules)
            let model = rules.model
            let ordered = model.decisionsInDependencyOrder
            implicationsInOrder = ordered.map(\.name).filter(Set(implications).contains)
            var place: [String: Int] = [:]
            for (i, decision) in ordered.enumerated() where place[decision.name] == nil { place[decision.name] = i }
            graph = ordered.map { decision in
                let decisions = decision.requiredDecisions.compactMap { model.decision(id: $0.id)?.name }
                return Requirements(decision: decision, inputs: decision.requiredInputs.compactMap { model.input(id: $0.id)?.name },
                                    decisions: decisions, upstream: decisions.compactMap { place[$0] })
            }
            ruleHits = TraceRuleHits(graph)
            reads = GraphReads(model: model, sources: sources)
            derived = OpenFacts.derived(rules)
        }
    }

    init(rules: RuleSet, evaluation: OpenEvaluation, reading: RulesReading? = nil) {
        let reading = reading ?? RulesReading(rules)
        self.rules = rules
        self.evaluation = evaluation
        sources = reading.sources
        graph = reading.graph
        ruleHits = reading.ruleHits
        contradictions = Self.contradictions(reading.implicationsInOrder, evaluation)
        // Combinations of answers an implication contradicts are impossible, not alternatives.
        var possible = Condition.always
        for decision in reading.implications {
            let free = evaluation.possible(decision, path: ["contradicted"]).filter { $0.value == .null }
            possible = evaluation.and(possible, free.reduce(Condition.never) { evaluation.or($0, $1.condition) })
        }
        evaluation.restrict(to: possible)
        evaluation.impliedFacts = reading.impliedFacts
        writer = ConditionWriter(evaluation: evaluation, sources: sources, reads: reading.reads)
    }

    /// How the open answers are read: an answered value is known; "unknown" and unanswered are open, except for
    /// inputs the rules derive themselves (`unknown="derive"`), which are then null. `pending`: inputs still to
    /// be asked, which may yet be answered "unknown" (null for derived ones).
    static func states(_ answers: Answers, rules: RuleSet, pending: Set<String> = []) -> [String: InputState] {
        let inputs = rules.model.inputs
        var states: [String: InputState] = [:]
        states.reserveCapacity(inputs.count)
        for (input, state) in zip(inputs, inputStates(answers, rules: rules, pending: pending)) { states[input.name] = state }
        return states
    }

    /// The same by each input's place in `rules.model.inputs`, as `OpenEvaluator.evaluate(inputStates:)` reads them.
    /// `derived`: per place, whether the rules derive the input themselves (`RulesReading.derived`; looked up when nil).
    static func inputStates(_ answers: Answers, rules: RuleSet, pending: Set<String> = [], derived: [Bool]? = nil) -> [InputState] {
        let inputs = rules.model.inputs
        let derived = derived ?? Self.derived(rules)
        var states: [InputState] = []
        states.reserveCapacity(inputs.count)
        for i in inputs.indices {
            switch answers[inputs[i].name] {
            case .value(let value)?: states.append(.known(value))
            case .unknown?: states.append(derived[i] ? .known(.null) : .open(nullable: false))
            case nil:
                if !pending.isEmpty, pending.contains(inputs[i].name) { states.append(.open(nullable: derived[i])) }
                else { states.append(derived[i] ? .known(.null) : .open(nullable: false)) }
            }
        }
        return states
    }

    /// Per place in `rules.model.inputs`: whether an unknown answer is final, the rules working the input out.
    static func derived(_ rules: RuleSet) -> [Bool] {
        rules.model.inputs.map { rules.questions[$0.name]?.unknownIsFinal == true }
    }

    /// Every value a key can still take; nil when no decision gives it.
    func possible(_ key: String) -> [Possible]? {
        guard let source = sources[key] else { return nil }
        if ContractKeys.lists.contains(key), evaluation.items(source.decision) != nil { return nil }
        return evaluation.possible(source.decision, path: source.path)
    }

    static func settled(_ values: [Possible]) -> FEELValue? {
        guard values.count == 1, let value = values[0].value, values[0].loose.isEmpty else { return nil }
        return value
    }

    /// The reported values: a key is determined when every still-possible answer gives it the same value;
    /// a list holds the items listed under every such answer.
    func contractValues() -> (values: [String: FEELValue], possible: [String: [KeyValue]]) {
        var values: [String: FEELValue] = [:]
        var possible: [String: [KeyValue]] = [:]
        for (key, member) in ContractKeys.reportedValues {
            guard let options = self.possible(key) else { continue }
            let settled = Self.settled(options)
            possible[key] = options.map { KeyValue(value: $0.loose.isEmpty ? $0.value : nil, ruled: $0.ruled) }
            if let member {
                var context: FEELContext
                if case .context(let c)? = values[member.object] { context = c } else { context = FEELContext() }
                context[member.name] = settled ?? .null
                values[member.object] = .context(context)
            } else {
                values[key] = settled ?? .null
            }
        }
        for key in ContractKeys.objects.keys {
            if case .context(let c)? = values[key], c.entries.allSatisfy({ $0.value == .null }) { values[key] = .null }
        }
        for key in ContractKeys.lists {
            guard let source = sources[key] else { continue }
            if evaluation.items(source.decision) != nil {
                values[key] = .list(listed(key).filter { evaluation.isCertain($0.condition) }.map(\.value))
            } else if let options = evaluation.possible(source.decision, path: source.path) as [Possible]? {
                values[key] = Self.settled(options) ?? .null
            }
        }
        return (values, possible)
    }

    /// Every item a list key can hold: under which answers a row lists it, and under which a row asking whether
    /// an answer is unknown does (with the answers it waits on).
    func listed(_ key: String) -> [(value: FEELValue, condition: Condition, byRows: Condition, whileUnknown: [String])] {
        guard let source = sources[key], let items = evaluation.items(source.decision) else { return [] }
        var result: [(value: FEELValue, condition: Condition, byRows: Condition, whileUnknown: [String])] = []
        for item in items where !item.condition.isNever {
            guard let value = item.value, item.loose.isEmpty else { continue }
            result.append((value, item.condition, item.condition, []))
        }
        // An unknown answer no reported result depends on (conformity to a standard the product has none of) is
        // never asked, so an item waiting on it alone is not "listed while it is unknown".
        let relevant = relevantSet()
        for extra in evaluation.itemsWhileUnknown(source.decision) {
            let waiting = extra.unknown.filter(relevant.contains)
            guard let value = extra.item.value, !waiting.isEmpty else { continue }
            let extra = (item: extra.item, unknown: waiting)
            if let i = result.firstIndex(where: { $0.value == value }) {
                result[i].condition = evaluation.or(result[i].condition, extra.item.condition)
                result[i].whileUnknown += extra.unknown.filter { !result[i].whileUnknown.contains($0) }
            } else {
                result.append((value, extra.item.condition, .never, extra.unknown))
            }
        }
        return result
    }

    /// Items of a list key that some, not all, still-possible answers list, with the answers that lead to each;
    /// an item also listed while answers are unknown names them, its conditions then those of its rows.
    func possibleItems(_ key: String) -> [PossibleItem] {
        guard let source = sources[key] else { return [] }
        func when(_ condition: Condition) -> [[AnswerCondition]] { writer.when(condition, for: [source.decision]) }
        return listed(key).filter { !evaluation.isCertain($0.condition) }.map { item in
            let rows = item.whileUnknown.isEmpty ? item.condition : item.byRows
            return PossibleItem(value: item.value, when: rows.isNever ? [] : when(rows), whileUnknown: item.whileUnknown)
        }
    }

    func alternatives() -> [Alternative] {
        let reader = AlternativesReader(evaluation: evaluation, sources: sources, writer: writer)
        return ContractKeys.families.flatMap { reader.alternatives($0) }
    }

    /// For each open answer, how many reported keys (or list items) it can still change.
    func influence() -> [String: Int] {
        if let known = memo.influence { return known }
        let counts = countInfluence()
        memo.influence = counts
        return counts
    }

    private func countInfluence() -> [String: Int] {
        var counts: [String: Int] = [:]
        func count(_ names: Set<String>) { for name in names { counts[name, default: 0] += 1 } }
        // An object none of whose members a decision gives (the timeline: its decision lists the stages and the
        // figures are simulated from them) is worked towards through its decision's value.
        let whole = ContractKeys.objects.keys.sorted().filter { key in
            ContractKeys.objects[key, default: []].allSatisfy { sources["\(key).\($0)"] == nil }
        }
        for key in ContractKeys.reported + whole {
            if let source = sources[key], whole.contains(key) || ContractKeys.lists.contains(key),
               let items = evaluation.items(source.decision) {
                for item in items { count(dependencies([item])) }
            } else if let options = possible(key) {
                count(dependencies(options))
            }
        }
        return counts
    }

    func dependencies(_ options: [Possible]) -> Set<String> {
        var names: Set<String> = []
        forEachDependency(options) { names.insert($0) }
        return names
    }

    /// Calls `body` with each open answer the options depend on (as often as they name it); none when there is one
    /// option, certain and determined.
    func forEachDependency(_ options: [Possible], _ body: (String) -> Void) {
        guard options.count > 1 || options.contains(where: { !$0.loose.isEmpty || !evaluation.isCertain($0.condition) }) else { return }
        for option in options {
            for name in evaluation.inputs(of: option.condition) { body(name) }
            for name in option.loose { body(name) }
        }
    }

    /// Open answers in question order, most influential first.
    func openQuestions() -> [String] {
        let counts = influence()
        let order = evaluation.variables.map(\.input)
        return order.filter { counts[$0] != nil }.enumerated().sorted { a, b in
            let (x, y) = (counts[a.element]!, counts[b.element]!)
            return x == y ? a.offset < b.offset : x > y
        }.map(\.element)
    }

    /// Open answers that can still change a reported key, in question order.
    func relevantInputs() -> [String] {
        if let known = memo.relevant { return known }
        let counts = influence()
        let relevant = evaluation.variables.map(\.input).filter { counts[$0] != nil }
        memo.relevant = relevant
        return relevant
    }

    /// The same as a set, for the list items that wait on unknown answers.
    private func relevantSet() -> Set<String> {
        if let known = memo.relevantSet { return known }
        let relevant = Set(relevantInputs())
        memo.relevantSet = relevant
        return relevant
    }

    /// Decisions with a `contradicted` output: implications between answers, in the model's order.
    static func implications(in model: DMNModel) -> [Decision] {
        model.decisions.filter { $0.decisionTable?.outputs.contains { $0.name == "contradicted" } == true }
    }

    /// The answers an implication can contradict (the `contradicted` outputs' literals), in the model's order.
    static func impliedFacts(_ rules: RuleSet) -> [String] {
        var names: Set<String> = []
        for decision in implications(in: rules.model) {
            guard let table = decision.decisionTable, let column = table.outputs.firstIndex(where: { $0.name == "contradicted" }) else { continue }
            for rule in table.rules where column < rule.outputEntries.count {
                let text = rule.outputEntries[column].source.trimmingWhitespace()
                if text.count > 2, text.hasPrefix("\""), text.hasSuffix("\"") { names.insert(String(text.dropFirst().dropLast())) }
            }
        }
        return rules.model.inputs.map(\.name).filter(names.contains)
    }

    /// Implications the answers contradict for certain: a decision output named `contradicted` that is set under
    /// every still-possible answer (with `impliedBy` naming the answer that implies otherwise).
    /// `implications`: the decisions with a `contradicted` output, in dependency order.
    static func contradictions(_ implications: [String], _ evaluation: OpenEvaluation) -> [Contradiction] {
        var found: [Contradiction] = []
        for decision in implications {
            let options = evaluation.possible(decision)
            guard let value = Self.settled(options), case .context(let c) = value,
                  case .string(let contradicted)? = c["contradicted"], case .string(let impliedBy)? = c["impliedBy"] else { continue }
            guard let row = evaluation.rows(decision).first(where: { evaluation.isCertain($0.fires) }),
                  let rule = evaluation.ruleHit(decision, row: row.row) else { continue }
            found.append(Contradiction(contradicted: contradicted, impliedBy: impliedBy, rule: rule))
        }
        return found
    }
}

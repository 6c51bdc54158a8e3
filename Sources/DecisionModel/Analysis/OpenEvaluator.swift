/// Evaluates a decision graph over the sets of values that open inputs allow (DESIGN §"The shape" point 6).
///
/// Each open input becomes a variable whose values are its cases (`openCases`). Every decision gets the values
/// it can still take, each with the condition on the open inputs under which it holds (a decision diagram), and
/// every table row the condition under which it matches and fires. A value whose condition is "always" is
/// settled; an input matters to a value exactly when its condition tests that input. One pass answers what is
/// settled, what the alternatives are and which questions are still worth asking.
///
/// Open inputs are read as one of their allowed values, never as null — so a row testing `null` on an open input
/// does not stand in for the values it could take, and cannot hide them. Rows of a collecting table that ask
/// whether an answer is still unknown are reported separately (`itemsWhileUnknown`).
public struct OpenEvaluator: Sendable {
    public let model: DMNModel
    /// Inputs in the order a questionnaire asks them, which is also the order of the variables.
    public let inputOrder: [String]
    /// The model's input of each name in `inputOrder`, looked up once.
    let inputsInOrder: [InputData?]
    /// The places in `model.inputs` of each name in `inputOrder` (more than one where imports repeat a name).
    let placesInOrder: [[Int]]
    /// The decisions in dependency order, each with what the walk reads of it.
    let plans: [DecisionPlan]
    /// Evaluates what the walk cannot evaluate over sets of values, one combination at a time.
    let plain: DMNEvaluator
    /// What every evaluation reads again (a batch evaluates the same tables for each profile).
    let memo = OpenEvaluatorMemo()
    let slots: EvaluationSlots

    public init(model: DMNModel) {
        self.model = model
        let inputOrder = model.questionOrder
        self.inputOrder = inputOrder
        inputsInOrder = inputOrder.map { model.input(named: $0) }
        var places: [String: [Int]] = [:]
        for (k, input) in model.inputs.enumerated() { places[input.name, default: []].append(k) }
        placesInOrder = inputOrder.map { places[$0] ?? [] }
        var indexes: [String: TableIndex] = [:]
        for decision in model.decisions {
            if let table = decision.decisionTable { indexes[decision.name] = TableIndex(table) }
        }
        let plain = DMNEvaluator(model: model)
        self.plain = plain
        var rank: [String: Int] = [:]
        for (i, name) in inputOrder.enumerated() where rank[name] == nil { rank[name] = i }
        let slots = EvaluationSlots(model)
        self.slots = slots
        plans = model.decisionsInDependencyOrder.map {
            DecisionPlan($0, model: model, plain: plain, index: indexes[$0.name], rank: rank, slots: slots)
        }
    }

    /// Inputs missing from `states` are known to be null.
    public func evaluate(_ states: [String: InputState]) -> OpenEvaluation {
        evaluate(inputStates: model.inputs.map { states[$0.name] ?? .known(.null) })
    }

    /// The same with each input's state by its place in `model.inputs` (inputs of one name alike): a batch makes
    /// these for every profile, and reading them by place spares hundreds of lookups by name.
    public func evaluate(inputStates states: [InputState]) -> OpenEvaluation {
        var variables: [OpenVariable] = []
        var distinct: [Bool] = [], nullables: [Bool] = []
        var variableOf = [Int?](repeating: nil, count: states.count)
        for place in inputOrder.indices {
            guard let first = placesInOrder[place].first, first < states.count, case .open(let nullable) = states[first],
                  let input = inputsInOrder[place] else { continue }
            let cases = memo.openCases(of: input, at: place, nullable: nullable, in: model)
            for k in placesInOrder[place] where k < states.count { variableOf[k] = variables.count }
            variables.append(cases.variable)
            distinct.append(cases.distinct)
            nullables.append(nullable)
        }
        let evaluation = OpenEvaluation(model: model, variables: variables, slots: slots)
        evaluation.distinctCases = distinct
        evaluation.nullableCases = nullables
        let walker = OpenWalker(evaluator: self, evaluation: evaluation, states: states, variableOf: variableOf)
        walker.run()
        return evaluation
    }
}

extension DMNModel {
    /// Inputs in the order a questionnaire should ask them: decisions in dependency order, each table's columns
    /// in order (an upstream decision's own inputs where its column comes), then names its outputs use, then
    /// inputs no decision reads.
    public var questionOrder: [String] { knownQuestionOrder?.order ?? questionOrder(from: []) }

    /// Gives the model the `questionOrder` an earlier build of the very same model computed (see `QuestionOrderMemo`).
    public mutating func assumeQuestionOrder(_ order: [String]) { knownQuestionOrder = QuestionOrderMemo(order: order) }

    /// The same, visiting the decisions `roots` (by name) first, in that order.
    public func questionOrder(from roots: [String]) -> [String] {
        var order: [String] = []
        var seen: Set<String> = []
        var visited: Set<String> = []
        func add(_ name: String) {
            if let decision = decision(named: name) { visit(decision); return }
            if input(named: name) != nil, seen.insert(name).inserted { order.append(name) }
        }
        func visit(_ decision: Decision) {
            guard visited.insert(decision.name).inserted else { return }
            switch decision.logic.untyped {
            case .table(let table):
                for column in table.inputs { for name in Self.orderedNames(column.expression.source, column.expression.referencedNames) { add(name) } }
                for rule in table.rules {
                    // Most output entries are literals, which name nothing: their names are not collected.
                    for entry in rule.outputEntries where entry.plainLiteral == nil {
                        for name in Self.orderedNames(entry.source, entry.referencedNames) { add(name) }
                    }
                }
            case .literal(let literal):
                for name in Self.orderedNames(literal.expression.source, literal.expression.referencedNames) { add(name) }
            default:
                // Other boxed expressions reach their inputs through the requirements below.
                break
            }
            for ref in decision.requiredDecisions { if let upstream = self.decision(id: ref.id) { visit(upstream) } }
            for ref in decision.requiredInputs { if let item = input(id: ref.id) { add(item.name) } }
        }
        for name in roots { if let root = decision(named: name) { visit(root) } }
        for decision in decisionsInDependencyOrder { visit(decision) }
        for item in inputs { add(item.name) }
        return order
    }

    /// Names in the order they are written in the text.
    static func orderedNames(_ source: String, _ names: Set<String>) -> [String] {
        names.sorted { (source.range(of: $0)?.lowerBound ?? source.endIndex) < (source.range(of: $1)?.lowerBound ?? source.endIndex) }
    }
}

/// One value a name can take, with the condition under which it does.
struct Possibility {
    typealias Node = DecisionDiagram.Node
    /// Nil: not determined (it depends on an open input whose value cannot be enumerated).
    var value: FEELValue?
    var condition: Node
    /// Open inputs (variable indices) whose case this value only stands in for: a range, "other text".
    var loose: [Int] = []
    /// Given by a rule (false: no rule matched, or not determined).
    var ruled = true
    /// Computing it raised a FEEL problem.
    var problem = false
}

/// What one decision can still be.
struct DecisionPossibilities {
    typealias Node = DecisionDiagram.Node
    /// Every value, conditions disjoint and together "always"; nil for a collection until asked for.
    var values: [Possibility]?
    /// For tables that collect rows: each output value with the condition under which it is in the list.
    var items: [Possibility]?
    /// For collections: no row matches (the value is then `emptyValue`); plus conditions making it null or unknown.
    var empty: Node = DecisionDiagram.never
    var emptyValue: FEELValue = .null
    var otherValues: [Possibility] = []
    /// Items listed because an open answer is still unknown, with the answers they wait on.
    var unknownItems: [(item: Possibility, inputs: [String])] = []
    /// Table columns: the values each input expression can take.
    var columns: [(name: String, values: [Possibility])] = []
    /// Table rows: when each matches and when it gives the value (differs under FIRST, UNIQUE …).
    var rows: [(row: Int, matches: Node, fires: Node)] = []
    /// Problems, each with the condition under which it arises.
    var problems: [(message: String, condition: Node)] = []
    /// Hit-policy violations (UNIQUE rows matching together, ANY rows disagreeing): the rows concerned (row
    /// numbers as written) and when it happens. DMN makes these errors of the rules, not quiet nulls.
    var violations: [(message: String, rows: [Int], condition: Node)] = []
}

/// A table column as the walk reads it: the values its expression can take (kept as the decision reports them), and
/// each one's condition and rows side by side, which the loops over rows read without copying a value out of a pair.
struct ColumnOptions {
    var values: [Possibility] = []
    var conditions: [DecisionDiagram.Node] = []
    var rows: [RowSet] = []
}

/// Walks the graph once in dependency order.
final class OpenWalker {
    typealias Node = DecisionDiagram.Node
    let evaluator: OpenEvaluator
    let evaluation: OpenEvaluation
    /// Each input's state and variable (nil when it is not open), by its place in `model.inputs`.
    let states: [InputState]
    let variableOf: [Int?]
    var model: DMNModel { evaluator.model }
    var d: DecisionDiagram { evaluation.diagram }

    init(evaluator: OpenEvaluator, evaluation: OpenEvaluation, states: [InputState], variableOf: [Int?]) {
        self.evaluator = evaluator
        self.evaluation = evaluation
        self.states = states
        self.variableOf = variableOf
    }

    func run() {
        let model = self.model
        for (k, input) in model.inputs.enumerated() {
            if k < variableOf.count, let v = variableOf[k] {
                evaluation.inputValues[k] = evaluation.variables[v].cases.enumerated().map { i, c in
                    Possibility(value: c.value, condition: d.literal(v, [i]), loose: c.isExact ? [] : [v])
                }
                evaluation.inputsMerged[k] = evaluation.distinctCases[v]
                evaluation.openNullable[k] = evaluation.nullableCases[v]
            } else if k < states.count, case .known(let value) = states[k], value != .null,
                      (evaluator.memo.inputType(k, in: model).map { model.nonConformance(of: value, to: $0) }
                          ?? model.nonConformance(of: value, to: input.typeRef)) == nil {
                evaluation.inputValues[k] = [Possibility(value: value, condition: DecisionDiagram.always)]
            } else {
                // Most inputs of a profile are null: they share one array.
                evaluation.inputValues[k] = Self.alwaysNull
            }
        }
        for (j, plan) in evaluator.plans.enumerated() {
            var result = evaluate(plan)
            conform(&result, to: plan)
            evaluation.decisionValues[j] = result
        }
    }

    static let alwaysNull = [Possibility(value: .null, condition: DecisionDiagram.always)]

    /// What each name the decision may use can be, by the plan's slots.
    private func scope(_ plan: DecisionPlan) -> [[Possibility]] {
        var scope = [[Possibility]](repeating: [], count: plan.names.count)
        for i in plan.names.indices where !plan.isDecision[i] { scope[i] = evaluation.possibilities(plan.sources[i]) }
        for slot in plan.decisionReads { scope[slot] = evaluation.possibilities(plan.sources[slot]) }
        return scope
    }

    private func evaluate(_ plan: DecisionPlan) -> DecisionPossibilities {
        let scope = scope(plan)
        if let table = plan.table, let result = evaluateTable(table, plan: plan, scope: scope, merged: plan.sources.map(evaluation.isMerged)) {
            return result
        }
        return evaluateByCombination(plan, scope: scope)
    }

    /// A null value where the decision's type does not allow the value, as the plain evaluator does.
    private func conform(_ result: inout DecisionPossibilities, to plan: DecisionPlan) {
        guard var values = result.values else { return }
        let typeRef = plan.decision.typeRef
        // Without a type every value conforms.
        for i in values.indices where typeRef != nil {
            guard let value = values[i].value else { continue }
            // The model's own item definition, as `nonConformance(of:to:)` would look it up by name.
            let unmarked = Self.unmarked(value)
            let why = plan.typeItem.map { model.nonConformance(of: unmarked, to: $0) } ?? model.nonConformance(of: unmarked, to: typeRef)
            if let why {
                result.problems.append(("the value \(value) does not conform to the decision's type: \(why)", values[i].condition))
                values[i].value = .null
                values[i].ruled = false
            }
        }
        result.values = OpenWalker.merged(values, d)
    }

    // MARK: - Expressions over possibilities

    /// Calls `body` once per combination of the possibilities of the names in `slots` (conditions that cannot hold
    /// together are skipped), with the bound possibilities (in the order of `slots`) and the combined condition.
    func combinations(_ slots: [Int], _ scope: [[Possibility]], within: Node,
                      _ body: (_ bound: [Possibility], _ condition: Node) -> Void) {
        // The diagram is read into a local so that the recursion does not copy the walker.
        let d = self.d
        if within == DecisionDiagram.never { return }
        // No name or one (most entries and columns): a loop, without the recursion's captured state.
        if slots.isEmpty { body([], within); return }
        if slots.count == 1 {
            var bound: [Possibility] = []
            let options = scope[slots[0]]
            // By index: an option is copied only when it is bound.
            for k in options.indices {
                let next = d.and(within, options[k].condition)
                if next == DecisionDiagram.never { continue }
                if bound.isEmpty { bound.append(options[k]) } else { bound[0] = options[k] }
                body(bound, next)
            }
            return
        }
        var bound: [Possibility] = []
        bound.reserveCapacity(slots.count)
        func go(_ i: Int, _ condition: Node) {
            if condition == DecisionDiagram.never { return }
            if i == slots.count { body(bound, condition); return }
            let options = scope[slots[i]]
            for k in options.indices {
                let next = d.and(condition, options[k].condition)
                if next == DecisionDiagram.never { continue }
                bound.append(options[k])
                go(i + 1, next)
                bound.removeLast()
            }
        }
        go(0, within)
    }

    /// The values an expression can take. A value that only stands in for a range passes through a bare name
    /// (`x`, `x.y`) unchanged; any other use of it is not determined.
    /// `merged`: per slot of the scope, whether its possibilities are already as `merged` would leave them.
    func values(of use: Use, _ scope: [[Possibility]], merged: [Bool], base: FEELScope, within: Node = DecisionDiagram.always) -> [Possibility] {
        var results: [Possibility] = []
        if use.readsWhole {
            // A name alone (most columns) is each of its possibilities, as `value(of:)` gives it, without binding.
            let options = scope[use.slots[0]]
            // Mostly each possibility is already as `value(of:)` would give it (ruled, not a problem, its loose answers
            // in order) and every condition lies within: then they are the values themselves, none copied.
            if within == DecisionDiagram.always, options.withUnsafeBufferPointer({ all in
                all.indices.allSatisfy { all[$0].ruled && !all[$0].problem && Self.isStrictlyIncreasing(all[$0].loose) }
            }) {
                return merged[use.slots[0]] ? options : Self.merged(options, d)
            }
            for k in options.indices {
                let next = d.and(within, options[k].condition)
                if next == DecisionDiagram.never { continue }
                let loose = options[k].loose.isEmpty ? [] : Self.looseUnion([options[k]])
                results.append(Possibility(value: options[k].value, condition: next, loose: loose))
            }
            return Self.merged(results, d)
        }
        combinations(use.slots, scope, within: within) { bound, condition in
            results.append(value(of: use, bound, condition, base: base))
        }
        return Self.merged(results, d)
    }

    /// An expression with the names it reads from a decision's scope, in the order combinations bind them. A class:
    /// the walk hands uses to closures and reads them out of arrays, where a struct's copy retains each field.
    final class Use: Sendable {
        let expression: FEELExpression
        let names: [String]
        /// Where each of `names` is in the decision's scope (`DecisionPlan.names`).
        let slots: [Int]
        let bare: Bool
        let path: [String]
        /// A bare name alone (`x`): its value is the name's.
        let readsWhole: Bool
        /// A bare name or path starting with the one name read (`x`, `x.y`).
        let readsPath: Bool

        init(_ expression: FEELExpression, _ slot: [String: Int]) {
            self.expression = expression
            let all = expression.referencedNames
            // Most entries read no name or one: no ordering to find in the text.
            names = (all.count < 2 ? Array(all) : DMNModel.orderedNames(expression.source, all)).filter { slot[$0] != nil }
            slots = names.map { slot[$0]! }
            bare = !names.isEmpty && OpenWalker.isPath(expression.source)
            path = bare ? Self.segments(expression.source) : []
            readsPath = bare && names.count == 1 && path.first == names[0]
            readsWhole = readsPath && path.count == 1
        }

        /// The names of a path (`x.y` → x, y).
        static func segments(_ path: String) -> [String] {
            // ASCII (most paths): split by bytes, without reading characters; a name alone is its own path.
            let ascii = path.utf8.withContiguousStorageIfAvailable { bytes -> [String]? in
                if bytes.contains(where: { $0 >= 0x80 }) { return nil }
                var start = 0, end = bytes.count
                while start < end, OpenWalker.isASCIISpace(bytes[start]) { start += 1 }
                while end > start, OpenWalker.isASCIISpace(bytes[end - 1]) { end -= 1 }
                if start == 0, end == bytes.count, !bytes.contains(UInt8(ascii: ".")) { return [path] }
                return bytes[start..<end].split(separator: UInt8(ascii: ".")).map { String(decoding: UnsafeBufferPointer(rebasing: $0), as: UTF8.self) }
            }
            if let ascii, let ascii { return ascii }
            return path.trimmingWhitespace().split(separator: ".").map(String.init)
        }
    }

    /// The open inputs some of `bound` only stand in for, each once, in order.
    static func looseUnion(_ bound: [Possibility]) -> [Int] {
        var loose: [Int] = []
        for p in bound where !p.loose.isEmpty {
            if loose.isEmpty { loose = p.loose } else { loose += p.loose }
        }
        // Mostly one possibility's, already in order: no set to make.
        if isStrictlyIncreasing(loose) { return loose }
        return Array(Set(loose)).sorted()
    }

    static func isStrictlyIncreasing(_ loose: [Int]) -> Bool {
        zip(loose, loose.dropFirst()).allSatisfy { $0 < $1 }
    }

    /// The expression's value under one combination of the possibilities of its names (`bound`, in the order of
    /// `use.names`).
    func value(of use: Use, _ bound: [Possibility], _ condition: Node, base: FEELScope) -> Possibility {
        let loose = Self.looseUnion(bound)
        if bound.contains(where: { $0.value.isNone }) || (!use.bare && !loose.isEmpty) {
            return Possibility(value: nil, condition: condition, loose: loose)
        }
        // A name alone is its value, and a field of a context (or of null) is read directly; anything else is
        // evaluated.
        if use.readsWhole, let whole = bound[0].value {
            return Possibility(value: whole, condition: condition, loose: loose)
        }
        if use.readsPath, let whole = bound[0].value,
           whole == .null || { if case .context = whole { return true } else { return false } }() {
            var value = whole
            for field in use.path.dropFirst() { value = Self.field(value, field) }
            let read = Possibility(value: value, condition: condition, loose: loose)
            return use.path.count > 1 ? Self.exactness(read) : read
        }
        var feel = base
        for (name, p) in zip(use.names, bound) { feel[name] = p.value }
        var problems: [FEELError] = []
        let value = use.expression.evaluate(feel, problems: &problems)
        var result = Possibility(value: value, condition: condition, loose: loose, problem: !problems.isEmpty)
        if use.bare, bound.count == 1, case .context = bound[0].value { result = Self.exactness(result) }
        return result
    }

    /// Marks a field of a context whose value is not determined (the others stay exact).
    static let undeterminedField = FEELValue.string(undeterminedText)
    private static let undeterminedText = "\u{1F}not determined"

    /// A field read from a context with marked fields: not determined when it is marked, exact otherwise.
    static func exactness(_ p: Possibility) -> Possibility {
        guard !p.loose.isEmpty, let value = p.value else { return p }
        var result = p
        if value == undeterminedField { result.value = nil } else if !contains(value, undeterminedField) { result.loose = [] }
        return result
    }

    private static func contains(_ value: FEELValue, _ marker: FEELValue) -> Bool {
        switch value {
        case marker: true
        case .context(let c): c.memberValues.contains { contains($0, marker) }
        case .list(let items): items.contains { contains($0, marker) }
        default: false
        }
    }

    /// The value with marked fields read as null (for type checks).
    static func unmarked(_ value: FEELValue) -> FEELValue {
        guard isMarked(value) else { return value }
        return switch value {
        case undeterminedField: .null
        case .context(let c): .context(FEELContext(c.entries.map { ($0.key, unmarked($0.value)) }))
        default: value
        }
    }

    /// Whether `unmarked` changes the value: rebuilding every context of a list decision's value costs more than
    /// its type check.
    private static func isMarked(_ value: FEELValue) -> Bool {
        switch value {
        // The marker's text compared directly: matching the marker as a pattern copies it and every value tested.
        case .string(let text): text == undeterminedText
        // Read in place: iterating would copy each member out.
        case .context(let c): c.memberValues.withUnsafeBufferPointer { members in members.indices.contains { isMarked(members[$0]) } }
        default: false
        }
    }

    /// A field of a possibility's value.
    static func project(_ p: Possibility, _ path: [String]) -> Possibility {
        guard let value = p.value, !path.isEmpty else { return p }
        var field = p
        var current = value
        for key in path { current = Self.field(current, key) }
        field.value = current
        return exactness(field)
    }

    /// `name` or `name.field.field`.
    static func isPath(_ source: String) -> Bool {
        // Entries are mostly ASCII: bytes decide them without looking up character properties, which cost more
        // than the rest of a cell's evaluation; read from the string's own storage where it has one.
        let ascii = source.utf8.withContiguousStorageIfAvailable(isASCIIPath) ?? Array(source.utf8).withUnsafeBufferPointer(isASCIIPath)
        if let ascii { return ascii }
        var segmentEmpty = true
        for character in source.trimmingWhitespace() {
            if character == "." {
                if segmentEmpty { return false }
                segmentEmpty = true
            } else if character.isLetter || character.isNumber || character == "_" {
                segmentEmpty = false
            } else {
                return false
            }
        }
        return !segmentEmpty
    }

    /// `isPath` of ASCII bytes; nil when they are not all ASCII.
    private static func isASCIIPath(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool? {
        var start = 0, end = bytes.count
        for byte in bytes where byte >= 0x80 { return nil }
        while start < end, isASCIISpace(bytes[start]) { start += 1 }
        while end > start, isASCIISpace(bytes[end - 1]) { end -= 1 }
        var segmentEmpty = true
        for byte in bytes[start..<end] {
            switch byte {
            case UInt8(ascii: "."):
                if segmentEmpty { return false }
                segmentEmpty = true
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "_"):
                segmentEmpty = false
            default:
                return false
            }
        }
        return !segmentEmpty
    }

    @inline(__always)
    static func isASCIISpace(_ byte: UInt8) -> Bool { byte == 0x20 || (0x09...0x0D).contains(byte) }

    /// Equal values joined (their conditions or-ed), in first-seen order.
    static func merged(_ values: [Possibility], _ d: DecisionDiagram) -> [Possibility] {
        if values.count < 2 {
            return values.first?.condition == DecisionDiagram.never ? [] : values
        }
        let n = values.count
        // Worked out on the values where they lie (reading one out of the array copies it): where each goes (-1:
        // dropped as impossible; its own index: kept; else the earlier value it joins) and each kept one's
        // condition, or-ed in the order the values come. Mostly none is dropped or joined, and the list is then
        // returned as it is.
        return withUnsafeTemporaryAllocation(of: Int.self, capacity: n) { into in
            withUnsafeTemporaryAllocation(of: Node.self, capacity: n) { conditions in
                values.withUnsafeBufferPointer { all in
                    var changed = false
                    // Few values: compared with each kept one directly, the first equal found as the hashed index
                    // finds it (equal values hash equally), without hashing every value.
                    var index: [MergeKey: [Int]]? = n <= linearMergeLimit ? nil : [:]
                    for i in 0..<n {
                        let condition = all[i].condition
                        if condition == DecisionDiagram.never { into[i] = -1; changed = true; continue }
                        var found = -1
                        if index == nil {
                            // Values compared last: comparing them costs the most.
                            for j in 0..<i where into[j] == j && all[j].ruled == all[i].ruled && all[j].problem == all[i].problem
                                && all[j].loose == all[i].loose && all[j].value.isSame(as: all[i].value) {
                                found = j
                                break
                            }
                        } else {
                            let key = MergeKey(all[i])
                            if let j = index![key]?.first(where: { all[$0].value.isSame(as: all[i].value) }) {
                                found = j
                            } else {
                                index![key, default: []].append(i)
                            }
                        }
                        if found >= 0 {
                            into[i] = found
                            conditions[found] = d.or(conditions[found], condition)
                            changed = true
                        } else {
                            into[i] = i
                            conditions[i] = condition
                        }
                    }
                    guard changed else { return values }
                    var result: [Possibility] = []
                    result.reserveCapacity(n)
                    for i in 0..<n where into[i] == i {
                        result.append(all[i])
                        result[result.count - 1].condition = conditions[i]
                    }
                    return result
                }
            }
        }
    }

    /// Up to how many values `merged` compares pairwise rather than through a hashed index.
    static let linearMergeLimit = 16

    /// A hashable stand-in for a possibility's value and flags (equal values give equal keys). Lists and contexts
    /// are hashed through their members: the list decisions have a hundred possible lists of few lengths, which
    /// a key of kind and length alone leaves to be compared pairwise.
    private struct MergeKey: Hashable {
        var value: Int
        var loose: [Int]
        var ruled: Bool
        var problem: Bool

        init(_ p: Possibility) {
            var hasher = Hasher()
            if p.value.isNone { hasher.combine(-1) } else { Self.combine(p.value.unsafelyUnwrapped, into: &hasher) }
            value = hasher.finalize()
            loose = p.loose
            ruled = p.ruled
            problem = p.problem
        }

        /// Equal values (FEEL's `==`) combine equally: a context's entries in any order, a value without a
        /// `ValueKey` (a time, a function) by its kind alone.
        static func combine(_ value: FEELValue, into hasher: inout Hasher) {
            switch value {
            case .list(let items):
                hasher.combine(1)
                hasher.combine(items.count)
                for item in items { combine(item, into: &hasher) }
            case .context(let c):
                let entries = c.entries
                var sum = 0
                for entry in entries {
                    var inner = Hasher()
                    inner.combine(entry.key)
                    combine(entry.value, into: &inner)
                    sum &+= inner.finalize()
                }
                hasher.combine(2)
                hasher.combine(entries.count)
                hasher.combine(sum)
            default:
                if let key = ValueKey(value) {
                    hasher.combine(3)
                    hasher.combine(key)
                } else {
                    hasher.combine(4)
                }
            }
        }
    }

    // MARK: - Decision tables

    /// The table over sets of values; nil when its hit policy needs the combination-by-combination fallback.
    private func evaluateTable(_ plan: TablePlan, plan decisionPlan: DecisionPlan, scope: [[Possibility]], merged: [Bool]) -> DecisionPossibilities? {
        let table = plan.table, index = plan.index
        let base = decisionPlan.base
        var result = DecisionPossibilities()
        var failed = DecisionDiagram.never
        var undetermined = DecisionDiagram.never
        var undeterminedLoose: Set<Int> = []
        var columns: [ColumnOptions] = []
        columns.reserveCapacity(table.inputs.count)
        result.columns.reserveCapacity(table.inputs.count)
        var canMatch = RowSet(count: index.rowCount, all: true)
        for c in table.inputs.indices {
            let tested = !index.untested[c]
            var kept = ColumnOptions()
            // Mostly one value: its rows, without an empty set to join them into.
            var reachable: RowSet?
            let use = plan.columns[c]
            // An open input read whole is its cases, whose rows are the same for every evaluation.
            var nullable: Bool?
            if use.readsWhole, merged[use.slots[0]], case .input(let k) = decisionPlan.sources[use.slots[0]] {
                nullable = evaluation.openNullable[k]
            }
            let options = nullable != nil ? scope[use.slots[0]] : values(of: use, scope, merged: merged, base: base)
            let caseRows = nullable.map { plan.rows(column: c, cases: options, nullable: $0) }
            // Mostly every option is kept: the list is then the options themselves, not a copy of each.
            var keptAll = true
            // By index, values read in place: a loop over the options would copy each one out first.
            for k in options.indices {
                let condition = options[k].condition
                var dropped = true
                if options[k].problem {
                    failed = d.or(failed, condition)
                    result.problems.append(("input \(table.inputs[c].title) could not be evaluated", condition))
                } else if options[k].value.isNone {
                    if tested { undetermined = d.or(undetermined, condition); undeterminedLoose.formUnion(options[k].loose) }
                } else if let allowed = table.inputs[c].inputValues, !options[k].value.isNull,
                          !allowed.matches(options[k].value.unsafelyUnwrapped, scope: base) {
                    failed = d.or(failed, condition)
                    result.problems.append(("input \(table.inputs[c].title) = \(options[k].value.unsafelyUnwrapped) is not one of its input values \(allowed.source)", condition))
                } else {
                    dropped = false
                }
                if dropped {
                    if keptAll { keptAll = false; kept.values = Array(options[..<k]) }
                    continue
                }
                let rows = caseRows?[k] ?? plan.rows(column: c, matching: options[k].value.unsafelyUnwrapped)
                if reachable == nil { reachable = rows } else { reachable!.formUnion(rows) }
                if !keptAll { kept.values.append(options[k]) }
                if kept.rows.isEmpty {
                    kept.conditions.reserveCapacity(options.count - k)
                    kept.rows.reserveCapacity(options.count - k)
                }
                kept.conditions.append(condition)
                kept.rows.append(rows)
            }
            if keptAll { kept.values = options }
            result.columns.append((table.inputs[c].expression.source, kept.values))
            canMatch.formIntersection(reachable ?? RowSet(count: index.rowCount))
            columns.append(kept)
        }
        let live = d.not(d.or(failed, undetermined))

        // Rows that can still match, each with its condition.
        var matching: [(row: Int, condition: Node)] = []
        for row in canMatch.rows {
            var condition = live
            for c in columns.indices where !index.wildcard[c].contains(row) {
                var column = DecisionDiagram.never
                for o in columns[c].rows.indices where columns[c].rows[o].contains(row) { column = d.or(column, columns[c].conditions[o]) }
                condition = d.and(condition, column)
                if condition == DecisionDiagram.never { break }
            }
            if condition != DecisionDiagram.never { matching.append((row, condition)) }
        }

        // Each matching row's output values, with their conditions.
        var outputs: [(row: Int, condition: Node, values: [Possibility])] = []
        outputs.reserveCapacity(matching.count)
        for (row, condition) in matching {
            var produced: [Possibility]
            if let constant = plan.constantResult(row) {
                produced = [Possibility(value: constant, condition: condition)]
            } else {
                let entries = plan.outputs[row]!
                produced = []
                combinations(entries.slots, scope, within: condition) { bound, condition in
                    if table.outputs.count == 1, entries.uses.count == 1 {
                        // One entry (most tables): no list of fields to make.
                        let field = value(of: entries.uses[0], entries.positions[0].map { $0.map { bound[$0] } } ?? bound, condition, base: base)
                        let loose = field.loose.isEmpty ? [] : Array(Set(field.loose)).sorted()
                        produced.append(Possibility(value: field.value, condition: condition, loose: loose))
                        return
                    }
                    let fields = zip(entries.uses, entries.positions).map { use, positions in
                        value(of: use, positions.map { $0.map { bound[$0] } } ?? bound, condition, base: base)
                    }
                    let loose = fields.allSatisfy({ $0.loose.isEmpty }) ? [] : Array(Set(fields.flatMap(\.loose))).sorted()
                    if table.outputs.count == 1 {
                        produced.append(Possibility(value: fields[0].value, condition: condition, loose: loose))
                        return
                    }
                    // A field that is not determined is marked, so the other fields stay exact.
                    let values = fields.map { !$0.value.isNone && $0.loose.isEmpty ? $0.value! : Self.undeterminedField }
                    produced.append(Possibility(value: Self.result(table, values), condition: condition, loose: loose))
                }
                produced = Self.merged(produced, d)
            }
            for p in produced where !p.value.isNone {
                for o in plan.checkedOutputs {
                    let output = table.outputs[o]
                    let value = table.outputs.count == 1 ? p.value! : Self.field(p.value!, output.name ?? "")
                    if let allowed = output.outputValues, value != .null, !allowed.matches(value, scope: base) {
                        result.problems.append(("rule \(table.rules[row].row): output \(output.name ?? "") = \(value) is not one of its output values \(allowed.source)", p.condition))
                    }
                }
            }
            outputs.append((row, condition, produced))
        }

        let anyMatch = d.or(matching.map(\.condition))
        let none = d.minus(live, anyMatch)
        var extra: [Possibility] = []
        if failed != DecisionDiagram.never { extra.append(Possibility(value: .null, condition: failed, ruled: false)) }
        if undetermined != DecisionDiagram.never {
            extra.append(Possibility(value: nil, condition: d.minus(undetermined, failed), loose: undeterminedLoose.sorted(), ruled: false))
        }
        let fallback = Self.defaultValue(table, base)

        switch table.hitPolicy {
        case .first, .priority, .unique, .any:
            var firing: [(row: Int, condition: Node, values: [Possibility])] = outputs
            if table.hitPolicy == .priority {
                // Each output value as its own row, highest priority first, then as FIRST.
                firing = outputs.flatMap { o in o.values.map { (o.row, $0.condition, [$0]) } }
                    .enumerated().sorted { a, b in
                        let (x, y) = (priority(table, a.element.values[0].value), priority(table, b.element.values[0].value))
                        return x == y ? a.offset < b.offset : x.lexicographicallyPrecedes(y)
                    }.map(\.element)
            }
            var values: [Possibility] = []
            var before = DecisionDiagram.never
            var overlap = DecisionDiagram.never
            if table.hitPolicy == .unique || table.hitPolicy == .any {
                var seen = DecisionDiagram.never
                for o in outputs {
                    overlap = d.or(overlap, d.and(seen, o.condition))
                    seen = d.or(seen, o.condition)
                }
                if table.hitPolicy == .any {
                    // Overlapping rows are fine when they give the same value.
                    var byValue: [(value: FEELValue?, condition: Node)] = []
                    for o in outputs { for p in o.values {
                        if let i = byValue.firstIndex(where: { $0.value.isSame(as: p.value) }) { byValue[i].condition = d.or(byValue[i].condition, p.condition) }
                        else { byValue.append((p.value, p.condition)) }
                    } }
                    var conflict = DecisionDiagram.never, union = DecisionDiagram.never
                    for entry in byValue {
                        conflict = d.or(conflict, d.and(union, entry.condition))
                        union = d.or(union, entry.condition)
                    }
                    overlap = conflict
                }
                if overlap != DecisionDiagram.never {
                    let involved = outputs.filter { d.intersects($0.condition, overlap) }.map { table.rules[$0.row].row }
                    let rows = involved.map(String.init).joined(separator: ", ")
                    let message = table.hitPolicy == .unique
                        ? "UNIQUE hit policy violated: rules \(rows) can match together"
                        : "ANY hit policy violated: rules \(rows) can match together with different outputs"
                    result.problems.append((message, overlap))
                    result.violations.append((message, involved, overlap))
                    values.append(Possibility(value: .null, condition: overlap, ruled: false))
                }
            }
            for o in firing {
                let fires: Node
                switch table.hitPolicy {
                case .unique, .any: fires = d.minus(o.condition, overlap)
                default: fires = d.minus(o.condition, before)
                }
                before = d.or(before, o.condition)
                if fires == DecisionDiagram.never { continue }
                result.rows.append((table.rules[o.row].row, o.condition, fires))
                for p in o.values {
                    var fired = p
                    fired.condition = d.and(p.condition, fires)
                    values.append(fired)
                }
            }
            values.append(Possibility(value: fallback, condition: none, ruled: false))
            result.values = Self.merged(values + extra, d)
            return result

        case .collect(let aggregation?) where aggregation == .max || aggregation == .min:
            // The highest (lowest) value of the rows that match: a value holds where one of its rows matches and
            // no row with a higher (lower) one does.
            var byValue: [(value: FEELValue, condition: Node, loose: [Int])] = []
            for o in outputs {
                for p in o.values {
                    guard let value = p.value, value != .null else { return nil }
                    if let i = byValue.firstIndex(where: { $0.value == value }) { byValue[i].condition = d.or(byValue[i].condition, p.condition) }
                    else { byValue.append((value, p.condition, p.loose)) }
                }
                result.rows.append((table.rules[o.row].row, o.condition, o.condition))
            }
            for a in byValue { for b in byValue where a.value != b.value && TableEvaluator.less(a.value, b.value) == nil { return nil } }
            let ordered = byValue.sorted { TableEvaluator.less($0.value, $1.value)! }
            let ranked = aggregation == .max ? Array(ordered.reversed()) : ordered
            var values: [Possibility] = []
            var better = DecisionDiagram.never
            for entry in ranked {
                values.append(Possibility(value: entry.value, condition: d.minus(entry.condition, better), loose: entry.loose))
                better = d.or(better, entry.condition)
            }
            values.append(Possibility(value: .null, condition: none, ruled: false))
            result.values = Self.merged(values + extra, d)
            return result

        case .collect(nil), .ruleOrder, .outputOrder:
            var items: [Possibility] = []
            var ordered = outputs.flatMap { o in o.values.map { (row: o.row, p: $0) } }
            if table.hitPolicy == .outputOrder {
                ordered = ordered.enumerated().sorted { a, b in
                    let (x, y) = (priority(table, a.element.p.value), priority(table, b.element.p.value))
                    return x == y ? a.offset < b.offset : x.lexicographicallyPrecedes(y)
                }.map(\.element)
            }
            for (_, p) in ordered {
                if let i = items.firstIndex(where: { $0.value.isSame(as: p.value) && $0.loose == p.loose }) {
                    items[i].condition = d.or(items[i].condition, p.condition)
                } else {
                    items.append(p)
                }
            }
            for o in outputs { result.rows.append((table.rules[o.row].row, o.condition, o.condition)) }
            result.items = items
            result.unknownItems = unknownAnswerItems(plan, columns: columns, live: live)
            result.empty = none
            result.emptyValue = fallback
            result.otherValues = extra
            return result

        default:
            return nil
        }
    }

    /// Items of a collecting table's rows that ask whether something is still unknown: an entry matching null
    /// ("recommend a consultation while novelty is unknown") on a column the open answers leave open under the
    /// row's other entries is read as satisfied. Such items are reported beside the others but feed no other
    /// decision, so which questions matter is decided by the answers' values alone.
    private func unknownAnswerItems(_ plan: TablePlan, columns: [ColumnOptions], live: Node) -> [(item: Possibility, inputs: [String])] {
        let table = plan.table, index = plan.index
        let open = columns.map { options in options.values.count > 1 || options.values.contains { !$0.loose.isEmpty } }
        guard open.contains(true) else { return [] }
        var nullRows: [RowSet?] = []
        for c in table.inputs.indices {
            guard open[c] else { nullRows.append(nil); continue }
            var rows = index.rows(table, column: c, matching: .null)
            rows.subtract(index.wildcard[c])
            nullRows.append(rows)
        }
        func column(_ c: Int, _ row: Int) -> Node {
            var condition = DecisionDiagram.never
            for o in columns[c].rows.indices where columns[c].rows[o].contains(row) { condition = d.or(condition, columns[c].conditions[o]) }
            return condition
        }
        var items: [(item: Possibility, inputs: [String])] = []
        for row in 0..<index.rowCount {
            guard let constant = plan.constantResult(row) else { continue }
            let asking = table.inputs.indices.filter { nullRows[$0]?.contains(row) == true }
            guard !asking.isEmpty else { continue }
            var rest = live
            for c in table.inputs.indices where !index.wildcard[c].contains(row) && !asking.contains(c) {
                rest = d.and(rest, column(c, row))
                if rest == DecisionDiagram.never { break }
            }
            guard rest != DecisionDiagram.never else { continue }
            var condition = rest
            var satisfied: Set<Int> = []
            for c in asking {
                let options = columns[c]
                let within = options.conditions.indices.filter { d.intersects(options.conditions[$0], rest) }
                if within.count > 1 || within.contains(where: { !options.values[$0].loose.isEmpty }) {
                    for o in within { d.support(options.conditions[o], into: &satisfied); satisfied.formUnion(options.values[o].loose) }
                } else {
                    condition = d.and(condition, column(c, row))
                }
            }
            guard !satisfied.isEmpty, condition != DecisionDiagram.never else { continue }
            let inputs = satisfied.sorted().map { evaluation.variables[$0].input }
            items.append((Possibility(value: constant, condition: condition), inputs))
        }
        return items
    }

    private func priority(_ table: DecisionTable, _ value: FEELValue?) -> [Int] {
        guard let value else { return [Int.max] }
        let values = table.outputs.count == 1 ? [value] : table.outputs.map { Self.field(value, $0.name ?? "") }
        return zip(table.outputs, values).map { output, v in
            guard let listed = output.outputValues?.literalValues else { return 0 }
            return listed.firstIndex(of: v) ?? listed.count
        }
    }

    static func result(_ table: DecisionTable, _ outputs: [FEELValue]) -> FEELValue {
        if table.outputs.count == 1 { return outputs.first ?? .null }
        return .context(FEELContext(zip(table.outputs, outputs).map { ($0.name ?? "", $1) }))
    }

    static func field(_ value: FEELValue, _ name: String) -> FEELValue {
        if case .context(let c) = value { return c[name] ?? .null }
        return .null
    }

    static func defaultValue(_ table: DecisionTable, _ scope: FEELScope) -> FEELValue {
        guard table.outputs.contains(where: { $0.defaultOutputEntry != nil }) else { return .null }
        return result(table, table.outputs.map { $0.defaultOutputEntry?.evaluate(scope) ?? .null })
    }

    // MARK: - Fallback

    /// Any decision, evaluated plainly once per combination of what the names it may use can be.
    private func evaluateByCombination(_ plan: DecisionPlan, scope: [[Possibility]]) -> DecisionPossibilities {
        let decision = plan.decision, base = plan.base, plain = evaluator.plain
        var result = DecisionPossibilities()
        var values: [Possibility] = []
        var rows: [Int: (Node, Node)] = [:]
        let names = plan.questionOrder.map { plan.names[$0] }
        combinations(plan.questionOrder, scope, within: DecisionDiagram.always) { bound, condition in
            let loose = Self.looseUnion(bound)
            if bound.contains(where: { $0.value.isNone }) || !loose.isEmpty {
                values.append(Possibility(value: nil, condition: condition, loose: loose, ruled: false))
                return
            }
            var feel = base
            for (name, p) in zip(names, bound) { feel[name] = p.value }
            let trace = plain.evaluate(decision.logic, named: decision.name, scope: feel)
            values.append(Possibility(value: trace.value, condition: condition, ruled: !trace.rules.isEmpty || trace.hitPolicy == nil))
            for message in trace.problems { result.problems.append((message, condition)) }
            if let violation = trace.violation { result.violations.append((violation, trace.rules.map(\.row), condition)) }
            for hit in trace.rules {
                let (m, f) = rows[hit.row] ?? (DecisionDiagram.never, DecisionDiagram.never)
                rows[hit.row] = (d.or(m, condition), d.or(f, condition))
            }
        }
        result.values = Self.merged(values, d)
        result.rows = rows.keys.sorted().map { ($0, rows[$0]!.0, rows[$0]!.1) }
        return result
    }
}

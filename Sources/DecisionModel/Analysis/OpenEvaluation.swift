/// A condition on the open inputs (a set of their assignments), valid within the evaluation that made it.
public struct Condition: Hashable, Sendable {
    let node: Int32
    public static let always = Condition(node: DecisionDiagram.always)
    public static let never = Condition(node: DecisionDiagram.never)
    public var isAlways: Bool { node == DecisionDiagram.always }
    public var isNever: Bool { node == DecisionDiagram.never }
}

/// One value a decision (or one of its outputs) can still take.
public struct Possible: Sendable {
    /// Nil: not determined — it depends on an open answer that cannot be enumerated (a date, a free number).
    public var value: FEELValue?
    /// The answers under which it is the value.
    public var condition: Condition
    /// Given by a rule on purpose (false when no rule matched, or not determined).
    public var ruled: Bool
    /// Open answers it depends on in a way conditions cannot express (a computed date, a range's value).
    public var loose: [String]
}

/// One row of a table: the answers under which it matches, and under which it gives the value.
public struct PossibleRow: Sendable {
    public var row: Int
    public var matches: Condition
    public var fires: Condition
}

/// The answer to one open input inside a condition: a value, one of several values, or for a ranged input a
/// range (`test`).
public struct AnswerCondition: Sendable, Equatable {
    public var input: String
    /// The value (the first, when several would do); for a range, a value inside it.
    public var value: FEELValue { values[0] }
    /// The values that would do (one, usually).
    public var values: [FEELValue]
    /// The FEEL unary test for a range (`< 50000`); nil for a single value.
    public var test: String?
    /// A condition on a result (a decision's output that is itself still open), named by `input`, rather than on
    /// an answer: it stands for every combination of answers that gives that result.
    public var isResult: Bool

    public init(input: String, value: FEELValue, test: String? = nil, isResult: Bool = false) {
        self.init(input: input, values: [value], test: test, isResult: isResult)
    }

    public init(input: String, values: [FEELValue], test: String? = nil, isResult: Bool = false) {
        self.input = input
        self.values = values.isEmpty ? [.null] : values
        self.test = test
        self.isResult = isResult
    }
}

/// What every decision can still be, given the open inputs. Read it through the methods below; it is not shared
/// between threads.
public final class OpenEvaluation {
    typealias Node = DecisionDiagram.Node
    public let model: DMNModel
    /// The open inputs, in question order.
    public let variables: [OpenVariable]
    let variableIndex: [String: Int]
    let diagram: DecisionDiagram
    let slots: EvaluationSlots
    /// What each input and decision can be, by their places in `slots`; a decision not yet walked is nil.
    var inputValues: [[Possibility]]
    var decisionValues: [DecisionPossibilities?]
    /// Per input, whether its possibilities are as `OpenWalker.merged` would leave them (no two alike, none
    /// impossible), so that reading it whole needs no merging. A decision's always are.
    var inputsMerged: [Bool]
    /// Per variable, whether its cases are distinct (`OpenEvaluatorMemo.openCases`), and whether null is one of them.
    var distinctCases: [Bool] = []
    var nullableCases: [Bool] = []
    /// Per input: nil when it is not open, else whether null is one of its cases.
    var openNullable: [Bool?]
    /// The answers still possible (`restrict(to:)`); what the accessors report lies inside it.
    private(set) var universe: Node = DecisionDiagram.always
    /// Variables the universe leaves a single value: implied, so no condition or question needs them.
    private var implied: Set<Int> = []
    /// `inputs(of:)` by condition (within the universe; cleared when it changes).
    private var inputsCache: [Node: [String]] = [:]
    /// `possible(_:path:)` by decision and path: the trace, the contract values, the influence of each answer and
    /// the alternatives all read the same decisions (cleared when the universe changes).
    private var possibleCache: [[String]: [Possible]] = [:]
    /// `cover(_:possible:)` by condition and space (cleared when the universe or the implied facts change).
    private var coverCache: [CoverKey: [[AnswerCondition]]] = [:]
    private struct CoverKey: Hashable { var lower: Node, space: Node }
    /// Inputs a condition names only where no other answer says the same: facts the rules imply from other answers
    /// (a certification standard from the generic name), which the questionnaire does not ask while they are implied.
    public var impliedFacts: [String] = [] { didSet { coverCache = [:] } }

    init(model: DMNModel, variables: [OpenVariable], slots: EvaluationSlots) {
        self.model = model
        self.variables = variables
        self.slots = slots
        inputValues = Array(repeating: [], count: slots.inputCount)
        decisionValues = Array(repeating: nil, count: slots.decisionCount)
        // A known input is one value (or null) under every answer.
        inputsMerged = Array(repeating: true, count: slots.inputCount)
        openNullable = Array(repeating: nil, count: slots.inputCount)
        var index: [String: Int] = [:]
        index.reserveCapacity(variables.count)
        for (i, v) in variables.enumerated() { index[v.input] = i }
        variableIndex = index
        // A closure, not a key path: a key path of two steps is read through the runtime, per variable.
        diagram = DecisionDiagram(sizes: variables.map { $0.cases.count })
    }

    /// What the walk found for a decision, by name.
    func walked(_ name: String) -> DecisionPossibilities? {
        slots.decisions[name].flatMap { decisionValues[$0] }
    }

    /// Every value `name` (a decision or an input) can take; for a collecting table, every list it can give.
    func possibilities(_ name: String) -> [Possibility] {
        possibilities(slots.source(of: name, isDecision: true))
    }

    func possibilities(_ source: EvaluationSlots.Source) -> [Possibility] {
        switch source {
        case .input(let k): return inputValues[k]
        case .decision(let j): return possibilities(decision: j)
        case .empty: return []
        case .null: return OpenWalker.alwaysNull
        }
    }

    /// Whether `possibilities(source)` are as `OpenWalker.merged` would leave them.
    func isMerged(_ source: EvaluationSlots.Source) -> Bool {
        if case .input(let k) = source { return inputsMerged[k] }
        return true
    }

    private func possibilities(decision j: Int) -> [Possibility] {
        if let values = decisionValues[j]?.values { return values }
        guard var result = decisionValues[j] else { return OpenWalker.alwaysNull }
        // Lists from the items: each combination of items in and out that can hold together.
        var values: [Possibility] = result.otherValues
        let d = diagram
        _ = forEachList(result, within: d.not(d.or(result.otherValues.map(\.condition)))) { values.append($0); return true }
        result.values = OpenWalker.merged(values, d)
        decisionValues[j] = result
        return result.values!
    }

    /// Only answers inside `condition` are possible (e.g. those no implication contradicts); every value, row and
    /// item is read within it from now on, and an input it leaves one value is implied.
    public func restrict(to condition: Condition) {
        guard !condition.isNever else { return }
        universe = condition.node
        implied = []
        inputsCache = [:]
        possibleCache = [:]
        coverCache = [:]
        for v in diagram.support(condition.node) {
            let feasible = (0..<variables[v].cases.count).filter { diagram.restrict(condition.node, v, $0) != DecisionDiagram.never }
            if feasible.count == 1 { implied.insert(v) }
        }
    }

    /// The answers still possible.
    public var possibleAnswers: Condition { Condition(node: universe) }

    /// Whether the condition holds under every possible answer.
    public func isCertain(_ condition: Condition) -> Bool { within(condition.node) == universe }

    func within(_ node: Node) -> Node { diagram.and(node, universe) }

    /// A value as the accessors report it: inside the possible answers, and no longer marked as a problem (problems
    /// are reported on their own).
    func reported(_ p: Possibility) -> Possibility {
        var p = p
        p.problem = false
        p.condition = within(p.condition)
        return p
    }

    func possible(_ p: Possibility) -> Possible { possible(p, condition: p.condition) }

    /// `possible` of `p` under another condition (its condition within the universe), without copying `p` first.
    func possible(_ p: Possibility, condition: Node) -> Possible {
        let loose = p.loose.isEmpty ? [] : p.loose.map { variables[$0].input }
        if case .string? = p.value, p.value.isSame(as: OpenWalker.undeterminedField) {
            return Possible(value: nil, condition: Condition(node: condition), ruled: false, loose: loose)
        }
        return Possible(value: p.value, condition: Condition(node: condition), ruled: p.ruled, loose: loose)
    }

    /// Every value a decision can still take, or one field of it (`path`: an output of a multi-output table),
    /// equal values joined.
    public func possible(_ decision: String, path: [String] = []) -> [Possible] {
        let key = [decision] + path
        if let known = possibleCache[key] { return known }
        let values = possibilities(decision).map { reported(OpenWalker.project($0, path)) }
        let found = OpenWalker.merged(values, diagram).map(possible)
        possibleCache[key] = found
        return found
    }

    /// For a table that collects rows: each value it can list, with the answers under which it is listed.
    public func items(_ decision: String) -> [Possible]? {
        walked(decision)?.items.map { items in
            items.map { var p = $0; p.condition = within(p.condition); return possible(p) }
        }
    }

    /// For a table that collects rows: values listed because an open answer is still unknown (a row testing it for
    /// null), each with the answers under which it is listed and the unknown answers it waits on.
    public func itemsWhileUnknown(_ decision: String) -> [(item: Possible, unknown: [String])] {
        (walked(decision)?.unknownItems ?? []).compactMap { extra in
            var item = extra.item
            item.condition = within(item.condition)
            // An answer the others imply is not unknown: a row waiting on it alone lists nothing.
            let unknown = extra.inputs.filter { variableIndex[$0].map { !implied.contains($0) } ?? true }
            return item.condition == DecisionDiagram.never || unknown.isEmpty ? nil : (possible(item), unknown)
        }
    }

    /// The values each input column of a decision's table can take.
    public func columns(_ decision: String) -> [(name: String, values: [Possible])] {
        // A column's values are those of `values(of:)`, merged already (no two alike) and never marked as problems:
        // read within the universe they stay unlike, so the ones that can still be are the merged list.
        // One pass per column: the trace reads every column of every decision, for each profile of a batch.
        guard let columns = walked(decision)?.columns else { return [] }
        var result: [(name: String, values: [Possible])] = []
        result.reserveCapacity(columns.count)
        for column in columns {
            var values: [Possible] = []
            values.reserveCapacity(column.values.count)
            for p in column.values {
                let condition = within(p.condition)
                if condition != DecisionDiagram.never { values.append(possible(p, condition: condition)) }
            }
            result.append((column.name, values))
        }
        return result
    }

    /// The rows of a decision's table that can still match.
    public func rows(_ decision: String) -> [PossibleRow] {
        (walked(decision)?.rows ?? []).map {
            PossibleRow(row: $0.row, matches: Condition(node: within($0.matches)), fires: Condition(node: within($0.fires)))
        }
    }

    /// A row of a decision's table as a trace entry (its id, reasons and source).
    public func ruleHit(_ decision: String, row: Int) -> DecisionTrace.RuleHit? {
        guard let table = model.decision(named: decision)?.decisionTable else { return nil }
        // Rows are numbered as written, so row n is nearly always the n-th rule; the search is for any other table.
        let rules = table.rules
        guard let rule = row >= 1 && row <= rules.count && rules[row - 1].row == row ? rules[row - 1] : rules.first(where: { $0.row == row })
        else { return nil }
        return DecisionTrace.RuleHit(id: rule.id, row: rule.row,
                                     annotations: zip(table.annotationNames, rule.annotations).map { (name: $0, text: $1) },
                                     description: rule.description, location: rule.location)
    }

    /// Problems a decision has under some answers.
    public func problems(_ decision: String) -> [(message: String, condition: Condition)] {
        (walked(decision)?.problems ?? []).map { ($0.message, Condition(node: within($0.condition))) }
    }

    /// Hit-policy violations of a decision's table: the rows (as written) that match together, and when.
    public func violations(_ decision: String) -> [(message: String, rows: [Int], condition: Condition)] {
        (walked(decision)?.violations ?? []).map { ($0.message, $0.rows, Condition(node: within($0.condition))) }
    }

    // MARK: - Conditions

    public func and(_ a: Condition, _ b: Condition) -> Condition { Condition(node: diagram.and(a.node, b.node)) }
    /// Whether some answers meet both: `!and(a, b).isNever`, without making the conjunction.
    public func intersects(_ a: Condition, _ b: Condition) -> Bool { diagram.intersects(a.node, b.node) }
    public func or(_ a: Condition, _ b: Condition) -> Condition { Condition(node: diagram.or(a.node, b.node)) }
    public func not(_ a: Condition) -> Condition { Condition(node: diagram.not(a.node)) }

    /// Whether every assignment of `a`, possible or not, is in `b`.
    public func isSubset(_ a: Condition, of b: Condition) -> Bool { diagram.minus(a.node, b.node) == DecisionDiagram.never }

    /// Whether every possible assignment of `a` is in `b`.
    public func implies(_ a: Condition, _ b: Condition) -> Bool { within(diagram.minus(a.node, b.node)) == DecisionDiagram.never }

    /// The condition with these inputs left free: the answers to the others that some answers to these complete.
    public func exists(_ condition: Condition, inputs: Set<String>) -> Condition {
        exists(condition, variables: variables(of: inputs))
    }

    /// Open inputs as the evaluation's variables, for `exists(_:variables:)`: a caller that quantifies the same
    /// answers out of many conditions looks their names up once.
    public struct Variables: Sendable {
        fileprivate let indices: Set<Int>
    }

    public func variables(of inputs: Set<String>) -> Variables {
        Variables(indices: Set(inputs.compactMap { variableIndex[$0] }))
    }

    public func exists(_ condition: Condition, variables: Variables) -> Condition {
        Condition(node: diagram.exists(condition.node, variables.indices))
    }

    /// The open inputs the condition depends on, in question order.
    public func inputs(of condition: Condition) -> [String] {
        let target = within(condition.node)
        if let known = inputsCache[target] { return known }
        // Cut to the universe, a condition's diagram also tests the answers an implication ties together (a
        // certification standard and a generic name) although the condition itself may not: simplified within the
        // universe, it tests only what it needs.
        let names = diagram.support(diagram.simplify(target, within: universe)).subtracting(implied).sorted().map { variables[$0].input }
        inputsCache[target] = names
        return names
    }

    /// Whether `inputs(of:)` would name `input`: decided on the diagram's variables first, which are cheap to read
    /// and include every input the simplified condition tests.
    public func depends(_ condition: Condition, on input: String) -> Bool {
        guard let v = variableIndex[input] else { return false }
        let target = within(condition.node)
        if let known = inputsCache[target] { return known.contains(input) }
        guard diagram.support(target).contains(v) else { return false }
        return inputs(of: condition).contains(input)
    }

    /// The condition with `input` fixed to one of its cases (by index into its variable's cases).
    public func fixing(_ condition: Condition, _ input: String, case index: Int) -> Condition {
        guard let v = variableIndex[input] else { return condition }
        return Condition(node: diagram.restrict(condition.node, v, index))
    }

    /// A condition that says `input` takes one of these cases.
    public func condition(_ input: String, cases: [Int]) -> Condition {
        guard let v = variableIndex[input] else { return .always }
        return Condition(node: diagram.literal(v, cases))
    }

    /// Simple combinations of answers that together say the same as `condition`: an irredundant sum of products
    /// whose products differing in one input only are joined (that input then takes one of several values),
    /// simplest first.
    /// Answers outside `possible` (by default those no implication excludes) may be left to either side.
    public func cover(_ condition: Condition, possible: Condition? = nil) -> [[AnswerCondition]] {
        let space = possible?.node ?? universe
        let key = CoverKey(lower: condition.node, space: space)
        if let known = coverCache[key] { return known }
        let found = cover(condition.node, space: space)
        coverCache[key] = found
        return found
    }

    private func cover(_ condition: Node, space: Node) -> [[AnswerCondition]] {
        var lower = diagram.and(condition, space)
        let upper = diagram.or(condition, diagram.not(space))
        // Within the possible answers an implied fact and what implies it say the same; the cover names the latter.
        var tested = diagram.support(lower)
        for input in impliedFacts {
            guard let v = variableIndex[input], tested.contains(v) else { continue }
            let free = diagram.exists(lower, [v])
            if diagram.minus(diagram.and(free, space), upper) == DecisionDiagram.never {
                lower = free
                tested = diagram.support(lower)
            }
        }
        let packer = ProductPacker(sizes: diagram.sizes)
        let products = packer.join(packer.pack(chains: diagram.coverChains(lower, upTo: upper)))
        return products.live.map { p in
            var conditions: [AnswerCondition] = []
            conditions.reserveCapacity(Int(products.count[Int(p)]))
            packer.forEachLiteral(p, in: products) { v, at in conditions.append(answer(v, at: at, products, packer)) }
            return conditions
        }.enumerated().sorted { ($0.element.count, $0.offset) < ($1.element.count, $1.offset) }.map(\.element)
    }

    /// A literal's values, for `literalAnswers`: one word for most variables, more for a code list.
    private struct LiteralKey: Hashable {
        var variable: Int32
        var word: UInt64
        var more: [UInt64]
    }

    /// The answer each literal of a cover stands for, by variable and values: the covers of one assessment repeat
    /// literals thousands of times.
    private var literalAnswers: [LiteralKey: AnswerCondition] = [:]

    private func answer(_ v: Int32, at: Int, _ products: ProductPacker.Products, _ packer: ProductPacker) -> AnswerCondition {
        let n = packer.words(v)
        let key = LiteralKey(variable: v, word: products.bits[at], more: n == 1 ? [] : Array(products.bits[(at + 1)..<(at + n)]))
        if let known = literalAnswers[key] { return known }
        let values = packer.values(v, at: at, in: products)
        let variable = variables[Int(v)]
        let first = variable.cases[values[0]]
        let found: AnswerCondition
        if let test = variable.test(values), variable.isRanged || !first.isExact {
            found = AnswerCondition(input: variable.input, value: first.value ?? .null, test: test)
        } else {
            found = AnswerCondition(input: variable.input, values: values.map { variable.cases[$0].value ?? .null })
        }
        literalAnswers[key] = found
        return found
    }

    /// A product of literals "variable takes one of these values", variables in order.
    struct ProductTerm: Hashable {
        var variables: [Int32]
        var values: [[Int]]

        init(_ literals: [(Int32, [Int])]) {
            variables = literals.map(\.0)
            values = literals.map(\.1)
        }

        /// One word for the hasher (FNV-1a over the literals) rather than every element: `join` hashes products of
        /// each size many times over. Equal products give equal words.
        func hash(into hasher: inout Hasher) {
            var word: UInt64 = 0xCBF2_9CE4_8422_2325
            for (v, values) in zip(variables, values) {
                word = (word ^ UInt64(UInt32(bitPattern: v))) &* 0x100_0000_01B3
                for value in values { word = (word ^ UInt64(truncatingIfNeeded: value)) &* 0x100_0000_01B3 }
                word = (word ^ 0xFFFF_FFFF_FFFF) &* 0x100_0000_01B3
            }
            hasher.combine(word)
        }

        func without(_ v: Int32) -> ProductTerm {
            guard let i = variables.firstIndex(of: v) else { return self }
            var copy = self
            copy.variables.remove(at: i)
            copy.values.remove(at: i)
            return copy
        }

        /// Whether every assignment of `other` is in this product.
        func contains(_ other: ProductTerm) -> Bool {
            var j = 0
            for (i, v) in variables.enumerated() {
                while j < other.variables.count && other.variables[j] < v { j += 1 }
                guard j < other.variables.count, other.variables[j] == v else { return false }
                if !other.values[j].allSatisfy(values[i].contains) { return false }
            }
            return true
        }
    }

    /// Products alike but for one variable's values are one product (the variable dropped when they cover all its
    /// values); a product inside another is dropped. Exact: the union is unchanged.
    static func join(_ start: [ProductTerm], sizes: [Int]) -> [ProductTerm] {
        let packer = ProductPacker(sizes: sizes)
        return packer.terms(packer.join(packer.pack(start)))
    }

    /// Diagram size, for benchmarks.
    public var nodeCount: Int { diagram.nodeCount }
}

import Synchronization

/// What the open walk reads of one decision that depends on the model alone, worked out once per evaluator: a batch
/// walks the same decisions for every profile, and looking requirements up by id, making the knowledge models'
/// functions and reading each expression's names again cost more there than the walk's own work.
///
/// A class: the walk reads plans in its inner loops, where copying a decision would retain each of its fields.
final class DecisionPlan: Sendable {
    typealias Use = OpenWalker.Use
    let decision: Decision
    /// The names the decision may use, each once (the walk's scope holds what each can be, in this order).
    let names: [String]
    /// Which of `names` are looked up as decisions; the others are inputs. A name both an input and a decision
    /// is the decision, as in the scope the plain evaluator builds.
    let isDecision: [Bool]
    /// The slots of required decisions in the order they are required, repeats included: reading a collecting
    /// table's lists makes conditions, so they are read in the order the requirements give.
    let decisionReads: [Int]
    /// Knowledge models as functions, as the plain evaluator binds them.
    let base: FEELScope
    /// The slots of `names` in question order (the fallback binds them in that order).
    let questionOrder: [Int]
    /// Set for a table evaluated over sets of values (its entries name nothing).
    let table: TablePlan?
    /// The decision's type when the model defines it: checking each value then skips reading the type's name.
    let typeItem: ItemDefinition?
    /// Where each of `names` is read from in an evaluation.
    let sources: [EvaluationSlots.Source]

    /// `rank`: where each input comes in question order.
    init(_ decision: Decision, model: DMNModel, plain: DMNEvaluator, index: TableIndex?, rank: [String: Int], slots: EvaluationSlots) {
        self.decision = decision
        typeItem = model.localItem(decision.typeRef)
        var names: [String] = [], isDecision: [Bool] = [], reads: [Int] = []
        var slot: [String: Int] = [:]
        for ref in decision.requiredInputs {
            guard let input = model.input(id: ref.id), slot[input.name] == nil else { continue }
            slot[input.name] = names.count
            names.append(input.name)
            isDecision.append(false)
        }
        for ref in decision.requiredDecisions {
            guard let upstream = model.decision(id: ref.id) else { continue }
            if let known = slot[upstream.name] { isDecision[known] = true; reads.append(known); continue }
            slot[upstream.name] = names.count
            reads.append(names.count)
            names.append(upstream.name)
            isDecision.append(true)
        }
        self.names = names
        self.isDecision = isDecision
        sources = names.indices.map { slots.source(of: names[$0], isDecision: isDecision[$0]) }
        decisionReads = reads
        base = plain.scope(for: Decision(id: decision.id, name: decision.name, typeRef: nil,
                                         requiredKnowledge: decision.requiredKnowledge, logic: decision.logic,
                                         location: decision.location),
                           inputs: [:], decisions: [:])
        // Each name's rank looked up once, not at every comparison.
        let ranks = names.map { rank[$0] ?? Int.max }
        questionOrder = names.indices.sorted { (ranks[$0], names[$0]) < (ranks[$1], names[$1]) }
        if case .table(let table) = decision.logic.untyped, let index, !index.entriesUseNames {
            self.table = TablePlan(table, index: index, slot: slot)
        } else {
            table = nil
        }
    }
}

/// A decision table as the open walk reads it: what each input expression and each computed row's outputs use.
struct TablePlan: Sendable {
    typealias Use = OpenWalker.Use
    let table: DecisionTable
    let index: TableIndex
    let columns: [Use]
    /// Per row, nil where its outputs are constants (`TableIndex.constantOutputs`).
    let outputs: [RowOutputs?]
    /// The outputs with listed output values, which each produced value is checked against.
    let checkedOutputs: [Int]

    /// A row's output entries under each combination of the names any of them reads: entries that read the same wide
    /// decision (a code list) then cost one pass over its possibilities, not one per pair of entries.
    struct RowOutputs: Sendable {
        let uses: [Use]
        /// The slots every entry reads together, in the order the entries first read them.
        let slots: [Int]
        /// Per entry: where its own names are among `slots`; nil when it reads exactly `slots`, in that order.
        let positions: [[Int]?]
    }

    /// What evaluations of the table work out again: a batch tests the same few values in each column for every
    /// profile, and matches the same rows.
    private let memo = Memo()

    private final class Memo: Sendable {
        /// Rows by column and probe, for probes the index decides alone (`TableIndex.rows(_:column:matching:probe:)`).
        let byProbe = Mutex<[Int: RowSet]>([:])
        /// Rows of each case of an open input a column reads whole, by column and whether null is one of the
        /// cases: the cases are the same for every evaluation (`OpenEvaluatorMemo.openCases`).
        let byCases = Mutex<[Int: [RowSet]]>([:])
        /// The values of rows with constant outputs, by row, made when a row first matches (a single run matches
        /// few of a large table's rows; a batch the same ones again).
        let constants = Mutex<[Int: FEELValue]>([:])
        /// Rows of values the index does not decide alone (a number against ranges), by column and value: the table's
        /// entries name nothing, so the rows depend on the value alone, and a batch probes the same values again.
        let byValue = Mutex<[ValueInColumn: RowSet]>([:])
    }

    struct ValueInColumn: Hashable {
        var column: Int
        var value: ValueKey
    }

    /// The rows whose entry in column `c` matches `value`, as `TableIndex.rows(_:column:matching:)` gives them.
    func rows(column c: Int, matching value: FEELValue) -> RowSet {
        let probe = index.compiled.probe(value, column: c)
        let key = (c << 3 | probe.kind.rawValue) << 32 | Int(UInt32(bitPattern: probe.entry))
        if let known = memo.byProbe.withLock({ $0[key] }) { return known }
        // Not texts: two texts Swift holds equal (canonically equivalent) can still differ to a FEEL function.
        var valueKey: ValueInColumn?
        if let key = ValueKey(value) { if case .string = key {} else { valueKey = ValueInColumn(column: c, value: key) } }
        if let valueKey, let known = memo.byValue.withLock({ $0[valueKey] }) { return known }
        let found = index.rows(table, column: c, matching: value, probe: probe)
        if found.byProbe {
            memo.byProbe.withLock { $0[key] = found.rows }
        } else if let valueKey {
            memo.byValue.withLock { $0[valueKey] = found.rows }
        }
        return found.rows
    }

    /// A row's value when its outputs are constants (`TableIndex.constantOutputs`): for several outputs, the
    /// context of them.
    func constantResult(_ row: Int) -> FEELValue? {
        guard let outputs = index.constantOutputs[row] else { return nil }
        if table.outputs.count == 1 { return outputs.first ?? .null }
        if let known = memo.constants.withLock({ $0[row] }) { return known }
        let found = OpenWalker.result(table, outputs)
        memo.constants.withLock { $0[row] = found }
        return found
    }

    /// The rows each of `cases` matches in column `c` (an empty set for one that is not determined); `cases` are the
    /// possibilities of an open input's cases, `nullable` whether null is one of them.
    func rows(column c: Int, cases: [Possibility], nullable: Bool) -> [RowSet] {
        let key = c << 1 | (nullable ? 1 : 0)
        if let known = memo.byCases.withLock({ $0[key] }), known.count == cases.count { return known }
        let found = cases.indices.map { i in
            cases[i].value.isNone ? RowSet(count: index.rowCount) : rows(column: c, matching: cases[i].value.unsafelyUnwrapped)
        }
        memo.byCases.withLock { $0[key] = found }
        return found
    }

    init(_ table: DecisionTable, index: TableIndex, slot: [String: Int]) {
        self.table = table
        self.index = index
        columns = table.inputs.map { Use($0.expression, slot) }
        checkedOutputs = table.outputs.indices.filter { table.outputs[$0].outputValues != nil }
        outputs = table.rules.indices.map { row in
            guard index.constantOutputs[row] == nil else { return nil }
            let uses = table.rules[row].outputEntries.map { Use($0, slot) }
            var slots: [Int] = []
            for use in uses { for s in use.slots where !slots.contains(s) { slots.append(s) } }
            let positions = uses.map { use in use.slots == slots ? nil : use.slots.map { slots.firstIndex(of: $0)! } }
            return RowOutputs(uses: uses, slots: slots, positions: positions)
        }
    }
}

extension DMNModel {
    /// The item definition of this model that `typeRef` names, as `nonConformance(of:to:)` looks it up: the walk
    /// checks values against it without reading the type's name again.
    func localItem(_ typeRef: String?) -> ItemDefinition? {
        typeRef.flatMap { itemDefinitions[Self.localTypeName($0)] }
    }
}

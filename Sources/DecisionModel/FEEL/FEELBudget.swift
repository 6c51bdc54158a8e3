import Synchronization

/// The work one FEEL evaluation may do, shared by every evaluator it starts: the bodies of the functions and
/// knowledge models it calls, and the functions a built-in such as `sort` calls for it. A per-evaluator count let
/// a function that calls itself twice run 2⁶⁴ times, each call with a fresh allowance.
///
/// A unit is one expression step; one item that a loop, range, filter, path or membership test walks, or that a
/// built-in takes or gives in a list; 64 bytes of text a built-in or `+` takes or gives; four steps of a regular
/// expression (`FEELRegex`); 32 for a call of a function defined in FEEL. So work that grows with the data, not
/// with the expression, is paid for too. The allowance keeps the worst expression to a fraction of a second in a
/// release build and to a few seconds under the fuzzer's sanitizers, where a unit costs up to 40 times as much
/// (a 361,000-day loop tested for membership took 13 s there, a 178,000-day one 10 s with 500,000 units), and
/// ends it with a FEEL error, never a hang. The DMN TCK and the bundled rules need less than 5 % of it.
final class FEELBudget: Sendable {
    /// Units one evaluation may spend (README, "Limits").
    static let units = 100_000
    /// Bytes of text that cost one unit.
    static let bytesPerUnit = 64
    /// What calling a function defined in FEEL or a knowledge model costs: a fresh evaluator and its arguments bound
    /// take about as long as 30 expression steps.
    static let unitsPerCall = 32

    /// Units all the expressions of one evaluation of a model may spend together (README, "Limits"): a model of many
    /// decisions, each within its own allowance, could otherwise take as long as their number.
    static let modelUnits = 1_000_000

    let limit: Int
    /// The model evaluation this expression's budget is part of: what one spends, both spend.
    let parent: FEELBudget?
    private let spentUnits = Atomic<Int>(0)
    private let stopped = Atomic<Bool>(false)

    init(limit: Int = FEELBudget.units, parent: FEELBudget? = nil) {
        self.limit = limit
        self.parent = parent
    }

    /// The budget of the expression under way on this task, if any: evaluators made while it is set share it.
    @TaskLocal static var current: FEELBudget?
    /// The budget of the model evaluation under way (`DMNEvaluator`): each expression's budget is part of it.
    @TaskLocal static var model: FEELBudget?

    var spent: Int { spentUnits.load(ordering: .relaxed) }
    var remaining: Int { min(max(0, limit - spent), parent?.remaining ?? .max) }
    var isSpent: Bool { spent > limit || parent?.isSpent == true }

    /// Spends `count` units; false once this evaluation, or the model evaluation it is part of, has spent more than
    /// its allowance.
    func spend(_ count: Int) -> Bool {
        let within = spentUnits.wrappingAdd(count, ordering: .relaxed).newValue <= limit
        guard let parent else { return within }
        return parent.spend(count) && within
    }

    /// The allowance that binds, for a problem: this evaluation's, or the model evaluation's when it has less left.
    var allowance: String {
        if let parent, parent.remaining < max(0, limit - spent) || (spent <= limit && parent.isSpent) {
            return "the \(parent.limit) units of work allowed the model's decisions together"
        }
        return "the \(limit) units of work allowed"
    }

    /// Why the evaluation stopped, for its problem.
    var exhaustion: String {
        "evaluation stopped: it needs more than \(allowance) (a unit is a step, or an item of a list walked or made)"
    }

    /// True the first time only: the evaluation is stopped once, and says why once.
    func stop() -> Bool {
        !stopped.exchange(true, ordering: .relaxed)
    }

    /// What a value held in hand costs to walk: its items, or its text by the byte. A list's items count with
    /// their own items or text (one level down, so the cost stays proportional to the items walked): `string join`
    /// of 100,000 copies of a 1 MB text is paid for before it is made.
    static func size(of value: FEELValue) -> Int {
        switch value {
        case .list(let items): return items.reduce(items.count) { $0 + flatSize(of: $1) }
        default: return flatSize(of: value)
        }
    }

    private static func flatSize(of value: FEELValue) -> Int {
        switch value {
        case .list(let items): return items.count
        case .string(let text): return text.utf8.count / bytesPerUnit
        case .context(let context): return context.count
        default: return 0
        }
    }
}

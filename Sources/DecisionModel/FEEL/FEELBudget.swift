import Synchronization

/// The work one FEEL evaluation may do, shared by every evaluator it starts: the bodies of the functions and
/// knowledge models it calls, and the functions a built-in such as `sort` calls for it. A per-evaluator count let
/// a function that calls itself twice run 2⁶⁴ times, each call with a fresh allowance.
///
/// A unit is one expression step; one item that a loop, range, filter, path or membership test walks, or that a
/// built-in takes or gives in a list; 64 bytes of text a built-in or `+` takes or gives; four steps of a regular
/// expression (`FEELRegex`); 32 for a call of a function defined in FEEL. So work that grows with the data, not
/// with the expression, is paid for too. The allowance keeps the worst expression under a second in a release
/// build (a 361,000-day loop tested for membership took 13 s under the fuzzer's sanitizers) and ends it with a
/// FEEL error, never a hang.
final class FEELBudget: Sendable {
    /// Units one evaluation may spend (README, "Limits").
    static let units = 500_000
    /// Bytes of text that cost one unit.
    static let bytesPerUnit = 64
    /// What calling a function defined in FEEL or a knowledge model costs: a fresh evaluator and its arguments bound
    /// take about as long as 30 expression steps.
    static let unitsPerCall = 32

    private let spentUnits = Atomic<Int>(0)
    private let stopped = Atomic<Bool>(false)

    /// The budget of the evaluation under way on this task, if any: evaluators made while it is set share it.
    @TaskLocal static var current: FEELBudget?

    var spent: Int { spentUnits.load(ordering: .relaxed) }
    var remaining: Int { max(0, FEELBudget.units - spent) }
    var isSpent: Bool { spent > FEELBudget.units }

    /// Spends `count` units; false once the evaluation has spent more than its allowance.
    func spend(_ count: Int) -> Bool {
        spentUnits.wrappingAdd(count, ordering: .relaxed).newValue <= FEELBudget.units
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

/// The members of `for i in from..to` (or `for i in [from..to]`): integers or dates, counting up or down. Knows
/// how many there are before making them, so the evaluator can refuse a range its work budget cannot pay for.
struct FEELIterationRange {
    let first: Int
    let step: Int
    let count: Int
    let dates: Bool

    init(_ from: FEELValue, _ to: FEELValue, openStart: Bool = false, openEnd: Bool = false) throws(FEELProblem) {
        var first: Int, last: Int
        switch (from, to) {
        case (.date(let a), .date(let b)):
            (first, last, dates) = (a.daysSinceEpoch, b.daysSinceEpoch, true)
        case (.number(let a), .number(let b)):
            guard a.isInteger, b.isInteger, let x = a.intValue, let y = b.intValue else {
                throw FEELProblem("an iteration range needs integers, not \(a) and \(b)")
            }
            (first, last, dates) = (x, y, false)
        case (.null, _), (_, .null):
            throw FEELBuiltins.nullResult
        default:
            throw FEELProblem("an iteration range needs two integers or two dates, not \(from.typeName) and \(to.typeName)")
        }
        step = first <= last ? 1 : -1
        let (span, overflow) = last.subtractingReportingOverflow(first)
        guard !overflow, span.magnitude <= 1_000_000 else { throw FEELProblem("an iteration range of more than a million items") }
        if openStart { first += step }
        if openEnd { last -= step }
        self.first = first
        count = max(0, (last - first) * step + 1)
    }

    var members: [FEELValue] {
        (0..<count).map { index in
            let value = first + index * step
            return dates ? FEELDate(daysSinceEpoch: value).map(FEELValue.date) ?? .null : .number(FEELNumber(value))
        }
    }
}

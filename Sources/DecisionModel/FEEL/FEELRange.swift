/// A FEEL range (DMN 1.5, 10.3.2.7): an interval such as `[1..10]` or `(a..b]`, or a unary comparison
/// used as a value, such as `< 10` (no start) or `>= 5` (no end). `= 10` and `!= 10` are unary tests
/// as values: they test like `[10..10]` and `not(10)`, but equal only ranges written the same way.
public struct FEELRange: Sendable, Equatable, CustomStringConvertible {
    public enum Form: String, Sendable, Equatable {
        case interval = ".."
        case less = "<", lessOrEqual = "<=", greater = ">", greaterOrEqual = ">="
        case equal = "=", notEqual = "!="
    }

    public let form: Form
    /// Null when the range has no start (`< 10`), or when an interval's start is written as `null`.
    public let start: FEELValue
    public let startIncluded: Bool
    /// Null when the range has no end (`> 10`), or when an interval's end is written as `null`.
    public let end: FEELValue
    public let endIncluded: Bool

    /// An interval `[start..end]`, `(start..end)`, ….
    public init(start: FEELValue, startIncluded: Bool, end: FEELValue, endIncluded: Bool) {
        self.form = .interval
        self.start = start
        self.startIncluded = startIncluded
        self.end = end
        self.endIncluded = endIncluded
    }

    /// A unary comparison as a value: `< e`, `<= e`, `> e`, `>= e`, `= e`, `!= e`.
    public init(comparison form: Form, _ endpoint: FEELValue) {
        self.form = form
        switch form {
        case .less, .lessOrEqual:
            (start, startIncluded, end, endIncluded) = (.null, false, endpoint, form == .lessOrEqual)
        case .greater, .greaterOrEqual:
            (start, startIncluded, end, endIncluded) = (endpoint, form == .greaterOrEqual, .null, false)
        case .equal, .interval:
            (start, startIncluded, end, endIncluded) = (endpoint, true, endpoint, true)
        case .notEqual:
            (start, startIncluded, end, endIncluded) = (endpoint, false, endpoint, false)
        }
    }

    /// Whether the range has a lower bound (`< 10` has none; `(null..10)` has a null one, treated the same in tests).
    public var hasStart: Bool { start != .null }
    public var hasEnd: Bool { end != .null }

    /// Whether `value` lies in the range: true, false, or nil when the value and the endpoints do not compare.
    public func contains(_ value: FEELValue) -> Bool? {
        if value == .null { return nil }
        if form == .notEqual {
            return FEELSemantics.equals(value, start).map { !$0 }
        }
        if hasStart {
            guard let order = FEELSemantics.compare(value, start) else { return nil }
            if order == .orderedAscending || (order == .orderedSame && !startIncluded) { return false }
        }
        if hasEnd {
            guard let order = FEELSemantics.compare(value, end) else { return nil }
            if order == .orderedDescending || (order == .orderedSame && !endIncluded) { return false }
        }
        return hasStart || hasEnd ? true : nil
    }

    public var description: String {
        switch form {
        case .interval:
            return (startIncluded ? "[" : "(") + start.description + ".." + end.description + (endIncluded ? "]" : ")")
        case .less, .lessOrEqual, .equal, .notEqual:
            return form.rawValue + " " + (form == .less || form == .lessOrEqual ? end : start).description
        case .greater, .greaterOrEqual:
            return form.rawValue + " " + start.description
        }
    }
}

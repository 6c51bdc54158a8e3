/// The lists a table that collects rows can give, as combinations of its items in and out.
extension OpenEvaluation {
    /// What a collecting table can give, as far as the trace needs it: its one value, or that it has several.
    public enum ListValues {
        /// Every still-possible answer gives this value (its condition: all of them).
        case one(Possible)
        /// The open answers leave it at least two values.
        case several
        /// No answer is possible.
        case impossible
    }

    /// Nil for a decision that is not a collecting table. Listing every combination of items costs more than the rest
    /// of the trace (a hundred combinations for the schemes with every answer open), so the combinations are walked
    /// only until a second value turns up; `possible(_:)` would give the same value when there is one.
    public func listValues(_ decision: String) -> ListValues? {
        guard let result = walked(decision), result.items != nil else { return nil }
        if result.values != nil {
            let found = possible(decision)
            return found.count == 1 ? .one(found[0]) : found.isEmpty ? .impossible : .several
        }
        var sole: Possibility?
        func take(_ candidate: Possibility) -> Bool {
            let p = reported(candidate)
            guard p.condition != DecisionDiagram.never else { return true }
            guard let found = sole else { sole = p; return true }
            // Equal as `OpenWalker.merged` joins values: the same value, loose answers and origin.
            guard found.value.isSame(as: p.value), found.loose == p.loose, found.ruled == p.ruled else { return false }
            sole!.condition = diagram.or(found.condition, p.condition)
            return true
        }
        for other in result.otherValues where !take(other) { return .several }
        let d = diagram
        let rest = within(d.not(d.or(result.otherValues.map(\.condition))))
        guard forEachList(result, within: rest, take) else { return .several }
        return sole.map { .one(possible($0)) } ?? .impossible
    }

    /// Calls `visit` with each combination of the table's items that can hold together within `rest` (an empty one
    /// giving the table's empty value where no row matches); stops, returning false, when `visit` does.
    func forEachList(_ result: DecisionPossibilities, within rest: Node, _ visit: (Possibility) -> Bool) -> Bool {
        let items = result.items ?? []
        var chosen: [Possibility] = []
        let d = diagram
        func go(_ i: Int, _ condition: Node) -> Bool {
            if condition == DecisionDiagram.never { return true }
            if i == items.count {
                if chosen.isEmpty {
                    return visit(Possibility(value: result.emptyValue, condition: d.and(condition, result.empty), ruled: false))
                }
                let loose = Array(Set(chosen.flatMap(\.loose))).sorted()
                let undetermined = chosen.contains { $0.value.isNone }
                return visit(Possibility(value: undetermined ? nil : .list(chosen.map { $0.value! }), condition: condition, loose: loose))
            }
            // Within most combinations an item is certainly in or certainly out: the other side is then known
            // without computing it.
            let inside = d.and(condition, items[i].condition)
            chosen.append(items[i])
            guard go(i + 1, inside) else { return false }
            chosen.removeLast()
            return go(i + 1, inside == condition ? DecisionDiagram.never
                : inside == DecisionDiagram.never ? condition : d.minus(condition, items[i].condition))
        }
        return go(0, rest)
    }
}

extension OpenEvaluation {
    /// For a collecting table: the values it gives instead of a list (null where an input fails, not determined
    /// where one cannot be enumerated), each with the answers under which it does.
    public func valuesBesideItems(_ decision: String) -> [Possible] {
        guard let result = walked(decision), result.items != nil else { return [] }
        return OpenWalker.merged(result.otherValues.map(reported), diagram).map(possible)
    }
}

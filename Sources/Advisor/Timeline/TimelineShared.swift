import DecisionModel
import Synchronization

/// What the timelines of one assessor's assessments share (every profile of a batch): an evaluator that keeps the
/// names each decision's scope binds, and for an assessor of many profiles how each contract key fixes the decisions
/// producing it and the shapes of splits. All follow from the rules alone, so sharing them changes no estimate.
final class TimelineShared: Sendable {
    let model: DMNModel
    let evaluator: DMNEvaluator
    /// Nil for an assessor of one assessment: it seldom meets anything twice, and the first use of these tables
    /// costs a cold run more than they save it.
    private let memos: Memos?

    private final class Memos: Sendable {
        let fixings = Mutex<[String: TimelineEstimator.Fixing]>([:])
        let shapes = Mutex<[ShapeKey: TimelineEstimator.Reuse.Shape]>([:])
        let requirements: [(name: String, requires: [String])]

        init(_ model: DMNModel) {
            requirements = TimelineEstimator.Reuse.requirements(in: model)
        }
    }

    /// A split's shape follows from the decisions fixed and the decisions the plain evaluation made (the same for
    /// every profile, named here so that a different set cannot meet another's shape).
    private struct ShapeKey: Hashable {
        let fixed: [String]
        let decisions: [String]
    }

    init(model: DMNModel, manyProfiles: Bool = false) {
        self.model = model
        evaluator = DMNEvaluator(model: model, keepingScopeNames: true)
        memos = manyProfiles ? Memos(model) : nil
    }

    /// How `key` fixes its producers: found by walking the model, once per key when shared.
    func fixing(_ key: String) -> TimelineEstimator.Fixing {
        guard let memos else { return TimelineEstimator.Fixing(key, in: model) }
        if let known = memos.fixings.withLock({ $0[key] }) { return known }
        let made = TimelineEstimator.Fixing(key, in: model)
        memos.fixings.withLock { $0[key] = made }
        return made
    }

    /// Each decision of the model and the local decisions it requires (`Reuse.requirements(in:)`), listed once when
    /// shared; nil when not.
    func requirements() -> [(name: String, requires: [String])]? {
        memos?.requirements
    }

    func fixings(_ keys: some Sequence<String>) -> [String: TimelineEstimator.Fixing] {
        var found: [String: TimelineEstimator.Fixing] = [:]
        for key in keys { found[key] = fixing(key) }
        return found
    }

    /// The shape of the split fixing `fixed` (sorted) over `decisions` (the plain evaluation's, in order), made once
    /// when shared.
    func shape(fixing fixed: [String], of decisions: () -> [String], _ make: () -> TimelineEstimator.Reuse.Shape)
        -> TimelineEstimator.Reuse.Shape {
        guard let memos else { return make() }
        let key = ShapeKey(fixed: fixed, decisions: decisions())
        if let known = memos.shapes.withLock({ $0[key] }) { return known }
        let made = make()
        memos.shapes.withLock { $0[key] = made }
        return made
    }
}

import DecisionModel

/// Estimates for several sets of contract values over one set of answers (the route alternatives of an assessment):
/// each set re-evaluates only the decisions downstream of the ones it fixes, and sets that fix values no downstream
/// decision tells apart share one estimate.
extension TimelineEstimator {
    /// What every set of contract values over the same answers shares: the answers checked, the plain
    /// evaluation, its traces by decision, the local decisions each decision requires, and the decisions producing
    /// each contract key. Made once per assessment, so that each set only walks names it already has. It keeps the
    /// estimates made through it, so it serves one estimator (one rule set) only.
    struct Reuse {
        let inputs: [String: FEELValue]
        let model: DMNModel
        /// One evaluator for the plain evaluation and every set's, keeping the names each decision's scope binds.
        let evaluator: DMNEvaluator
        let checked: DMNEvaluator.CheckedInputs
        let plain: EvaluationResult
        let traces: [String: DecisionTrace]
        /// In dependency order: each decision's name and the names of the local decisions it requires.
        let decisions: [(name: String, requires: [String])]
        let fixings: [String: Fixing]
        /// The assessor's, whose shapes of splits serve every profile.
        let shared: TimelineShared?

        /// The plain evaluation of `inputs` made here, by `evaluator` when given (one of `model` keeping scope names).
        /// `shared`: the evaluator and fixings of the assessor (it takes the place of `evaluator`).
        init(inputs: [String: FEELValue], model: DMNModel, keys: some Sequence<String>, evaluator: DMNEvaluator? = nil,
             shared: TimelineShared? = nil) {
            let evaluator = shared?.evaluator ?? evaluator ?? DMNEvaluator(model: model, keepingScopeNames: true)
            let checked = evaluator.check(inputs)
            self.init(plain: evaluator.evaluate(checked, only: TimelinePlan.Decision.read), evaluator: evaluator, checked: checked,
                      inputs: inputs, model: model, keys: keys, shared: shared)
        }

        init(plain: EvaluationResult, inputs: [String: FEELValue], model: DMNModel, keys: some Sequence<String>) {
            let evaluator = DMNEvaluator(model: model, keepingScopeNames: true)
            self.init(plain: plain, evaluator: evaluator, checked: evaluator.check(inputs), inputs: inputs, model: model, keys: keys)
        }

        private init(plain: EvaluationResult, evaluator: DMNEvaluator, checked: DMNEvaluator.CheckedInputs, inputs: [String: FEELValue],
                     model: DMNModel, keys: some Sequence<String>, shared: TimelineShared? = nil) {
            self.inputs = inputs
            self.model = model
            self.evaluator = evaluator
            self.checked = checked
            self.plain = plain
            traces = Dictionary(plain.traces.map { ($0.decision, $0) }, uniquingKeysWith: { first, _ in first })
            // Only the decisions the plain evaluation made: those the timeline reads and what they require.
            decisions = (shared?.requirements() ?? Self.requirements(in: model)).filter { plain.values[$0.name] != nil }
            self.shared = shared
            if let shared {
                fixings = shared.fixings(keys)
            } else {
                var fixings: [String: Fixing] = [:]
                for key in keys { fixings[key] = Fixing(key, in: model) }
                self.fixings = fixings
            }
        }

        /// In dependency order: each decision of `model` and the names of the local decisions it requires.
        static func requirements(in model: DMNModel) -> [(name: String, requires: [String])] {
            model.decisionsInDependencyOrder.map { decision in
                (decision.name, decision.requiredDecisions.compactMap { model.decision(id: $0.id)?.name })
            }
        }

        /// What an evaluation fixing some decisions takes from the plain one. Every route alternative fixes the same
        /// decisions (the route's), so it is worked out once rather than walking the graph for each.
        struct Split {
            /// The fixed decisions, sorted.
            var fixed: [String] = []
            /// The plain values of the decisions that no fixed decision feeds.
            var given: [String: FEELValue] = [:]
            /// In dependency order, each decision not fixed: its plain trace, or `evaluated` when a fixed one feeds it.
            var traces: [(name: String, evaluated: Bool, plain: DecisionTrace?)] = []
            /// Per fixed decision, the FEEL text of the decisions that require it, and the fixed decisions read whole.
            var text: [String: String] = [:]
            var readWhole: Set<String> = []
            /// By fixed decision and member's name: whether the name appears in `text`, once looked for.
            let memberRead = MemberRead()
        }

        final class MemberRead {
            var known: [String: [String: Bool]] = [:]
        }

        /// What a split takes from the rules alone, the same for every profile fixing the same decisions: in
        /// dependency order, each decision not fixed and whether a fixed one feeds it; the text reading each fixed one.
        struct Shape: Sendable {
            /// Apart rather than as pairs: an array of pairs is a type a cold run would make at run time first.
            var names: [String] = []
            var evaluated: [Bool] = []
            var text: [String: String] = [:]
            var readWhole: Set<String> = []
        }

        /// An estimate already made, with the values it fixed.
        struct Made {
            var fixed: [String: FEELValue]
            var asOf: FEELDate
            var draws: Int
            var seed: UInt64
            var result: Result<TimelineEstimate, TimelinePlan.Problem>
        }

        private final class Memo {
            var splits: [[String]: Split] = [:]
            var made: [[String]: [Made]] = [:]
        }

        private let memo = Memo()

        func split(fixing names: some Collection<String>) -> Split {
            let key = names.sorted()
            if let known = memo.splits[key] { return known }
            let layout = shared?.shape(fixing: key, of: { decisions.map(\.name) }) { shape(fixing: key) } ?? shape(fixing: key)
            var split = Split(fixed: key)
            split.text = layout.text
            split.readWhole = layout.readWhole
            for (name, evaluated) in zip(layout.names, layout.evaluated) {
                if evaluated {
                    split.traces.append((name, true, nil))
                } else {
                    split.given[name] = plain.values[name] ?? .null
                    split.traces.append((name, false, traces[name]))
                }
            }
            memo.splits[key] = split
            return split
        }

        /// `fixed`: sorted.
        func shape(fixing fixed: [String]) -> Shape {
            let fixed = Set(fixed)
            var shape = Shape()
            var downstream: Set<String> = []
            var readers: [String: [Decision]] = [:]
            for (name, requires) in decisions where !fixed.contains(name) {
                let evaluated = requires.contains { fixed.contains($0) || downstream.contains($0) }
                shape.names.append(name)
                shape.evaluated.append(evaluated)
                guard evaluated else { continue }
                downstream.insert(name)
                for required in requires where fixed.contains(required) {
                    readers[required, default: []] += model.decision(named: name).map { [$0] } ?? []
                }
            }
            for (name, decisions) in readers {
                if let text = MemberReads.text(of: decisions), !MemberReads.readsWhole(name, in: text) {
                    shape.text[name] = text
                } else {
                    shape.readWhole.insert(name)
                }
            }
            return shape
        }

        /// An estimate made for fixed values that the decisions downstream cannot tell from `fixed`.
        func made(_ split: Split, _ fixed: [String: FEELValue], asOf: FEELDate, draws: Int, seed: UInt64)
            -> Result<TimelineEstimate, TimelinePlan.Problem>? {
            // A member is looked for in the text only when two fixings differ in it (most are the same).
            func isRead(_ name: String, _ member: String) -> Bool {
                if let known = split.memberRead.known[name]?[member] { return known }
                let read = split.text[name].map { MemberReads.mentions($0, member) } ?? false
                split.memberRead.known[name, default: [:]][member] = read
                return read
            }
            return memo.made[split.fixed]?.first {
                $0.asOf == asOf && $0.draws == draws && $0.seed == seed
                    && MemberReads.alike($0.fixed, fixed, whole: split.readWhole, isRead: isRead)
            }?.result
        }

        func remember(_ split: Split, _ made: Made) {
            memo.made[split.fixed, default: []].append(made)
        }
    }

    func estimate(contractValues: [String: FEELValue], asOf: FEELDate, base: [String: FEELValue],
                  reusing reuse: Reuse) -> Result<TimelineEstimate, TimelinePlan.Problem> {
        let model = rules.model
        let inputs = reuse.inputs
        // A decision service may evaluate decisions of its own, out of reach of the fixed values: evaluate it all.
        guard model.decisionServices.isEmpty else {
            return estimate(contractValues: contractValues, inputs: inputs, asOf: asOf, base: base).0
        }
        let fixed = Self.fixedDecisions(for: contractValues, in: model, base: base, fixings: reuse.fixings)
        let split = reuse.split(fixing: fixed.keys)
        // The decisions downstream see the fixed values only through what they read: fixings alike in that give the
        // same values and traces, decision after decision, hence the same plan.
        if let known = reuse.made(split, fixed, asOf: asOf, draws: draws, seed: seed) { return known }
        var given = split.given
        given.merge(fixed) { _, fixed in fixed }
        var evaluation = reuse.evaluator.evaluate(reuse.checked, only: TimelinePlan.Decision.read, fixing: given)
        // The traces as one evaluation fixing only `fixed` gives them: in dependency order, none for a fixed decision.
        let fresh = Dictionary(evaluation.traces.map { ($0.decision, $0) }, uniquingKeysWith: { first, _ in first })
        evaluation.traces = split.traces.compactMap { $0.evaluated ? fresh[$0.name] : $0.plain }
        let result = estimate(evaluation, inputs: inputs, asOf: asOf)
        reuse.remember(split, Reuse.Made(fixed: fixed, asOf: asOf, draws: draws, seed: seed, result: result))
        return result
    }
}

import DecisionModel

/// How an assessment gets its timeline: one for the route when the route is settled, and one for each
/// still-possible outcome that changes it. Kept apart from the assessment code so the hook there is one call.
extension Assessment {
    /// Contract keys of the route: while an alternative differs in one of them, the top-level timeline is null
    /// and each such alternative carries its own (CONTRACT §4). Scheme and QMS alternatives keep the top-level
    /// one, which reads the schemes that are certain and the QMS audit as required (the conservative side).
    /// These are the route and change families (ContractKeys.families): a class alternative carries no timeline of
    /// its own, since the class reaches the timeline only through the route.
    static let routeKeys: Set<String> =
        Set(ContractKeys.families.filter { $0.contains("pathway") || $0.contains("change.procedure") }.flatMap { $0 })

    /// `shared`: what the assessments of one assessor share (an evaluator keeping scope names, fixings, shapes).
    mutating func estimateTimeline(rules: RuleSet, shared: TimelineShared? = nil) {
        values["timeline"] = .null
        guard !rules.benchmarks.figures.isEmpty, rules.model.decision(named: TimelinePlan.Decision.stages) != nil,
              let date = FEELDate(iso8601: asOf) else { return }
        let estimator = TimelineEstimator(rules: rules)
        let routeKeys = Self.routeKeys
        let routeOpen = alternatives.contains { $0.outcome.contains { routeKeys.contains($0.key) } }
        // Tried first even with the route open: when an open answer changes only what the timeline tables do not
        // read (the licence type that follows the class), they are settled and the figure is stated once. The plan
        // reads a few answers: all of them as inputs are made only for an evaluation.
        var planInputs: [String: FEELValue] = [:]
        for name in TimelinePlan.inputsRead {
            switch answers[name] {
            case .value(let value)?: planInputs[name] = value
            case .unknown?: planInputs[name] = .null
            case nil: break
            }
        }
        var result = estimator.estimate(evaluation, inputs: planInputs, asOf: date)
        if case .failure = result {
            // The route keys every still-possible answer agrees on.
            var settled: [String: FEELValue] = [:]
            for key in routeKeys {
                let value = value(key)
                if value != .null { settled[key] = value }
            }
            let inputs = answers.inputValues
            if routeOpen {
                if timeline == nil { estimateRoutes(estimator, settled: settled, inputs: inputs, asOf: date, rules: rules, shared: shared) }
                return
            }
            // The route is settled but an open answer the timeline tables read (clinical data for a partial
            // change) leaves their result open: they read it as they read an unanswered input, their
            // conservative row, with the route fixed as it is settled; the answer stays an open question.
            result = estimator.estimate(contractValues: settled, inputs: inputs, asOf: date, base: evaluation.values, timelineOnly: true,
                                        evaluator: shared?.evaluator, fixings: shared?.fixings(settled.keys) ?? [:]).0
        }
        if case .success(let estimate) = result {
            timeline = estimate
            values["timeline"] = estimate.contractValue
        }
    }

    /// Only route alternatives get their own timeline: scheme and QMS alternatives keep the route's, and
    /// simulating each of them would cost more than the few milliseconds the estimate may add.
    private mutating func estimateRoutes(_ estimator: TimelineEstimator, settled: [String: FEELValue], inputs: [String: FEELValue],
                                         asOf date: FEELDate, rules: RuleSet, shared: TimelineShared?) {
        let routeKeys = Self.routeKeys
        let routes = alternatives.indices.filter { alternatives[$0].outcome.contains { routeKeys.contains($0.key) } }
        let keys = routeKeys.union(routes.flatMap { alternatives[$0].outcome.map(\.key) })
        let reuse = TimelineEstimator.Reuse(inputs: inputs, model: rules.model, keys: keys, shared: shared)
        // Each alternative sets its values for the route keys the still-possible answers do not agree on.
        for i in routes {
            var contract = settled
            for (key, value) in alternatives[i].outcome { contract[key] = value }
            guard case .success(let estimate) = estimator.estimate(contractValues: contract, asOf: date, base: evaluation.values,
                                                                   reusing: reuse) else { continue }
            alternatives[i].timeline = estimate
        }
    }
}

extension TextReport {
    /// The "Time to a decision" section (or why there is none), for the terminal report.
    func timelineLines(_ a: Assessment) -> [String] {
        let text = TimelineText(rules: rules, language: language)
        if let estimate = a.timeline { return [""] + text.lines(estimate) }
        guard a.alternatives.contains(where: { $0.timeline != nil }) else { return [] }
        return ["", "\(text.t(.heading)): \(text.t(.perRoute))"]
    }

    /// One line under an alternative that has its own timeline.
    func timelineLine(_ alternative: Alternative) -> String? {
        guard let estimate = alternative.timeline else { return nil }
        let text = TimelineText(rules: rules, language: language)
        var line = TimelineStrings.format(.alternativeTimeline, language, estimate.decision.text)
        if let lag = estimate.lag { line += "; \(text.f(.lag, text.marketLabel(estimate.plan.referenceMarket))) \(lag.text) \(text.t(.months))" }
        return "→ " + line
    }

    /// The same section for Markdown and HTML: a heading and the terminal lines in a preformatted block, so the
    /// Gantt bars stay aligned.
    func timelineBlock(_ a: Assessment) -> (heading: String, lines: [String])? {
        let lines = timelineLines(a).drop(while: \.isEmpty)
        guard let first = lines.first else { return nil }
        return (first, lines.dropFirst().map { String($0.dropFirst(2)) })
    }
}

import DecisionModel

/// `yakuji lag`: the timeline from a route, a review category and schemes given directly, without the
/// questionnaire. The decisions that would produce those values take them; the timeline tables and the QMS
/// decision are evaluated from the `--set` answers as in an assessment.
public struct LagQuery: Sendable {
    public var route: String
    public var category: String?
    public var schemes: [String] = []
    public var answers = Answers()
    public var asOf: String?
    public var draws = TimelineEstimator.defaultDraws
    public var seed = TimelineEstimator.defaultSeed

    public init(route: String, category: String? = nil) {
        self.route = route
        self.category = category
    }

    public struct Outcome: Sendable {
        public var estimate: TimelineEstimate
        public var evaluation: EvaluationResult
    }

    /// The values a contract key can take: its type's allowed values, else the literals its rules give.
    public static func values(of key: String, in model: DMNModel) -> [String] {
        let member = String(key.split(separator: ".").last ?? "")
        var found: [String] = []
        for name in ContractKeys.producers(in: model, keys: [key]).sorted() {
            guard let decision = model.decision(named: name) else { continue }
            let component = model.itemDefinition(for: decision.typeRef)?.components.first { $0.name == member }
            let typeRef = component?.typeRef ?? (decision.decisionTable?.outputs.count == 1 ? decision.decisionTable?.outputs[0].typeRef : nil)
            if let literal = model.allowedValues(of: typeRef)?.literalValues {
                found += literal.compactMap(\.string)
                continue
            }
            guard let table = decision.decisionTable, let column = table.outputs.firstIndex(where: { $0.name == member || table.outputs.count == 1 }) else { continue }
            for rule in table.rules where column < rule.outputEntries.count && rule.outputEntries[column].referencedNames.isEmpty {
                var problems: [FEELError] = []
                let value = rule.outputEntries[column].evaluate(FEELScope(), problems: &problems)
                if let s = value.string { found.append(s) }
                if case .list(let items) = value { found += items.compactMap(\.string) }
            }
        }
        var seen: Set<String> = []
        return found.filter { seen.insert($0).inserted }
    }

    /// The keys the route, category and schemes become: an entry route fixes the route decisions; a change
    /// procedure fixes the change decision and reads the current route from the answers.
    func contractValues(_ model: DMNModel) throws(AdvisorError) -> (values: [String: FEELValue], answers: Answers) {
        let entryRoutes = Self.values(of: "pathway", in: model)
        let changeProcedures = Self.values(of: "change.procedure", in: model)
        let categories = Self.values(of: "reviewCategory", in: model)
        let knownSchemes = Self.values(of: "schemes", in: model)
        var answers = self.answers
        var values: [String: FEELValue] = ["schemes": .list(schemes.map(FEELValue.string))]
        for scheme in schemes where !knownSchemes.contains(scheme) {
            throw AdvisorError(file: "--scheme", "'\(scheme)': expected one of \(knownSchemes.joined(separator: ", "))")
        }
        if let category, !categories.contains(category) {
            throw AdvisorError(file: "--category", "'\(category)': expected one of \(categories.joined(separator: ", "))")
        }
        if entryRoutes.contains(route) {
            if route == "approval" && category == nil {
                throw AdvisorError(file: "--route", "'approval' needs --category (one of \(categories.joined(separator: ", ")))")
            }
            values["regulatoryCategory"] = .string("medical-device")
            values["pathway"] = .string(route)
            values["reviewCategory"] = category.map(FEELValue.string) ?? .null
            values["change.procedure"] = .null
        } else if changeProcedures.contains(route) {
            values["regulatoryCategory"] = .string("medical-device")
            values["change.procedure"] = .string(route)
            if answers["assessmentKind"] == nil { answers["assessmentKind"] = .value(.string("change")) }
        } else {
            throw AdvisorError(file: "--route", "'\(route)': expected one of \((entryRoutes + changeProcedures).joined(separator: ", "))")
        }
        return (values, answers)
    }

    public func run(rules: RuleSet) throws(AdvisorError) -> Outcome {
        let day = asOf ?? Today.iso()
        guard let date = FEELDate(iso8601: day) else { throw AdvisorError(file: "--as-of", "'\(day)': expected a date YYYY-MM-DD") }
        let (values, answers) = try contractValues(rules.model)
        let estimator = TimelineEstimator(rules: rules, draws: draws, seed: seed)
        let (result, evaluation) = estimator.estimate(contractValues: values, inputs: answers.dated(day, rules: rules).inputValues,
                                                      asOf: date)
        switch result {
        case .success(let estimate): return Outcome(estimate: estimate, evaluation: evaluation)
        case .failure(.missingFigure(let key)): throw AdvisorError(file: rules.directory, "the rules name the figure '\(key)', which \(Benchmarks.fileName) lacks")
        case .failure(.noRoute): throw AdvisorError(file: "--route", "the rules give no timeline for '\(route)'" + (category.map { " with --category \($0)" } ?? ""))
        }
    }
}

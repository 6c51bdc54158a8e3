import DecisionModel

/// Checks of one decision table: allowed values, hit-policy fit, gaps/overlaps/shadowing, citations, expiry.
struct TableChecks {
    let model: DMNModel
    let decision: Decision
    let table: DecisionTable
    let asOf: FEELDate
    /// Overlapping pairs listed per table; the others are counted in one finding.
    var maxListedOverlaps = Int.max

    /// The input column that carries rule validity dates (`assessmentDate`), if any.
    static let validityInput = "assessmentDate"

    func findings() -> [Finding] {
        if table.rules.isEmpty {
            return [Finding(.error, "empty-table", at: table.location,
                            "\(decision.name): the table has no rules, so its value is always null")]
        }
        return allowedValueFindings() + hitPolicyFindings() + analysisFindings() + annotationFindings() + expiryFindings()
    }

    private func allowedValueFindings() -> [Finding] {
        var findings: [Finding] = []
        for (column, input) in table.inputs.enumerated() {
            let name = input.expression.source.trimmingWhitespace()
            guard let data = model.input(named: name), let allowed = model.allowedValues(of: data.typeRef)?.literalValues else { continue }
            for rule in table.rules {
                for value in rule.inputEntries[column].literalValues ?? [] where value != .null && !allowed.contains(value) {
                    findings.append(Finding(.error, "value-not-allowed", at: rule.location,
                        "\(decision.name) row \(rule.row): \(name) entry \(value) is not one of its allowed values \(allowed.map(\.description).joined(separator: ", "))"))
                }
            }
        }
        for (column, output) in table.outputs.enumerated() {
            guard let allowed = output.outputValues?.literalValues else { continue }
            for rule in table.rules {
                let value = rule.outputEntries[column].evaluate(FEELScope())
                guard rule.outputEntries[column].referencedNames.isEmpty, value != .null, !allowed.contains(value) else { continue }
                findings.append(Finding(.error, "value-not-allowed", at: rule.location,
                    "\(decision.name) row \(rule.row): output \(output.name ?? "") = \(value) is not one of its output values"))
            }
        }
        return findings
    }

    private func hitPolicyFindings() -> [Finding] {
        var findings: [Finding] = []
        switch table.hitPolicy {
        case .collect(.sum?), .collect(.min?), .collect(.max?):
            for (column, output) in table.outputs.enumerated() {
                let typed = model.baseType(of: output.typeRef)
                let constants = table.rules.map { $0.outputEntries[column] }.filter { $0.referencedNames.isEmpty }.map { $0.evaluate(FEELScope()) }
                let numeric = constants.allSatisfy { if case .number = $0 { true } else { $0 == .null } }
                if (typed != nil && typed != "number") || !numeric {
                    findings.append(Finding(.error, "hit-policy", at: table.location,
                        "\(decision.name): \(table.hitPolicy) aggregates numbers, but output '\(output.name ?? "")' is \(typed ?? "not numeric")"))
                }
            }
        case .priority, .outputOrder:
            for output in table.outputs where output.outputValues?.literalValues == nil {
                findings.append(Finding(.error, "hit-policy", at: output.location,
                    "\(decision.name): \(table.hitPolicy) needs output values listed in priority order for output '\(output.name ?? "")'"))
            }
        default:
            break
        }
        return findings
    }

    private func analysisFindings() -> [Finding] {
        var analysis = TableAnalysis(table: table, model: model)
        analysis.maximumOverlaps = maxListedOverlaps
        let result = analysis.run()
        let ruleAtRow = Dictionary(table.rules.map { ($0.row, $0) }, uniquingKeysWith: { first, _ in first })
        var findings = result.findings.map { finding in
            switch finding {
            case .gap(let values):
                let combination = zip(table.inputs, values).compactMap { input, value in value.map { "\(input.title) = \($0)" } }
                return Finding(.warning, "gap", at: table.location,
                               "\(decision.name): no rule covers \(combination.isEmpty ? "any input" : combination.joined(separator: ", ")) (the value is then null)")
            case .overlap(let rows, let example):
                let rule = ruleAtRow[rows[1]]
                return Finding(.error, "overlap", at: rule?.location ?? table.location,
                               "\(decision.name): rows \(rows[0]) and \(rows[1]) both match under \(table.hitPolicy) (e.g. \(zip(table.inputs, example).map { "\($0.title) = \($1)" }.joined(separator: ", ")))")
            case .shadowed(let row, let by):
                let rule = ruleAtRow[row]
                return Finding(.warning, "shadowed", at: rule?.location ?? table.location,
                               "\(decision.name): row \(row) is never reached; rows \(by.map(String.init).joined(separator: ", ")) before it match everything it matches")
            case .neverMatches(let row, let column):
                let rule = ruleAtRow[row]
                return Finding(.error, "never-matches", at: rule?.location ?? table.location,
                               "\(decision.name): row \(row) can never match: no value of \(table.inputs[column].title) satisfies `\(rule?.inputEntries[column].source ?? "")`")
            }
        }
        if result.unlistedOverlaps > 0 {
            let copies = result.copiedRows > 0 ? "; \(result.copiedRows) rows repeat an earlier row's entries exactly" : ""
            let more = result.incomplete ? "at least \(result.unlistedOverlaps)" : "\(result.unlistedOverlaps)"
            findings.append(Finding(.error, "overlap", at: table.location,
                "\(decision.name): \(more) more pairs of rows both match under \(table.hitPolicy) (not listed\(copies); --max-errors lists more)",
                count: result.unlistedOverlaps))
        }
        if result.incomplete {
            findings.append(Finding(.warning, "analysis-limit", at: table.location,
                "\(decision.name): the gap, overlap and shadowed-row checks stopped at their work bound (\(table.rules.count) rows that overlap one another widely); findings past it are missing"))
        }
        return findings
    }

    private func annotationFindings() -> [Finding] {
        var findings: [Finding] = []
        for rule in table.rules {
            let notes = Dictionary(zip(table.annotationNames, rule.annotations), uniquingKeysWith: { a, _ in a })
            if (notes["source"] ?? "").isEmpty {
                findings.append(Finding(.error, "missing-citation", at: rule.location,
                                        "\(decision.name) row \(rule.row) cites no source (annotation column 'source')"))
            }
            for language in ["en", "ja"] where (notes[language] ?? "").isEmpty {
                findings.append(Finding(.error, "missing-translation", at: rule.location,
                                        "\(decision.name) row \(rule.row) has no '\(language)' reason"))
            }
        }
        return findings
    }

    /// A row whose validity column rejects the as-of date and every later date has expired, unless its
    /// description says it is kept on purpose ("superseded: …", for assessments as of an earlier date).
    private func expiryFindings() -> [Finding] {
        guard let column = table.inputs.firstIndex(where: { $0.expression.source.trimmingWhitespace() == Self.validityInput }),
              let farFuture = FEELDate(iso8601: "2999-12-31") else { return [] }
        return table.rules.compactMap { rule in
            let entry = rule.inputEntries[column]
            guard rule.description?.lowercased().hasPrefix("superseded:") != true, !entry.isWildcard, !entry.matches(.date(asOf), scope: FEELScope()),
                  !entry.matches(.date(farFuture), scope: FEELScope()) else { return nil }
            return Finding(.warning, "expired", at: rule.location,
                           "\(decision.name) row \(rule.row) expired before \(asOf) (validity `\(entry.source)`)")
        }
    }
}

import DecisionModel

/// Constructs the engine evaluates (any DMN model) but the rule format leaves out (docs/rules-format.md): rule
/// maintainers read Rules/ as tables, and the questionnaire, coverage and table checks see only decision tables,
/// literal expressions and invocations of knowledge models.
struct FormatChecks {
    let model: DMNModel

    func findings() -> [Finding] {
        var findings: [Finding] = []
        for decision in model.decisions {
            findings += check(decision.logic, owner: "decision '\(decision.name)'")
        }
        for bkm in model.knowledgeModels {
            findings += check(bkm.body, owner: "business knowledge model '\(bkm.name)'")
        }
        for service in model.decisionServices {
            findings.append(Finding(.error, "rule-format", at: service.location,
                                    "decision service '\(service.name)': the rule format has no decision services; "
                                    + "let decisions require the decisions they use (docs/rules-format.md)"))
        }
        return findings
    }

    private func check(_ logic: ExpressionLogic, owner: String) -> [Finding] {
        func unsupported(_ what: String, _ location: SourceLocation) -> [Finding] {
            [Finding(.error, "rule-format", at: location,
                     "\(owner) uses \(what), which the rule format does not allow: rules are decision tables, "
                     + "literal expressions or invocations of knowledge models (docs/rules-format.md)")]
        }
        switch logic {
        case .table, .literal:
            return []
        case .invocation(let invocation):
            return invocation.bindings.flatMap { binding in binding.value.map { check($0, owner: owner) } ?? [] }
        case .typed(let inner, _):
            return check(inner, owner: owner)
        case .context(let context): return unsupported("a boxed context", context.location)
        case .relation(let relation): return unsupported("a relation", relation.location)
        case .list(let list): return unsupported("a boxed list", list.location)
        case .function(let definition): return unsupported("a function definition", definition.location)
        case .conditional(let conditional): return unsupported("a boxed conditional", conditional.location)
        case .filter(let filter): return unsupported("a boxed filter", filter.location)
        case .iterator(let iterator): return unsupported("a boxed '\(iterator.kind.rawValue)'", iterator.location)
        }
    }
}

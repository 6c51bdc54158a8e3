import DecisionModel

/// `rules test`: scenario results and which rule rows they hit, per table and per row.
public struct CoverageReport: Sendable {
    public let report: ScenarioRunner.Report
    public let model: DMNModel

    public init(report: ScenarioRunner.Report, model: DMNModel) {
        self.report = report
        self.model = model
    }

    /// Rows marked untestable by a rule `description` starting "untestable:" (the reason follows).
    public var untestable: Set<ScenarioRunner.RowRef> {
        var rows: Set<ScenarioRunner.RowRef> = []
        for decision in model.decisions {
            for rule in decision.decisionTable?.rules ?? [] where rule.description?.lowercased().hasPrefix("untestable:") == true {
                rows.insert(ScenarioRunner.RowRef(decision: decision.name, row: rule.row, location: rule.location))
            }
        }
        return rows
    }

    /// Uncovered rows not excused as untestable.
    public var failingUncovered: [ScenarioRunner.RowRef] {
        let excused = untestable
        return report.uncovered.filter { !excused.contains($0) }
    }

    public func text(perRow: Bool) -> String {
        var lines: [String] = report.failures.map { "FAIL " + $0.description }
        lines.append("")
        lines.append("coverage by table:")
        for decision in model.decisionsInDependencyOrder {
            guard let table = decision.decisionTable else { continue }
            let hit = table.rules.filter { rule in report.hitRows.contains { $0.decision == decision.name && $0.row == rule.row } }.count
            let share = table.rules.isEmpty ? "no rows: the table is empty" : "\(hit * 100 / table.rules.count)%"
            lines.append("  \(decision.name) (\(table.hitPolicy)): \(hit)/\(table.rules.count) rows (\(share))")
            if perRow {
                for rule in table.rules {
                    let covered = report.hitRows.contains { $0.decision == decision.name && $0.row == rule.row }
                    lines.append("    row \(rule.row)\(rule.id.map { " \($0)" } ?? ""): \(covered ? "hit" : "NOT HIT")")
                }
            }
        }
        let excused = untestable
        for row in report.uncovered {
            lines.append("\(row.location): \(row.decision) row \(row.row) is hit by no scenario\(excused.contains(row) ? " (marked untestable)" : "")")
        }
        lines.append("\(report.passed) passed, \(report.scenarios - report.passed) failed")
        return lines.joined(separator: "\n") + "\n"
    }
}

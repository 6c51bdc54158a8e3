@testable import DecisionModel

/// The table analysis as it was before it scaled: every rule against every value (an n × values matrix), and
/// every pair of rules. Kept as the slow reference that `TableAnalysis` must agree with.
struct PairwiseTableAnalysis {
    typealias Finding = TableAnalysis.Finding
    typealias Result = TableAnalysis.Result

    let table: DecisionTable
    let domains: [[FEELValue]?]
    /// Stop listing gaps past this many.
    var maximumGaps = 20

    init(table: DecisionTable, model: DMNModel) {
        self.table = table
        let columnDomains = ColumnDomains(model: model)
        self.domains = table.inputs.indices.map { columnDomains.domain(table, column: $0) }
    }

    /// accepts[rule][column][valueIndex]
    private func acceptance() -> [[[Bool]]] {
        table.rules.map { rule in
            rule.inputEntries.enumerated().map { column, entry in
                (domains[column] ?? []).map { entry.isWildcard || entry.matches($0, scope: FEELScope()) }
            }
        }
    }

    func run() -> Result {
        var result = Result()
        result.skippedColumns = domains.indices.filter { domains[$0] == nil }
        guard result.skippedColumns.isEmpty, !table.inputs.isEmpty else { return result }
        let accepts = acceptance()
        for (r, rule) in table.rules.enumerated() {
            for column in table.inputs.indices where !accepts[r][column].contains(true) && !(domains[column] ?? []).isEmpty {
                result.findings.append(.neverMatches(row: rule.row, column: column))
            }
        }
        if table.hitPolicy.isSingleHit {
            var gaps: [[String?]] = []
            let all = Array(table.rules.indices)
            // Unknown answers (null) and free text outside every rule are expected to give no result,
            // so gaps are looked for among definite values only.
            let full = domains.map { values in
                (values ?? []).indices.filter { values?[$0] != .null && values?[$0] != ColumnDomains.otherText }
            }
            findGaps(all, column: 0, allowed: full, prefix: [], accepts: accepts, into: &gaps, truncated: &result.truncated)
            result.findings += gaps.map(Finding.gap)
        }
        switch table.hitPolicy {
        case .unique: result.findings += overlaps(accepts, requireDifferentOutputs: false)
        case .any: result.findings += overlaps(accepts, requireDifferentOutputs: true)
        case .first: result.findings += shadowed(accepts)
        default: break
        }
        return result
    }

    /// Walks the columns, grouping values that the same rules accept, and records every combination left
    /// with no rule.
    private func findGaps(_ rules: [Int], column: Int, allowed: [[Int]], prefix: [String?], accepts: [[[Bool]]],
                          into gaps: inout [[String?]], truncated: inout Bool) {
        if gaps.count >= maximumGaps { truncated = true; return }
        if rules.isEmpty {
            gaps.append(prefix + Array(repeating: nil, count: table.inputs.count - column))
            return
        }
        if column == table.inputs.count { return }
        var groups: [[Int]: [Int]] = [:]   // accepting rules → value indices
        var order: [[Int]] = []
        for v in allowed[column] {
            let accepting = rules.filter { accepts[$0][column][v] }
            if groups[accepting] == nil { order.append(accepting) }
            groups[accepting, default: []].append(v)
        }
        let everyValue = order.count == 1
        for key in order {
            let values = groups[key] ?? []
            let label: String? = everyValue && values.count == allowed[column].count ? nil
                : values.map { (domains[column] ?? [])[$0].description }.joined(separator: " | ")
            findGaps(key, column: column + 1, allowed: allowed, prefix: prefix + [label], accepts: accepts,
                     into: &gaps, truncated: &truncated)
        }
    }

    /// Whether two rules share at least one value in every column, and an example of one.
    private func intersection(_ a: Int, _ b: Int, _ accepts: [[[Bool]]]) -> [String]? {
        var example: [String] = []
        for column in table.inputs.indices {
            let both = (domains[column] ?? []).indices.filter { accepts[a][column][$0] && accepts[b][column][$0] }
            guard let first = both.first else { return nil }
            example.append(table.rules[a].inputEntries[column].isWildcard && table.rules[b].inputEntries[column].isWildcard
                           ? "-" : (domains[column] ?? [])[first].description)
        }
        return example
    }

    private func overlaps(_ accepts: [[[Bool]]], requireDifferentOutputs: Bool) -> [Finding] {
        var found: [Finding] = []
        for a in table.rules.indices {
            for b in table.rules.indices where b > a {
                if requireDifferentOutputs && table.rules[a].outputEntries.map(\.source) == table.rules[b].outputEntries.map(\.source) { continue }
                if let example = intersection(a, b, accepts) {
                    found.append(.overlap(rows: [table.rules[a].row, table.rules[b].row], example: example))
                }
            }
        }
        return found
    }

    /// A FIRST row is shadowed when the rows before it leave none of its combinations uncovered.
    private func shadowed(_ accepts: [[[Bool]]]) -> [Finding] {
        var found: [Finding] = []
        for r in table.rules.indices where r > 0 {
            let region = table.inputs.indices.map { column in (domains[column] ?? []).indices.filter { accepts[r][column][$0] } }
            if region.contains(where: \.isEmpty) { continue }   // reported as never matching
            let earlier = (0..<r).filter { e in table.inputs.indices.allSatisfy { c in region[c].contains { accepts[e][c][$0] } } }
            if earlier.isEmpty { continue }
            var gaps: [[String?]] = []
            var truncated = false
            findGaps(earlier, column: 0, allowed: region, prefix: [], accepts: accepts, into: &gaps, truncated: &truncated)
            if gaps.isEmpty { found.append(.shadowed(row: table.rules[r].row, by: earlier.map { table.rules[$0].row })) }
        }
        return found
    }
}

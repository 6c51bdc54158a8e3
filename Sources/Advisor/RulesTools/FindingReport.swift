import DecisionModel
import Foundation

/// `rules check` output: text lines, JSON, or SARIF 2.1.0 for code-scanning tools.
public enum FindingReport {
    /// The first `limit` findings, how many more there are by code, and the totals (a finding that counts
    /// unlisted overlaps adds its count). Only the printed findings' lines are built.
    public static func text(_ findings: [Finding], limit: Int = .max) -> String {
        var lines = findings.prefix(limit).map(\.description)
        let hidden = findings.dropFirst(limit)
        if !hidden.isEmpty {
            var byCode: [String: Int] = [:]
            for finding in hidden { byCode[finding.code, default: 0] += finding.count }
            let more = byCode.values.reduce(0, +)
            let codes = byCode.sorted { ($1.value, $0.key) < ($0.value, $1.key) }.map { "\($0.key) \($0.value)" }
            lines.append("… and \(more) more (\(codes.joined(separator: ", "))): --max-errors shows more")
        }
        let errors = findings.reduce(0) { $0 + ($1.severity == .error ? $1.count : 0) }
        let warnings = findings.reduce(0) { $0 + ($1.severity == .warning ? $1.count : 0) }
        lines.append("\(errors) error(s), \(warnings) warning(s)")
        return lines.joined(separator: "\n") + "\n"
    }

    public static func json(_ findings: [Finding]) -> String {
        JSONValue.array(findings.map { f in
            .object([("severity", .string(f.severity.rawValue)), ("code", .string(f.code)), ("file", .string(f.file)),
                     ("line", .number(String(f.line))), ("column", .number(String(f.column))), ("message", .string(f.message)),
                     ("count", .number(String(f.count)))])
        }).rendered() + "\n"
    }

    /// SARIF with file URIs relative to `base` when they lie under it.
    public static func sarif(_ findings: [Finding], base: String, version: String) -> String {
        let codes = Array(Set(findings.map(\.code))).sorted()
        func uri(_ file: String) -> String {
            let root = (base as NSString).standardizingPath + "/"
            let standard = (file as NSString).standardizingPath
            return standard.hasPrefix(root) ? String(standard.dropFirst(root.count)) : standard
        }
        let results: [JSONValue] = findings.map { f in
            var region: [(String, JSONValue)] = [("startLine", .number(String(max(1, f.line))))]
            if f.column > 0 { region.append(("startColumn", .number(String(f.column)))) }
            var result: [(String, JSONValue)] = [
                ("ruleId", .string(f.code)),
                ("level", .string(f.severity == .error ? "error" : "warning")),
                ("message", .object([("text", .string(f.message))])),
                ("locations", .array([.object([("physicalLocation", .object([
                    ("artifactLocation", .object([("uri", .string(uri(f.file))), ("uriBaseId", .string("RULES"))])),
                    ("region", .object(region)),
                ]))])])),
            ]
            if f.count > 1 { result.append(("properties", .object([("count", .number(String(f.count)))]))) }
            return .object(result)
        }
        let rules: [JSONValue] = codes.map { code in
            .object([("id", .string(code)), ("shortDescription", .object([("text", .string(Finding.codes[code] ?? code))]))])
        }
        let document = JSONValue.object([
            ("$schema", .string("https://json.schemastore.org/sarif-2.1.0.json")),
            ("version", .string("2.1.0")),
            ("runs", .array([.object([
                ("tool", .object([("driver", .object([
                    ("name", .string("yakuji rules check")), ("version", .string(version)),
                    ("informationUri", .string("https://www.omg.org/spec/DMN/")), ("rules", .array(rules)),
                ]))])),
                ("originalUriBaseIds", .object([("RULES", .object([("uri", .string(URL(fileURLWithPath: base).absoluteString + "/"))]))])),
                ("results", .array(results)),
            ])])),
        ])
        return document.rendered() + "\n"
    }
}

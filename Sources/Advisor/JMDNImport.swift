import Foundation
import DecisionModel

/// Rebuilds the JMDN lookup table (`Rules/jmdn.dmn`, decision `jmdn`) from a CSV of generic names.
///
/// Columns are found by their header (Japanese or English); order does not matter:
/// code (一般的名称コード), nameJa (一般的名称), nameEn (英名), class (クラス分類: I–IV or 1–4),
/// speciallyMaintained (特定保守管理医療機器), certificationStandard (認証基準), approvalStandard (承認基準),
/// source (出典). Booleans accept 1/0, true/false, yes/no, ○/×, 該当/非該当, あり/なし; empty is false.
public enum JMDNImport {
    public static let columns: [(key: String, headers: [String])] = [
        ("code", ["code", "jmdncode", "jmdn code", "コード", "一般的名称コード", "jmdnコード"]),
        ("nameJa", ["nameja", "name (ja)", "一般的名称", "名称"]),
        ("nameEn", ["nameen", "name (en)", "英名", "english name", "英語名称"]),
        ("class", ["class", "クラス", "クラス分類"]),
        ("speciallyMaintained", ["speciallymaintained", "特定保守", "特定保守管理医療機器"]),
        ("certificationStandard", ["certificationstandard", "認証基準"]),
        ("approvalStandard", ["approvalstandard", "承認基準"]),
        ("source", ["source", "出典"]),
    ]

    public struct Entry: Sendable, Equatable {
        public var code: String
        public var nameJa: String
        public var nameEn: String
        public var deviceClass: Int
        public var speciallyMaintained: Bool
        public var certificationStandard: Bool
        public var approvalStandard: Bool
        public var source: String
    }

    /// Parses the CSV; every bad row is reported with its line, and nothing is returned if any is bad.
    public static func entries(csv: String, file: String) throws(AdvisorError) -> [Entry] {
        let rows = CSV.parse(csv)
        guard let header = rows.first else { throw AdvisorError(file: file, "the file is empty") }
        var index: [String: Int] = [:]
        for (i, name) in header.fields.enumerated() {
            let normal = name.trimmingWhitespace().lowercased()
            if let column = columns.first(where: { $0.headers.contains(normal) }) { index[column.key] = i }
        }
        let required = ["code", "nameJa", "class"]
        let missing = required.filter { index[$0] == nil }
        if !missing.isEmpty {
            throw AdvisorError(file: file, line: header.line,
                               "missing column(s) \(missing.joined(separator: ", ")); expected headers such as " +
                               columns.map { "\($0.key) (\($0.headers.last ?? ""))" }.joined(separator: ", "))
        }
        var entries: [Entry] = []
        var problems: [DMNProblem] = []
        var seen: [String: Int] = [:]
        for row in rows.dropFirst() {
            func value(_ key: String) -> String {
                guard let i = index[key], i < row.fields.count else { return "" }
                return row.fields[i].trimmingWhitespace()
            }
            func fail(_ message: String) { problems.append(DMNProblem(file: file, line: row.line, message: message)) }
            let code = value("code")
            guard code.count == 8, code.allSatisfy(\.isASCII), code.allSatisfy(\.isNumber) else {
                fail("code '\(code)' is not an 8-digit JMDN code"); continue
            }
            if let earlier = seen[code] { fail("code \(code) is already on line \(earlier)"); continue }
            seen[code] = row.line
            guard let cls = deviceClass(value("class")) else { fail("class '\(value("class"))' is not I–IV or 1–4"); continue }
            var flags: [Bool] = []
            for key in ["speciallyMaintained", "certificationStandard", "approvalStandard"] {
                guard let flag = boolean(value(key)) else { fail("\(key) '\(value(key))' is not yes/no"); break }
                flags.append(flag)
            }
            guard flags.count == 3 else { continue }
            if value("nameJa").isEmpty { fail("the generic name (nameJa) is empty"); continue }
            entries.append(Entry(code: code, nameJa: value("nameJa"), nameEn: value("nameEn"), deviceClass: cls,
                                 speciallyMaintained: flags[0], certificationStandard: flags[1], approvalStandard: flags[2],
                                 source: value("source")))
        }
        if !problems.isEmpty { throw AdvisorError(problems) }
        if entries.isEmpty { throw AdvisorError(file: file, "no generic names in the file") }
        return entries
    }

    static func deviceClass(_ text: String) -> Int? {
        let t = text.uppercased().replacingOccurrences(of: "クラス", with: "").replacingOccurrences(of: "CLASS", with: "")
            .trimmingWhitespace()
        switch t {
        case "I", "1", "Ⅰ": return 1
        case "II", "2", "Ⅱ": return 2
        case "III", "3", "Ⅲ": return 3
        case "IV", "4", "Ⅳ": return 4
        default: return nil
        }
    }

    static func boolean(_ text: String) -> Bool? {
        switch text.lowercased() {
        case "1", "true", "yes", "y", "○", "◯", "該当", "あり", "有": return true
        case "", "0", "false", "no", "n", "×", "-", "非該当", "なし", "無": return false
        default: return nil
        }
    }

    /// The DMN file text: one UNIQUE table keyed on `jmdnCode`, one row per generic name, each citing its source.
    public static func dmn(_ entries: [Entry], importedFrom file: String, on date: String) -> String {
        var xml = """
        <?xml version="1.0" encoding="UTF-8"?>
        <!-- Generated by `yakuji jmdn import` from \(escape(file)) on \(date). Edit the CSV and import again. -->
        <definitions xmlns="https://www.omg.org/spec/DMN/20230324/MODEL/" namespace="urn:yakuji:rules:jmdn"
                     name="jmdn" id="defs_jmdn">
          <decision id="d_jmdn" name="jmdn">
            <variable name="jmdn" typeRef="context"/>
            <informationRequirement id="ir_jmdn_code"><requiredInput href="#i_jmdnCode"/></informationRequirement>
            <decisionTable id="dt_jmdn" hitPolicy="UNIQUE">
              <input id="in_jmdn_code" label="jmdnCode"><inputExpression typeRef="string"><text>jmdnCode</text></inputExpression></input>
              <output id="out_jmdn_nameJa" name="jmdnNameJa" typeRef="string"/>
              <output id="out_jmdn_nameEn" name="jmdnNameEn" typeRef="string"/>
              <output id="out_jmdn_class" name="jmdnClass" typeRef="number"/>
              <output id="out_jmdn_sm" name="jmdnSpeciallyMaintained" typeRef="boolean"/>
              <output id="out_jmdn_cert" name="jmdnCertificationStandard" typeRef="boolean"/>
              <output id="out_jmdn_appr" name="jmdnApprovalStandard" typeRef="boolean"/>
              <annotation name="source"/>
              <annotation name="en"/>
              <annotation name="ja"/>

        """
        for e in entries {
            let source = e.source.isEmpty ? "JMDN list imported from \(file) (\(date))" : e.source
            let en = e.nameEn.isEmpty ? "Generic name \(e.code)" : "\(e.nameEn) (JMDN \(e.code), Class \(roman(e.deviceClass)))"
            let ja = "\(e.nameJa)（JMDN \(e.code)、クラス\(roman(e.deviceClass))）"
            xml += "      <rule id=\"jmdn_\(e.code)\">\n"
            xml += "        <inputEntry><text>\"\(e.code)\"</text></inputEntry>\n"
            for output in [quoted(e.nameJa), quoted(e.nameEn), String(e.deviceClass), String(e.speciallyMaintained),
                           String(e.certificationStandard), String(e.approvalStandard)] {
                xml += "        <outputEntry><text>\(escape(output))</text></outputEntry>\n"
            }
            for note in [source, en, ja] { xml += "        <annotationEntry><text>\(escape(note))</text></annotationEntry>\n" }
            xml += "      </rule>\n"
        }
        xml += "    </decisionTable>\n  </decision>\n</definitions>\n"
        return xml
    }

    static func roman(_ n: Int) -> String { ["", "I", "II", "III", "IV"][max(0, min(4, n))] }

    static func quoted(_ s: String) -> String {
        "\"" + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }

    static func escape(_ s: String) -> String { AnswersFile.escape(s) }
}

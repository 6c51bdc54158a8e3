import Foundation
import DecisionModel

/// Rebuilds the JMDN lookup table (`Rules/jmdn.dmn`, decision `jmdn`) from a CSV of generic names.
///
/// Columns are found by their header (Japanese or English); order does not matter:
/// code (一般的名称コード), nameJa (一般的名称), nameEn (英名), class (クラス分類: I–IV or 1–4),
/// speciallyMaintained (特定保守管理医療機器), certificationStandard (認証基準), approvalStandard (承認基準),
/// source (出典), and optionally en / ja (the row's explanation) and synonyms (同義語: other names people search by,
/// separated by `;`). Booleans accept 1/0, true/false, yes/no, ○/×, 該当/非該当, あり/なし (empty is no); `?`,
/// unknown, 未確認 mean "not confirmed" (null in the table). A CSV without the synonyms column imports as before.
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
        ("en", ["en", "note (en)"]),
        ("ja", ["ja", "note (ja)", "備考"]),
        ("synonyms", ["synonyms", "synonym", "keywords", "同義語", "別名", "キーワード"]),
    ]

    /// Synonyms are kept in one annotation, separated by this (a `;` or `；` or `|` separates them in a CSV cell).
    public static let synonymSeparator = "; "

    static func synonymList(_ cell: String) -> [String] {
        cell.split(whereSeparator: { $0 == ";" || $0 == "；" || $0 == "|" })
            .map { String($0).trimmingWhitespace() }.filter { !$0.isEmpty }
    }

    public struct Entry: Sendable, Equatable {
        public var code: String
        public var nameJa: String
        public var nameEn: String
        public var deviceClass: Int
        public var speciallyMaintained: Bool?
        public var certificationStandard: Bool?
        public var approvalStandard: Bool?
        public var source: String
        public var en: String = ""
        public var ja: String = ""
        public var synonyms: [String] = []
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
            var flags: [Bool?] = []
            for key in ["speciallyMaintained", "certificationStandard", "approvalStandard"] {
                guard let flag = boolean(value(key)) else { fail("\(key) '\(value(key))' is not yes/no/?"); break }
                flags.append(flag)
            }
            guard flags.count == 3 else { continue }
            if value("nameJa").isEmpty { fail("the generic name (nameJa) is empty"); continue }
            entries.append(Entry(code: code, nameJa: value("nameJa"), nameEn: value("nameEn"), deviceClass: cls,
                                 speciallyMaintained: flags[0], certificationStandard: flags[1], approvalStandard: flags[2],
                                 source: value("source"), en: value("en"), ja: value("ja"),
                                 synonyms: synonymList(value("synonyms"))))
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

    /// nil: not a flag; .some(nil): not confirmed.
    static func boolean(_ text: String) -> Bool?? {
        switch text.lowercased() {
        case "1", "true", "yes", "y", "○", "◯", "該当", "あり", "有": return .some(true)
        case "", "0", "false", "no", "n", "×", "-", "非該当", "なし", "無": return .some(false)
        case "?", "null", "unknown", "未確認", "不明": return .some(nil)
        default: return nil
        }
    }

    /// The DMN file text: one UNIQUE table keyed on `jmdnCode`, one row per generic name, each citing its source.
    public static func dmn(_ entries: [Entry], importedFrom file: String, on date: String) -> String {
        var xml = """
        <?xml version="1.0" encoding="UTF-8"?>
        <!--
        JMDN reference table (一般的名称), rebuilt by `yakuji jmdn import` from \(comment(file)) on \(date).
        One row per generic name, keyed on the 8-digit code: Japanese and English name, class, 特定保守管理医療機器,
        and whether a 認証基準 (告示第112号) and a 承認基準 cover the name; null = not confirmed by the row's source.
        Each row's source annotation says where its facts were read. English names are working translations
        unless the row says otherwise. Class I names carry no standards (Class I goes by notification), and
        Class IV names no certification standard (certification exists for Class II and III only).
        The flags the pathway uses are derived in standards.dmn. Edit the CSV (`yakuji jmdn export` writes the
        current table as one) and import again.
        -->
        <definitions xmlns="https://www.omg.org/spec/DMN/20230324/MODEL/"
                     id="yakuji_jmdn" name="yakuji-jmdn"
                     namespace="urn:yakuji:rules:jmdn">
            <itemDefinition id="it_tJmdnEntry" name="tJmdnEntry">
                <itemComponent id="it_tJmdnEntry_nameJa" name="jmdnNameJa"><typeRef>string</typeRef></itemComponent>
                <itemComponent id="it_tJmdnEntry_nameEn" name="jmdnNameEn"><typeRef>string</typeRef></itemComponent>
                <itemComponent id="it_tJmdnEntry_class" name="jmdnClass"><typeRef>number</typeRef></itemComponent>
                <itemComponent id="it_tJmdnEntry_sm" name="jmdnSpeciallyMaintained"><typeRef>boolean</typeRef></itemComponent>
                <itemComponent id="it_tJmdnEntry_cert" name="jmdnCertificationStandard"><typeRef>boolean</typeRef></itemComponent>
                <itemComponent id="it_tJmdnEntry_appr" name="jmdnApprovalStandard"><typeRef>boolean</typeRef></itemComponent>
            </itemDefinition>
            <decision id="d_jmdn" name="jmdn" label="JMDN generic name (一般的名称) looked up by its 8-digit code">
                <variable id="v_jmdn" name="jmdn" typeRef="tJmdnEntry"/>
                <informationRequirement id="ir_jmdn_i_jmdnCode"><requiredInput href="#i_jmdnCode"/></informationRequirement>
                <decisionTable id="dt_jmdn" hitPolicy="UNIQUE" outputLabel="jmdn">
                    <input id="in_jmdn_1" label="jmdnCode">
                        <inputExpression id="ie_jmdn_1" typeRef="string"><text>jmdnCode</text></inputExpression>
                    </input>
                    <output id="out_jmdn_1" name="jmdnNameJa" typeRef="string"/>
                    <output id="out_jmdn_2" name="jmdnNameEn" typeRef="string"/>
                    <output id="out_jmdn_3" name="jmdnClass" typeRef="number"/>
                    <output id="out_jmdn_4" name="jmdnSpeciallyMaintained" typeRef="boolean"/>
                    <output id="out_jmdn_5" name="jmdnCertificationStandard" typeRef="boolean"/>
                    <output id="out_jmdn_6" name="jmdnApprovalStandard" typeRef="boolean"/>
                    <annotation name="source"/>
                    <annotation name="en"/>
                    <annotation name="ja"/>
                    <annotation name="\(LookupTable.synonymsAnnotation)"/>

        """
        func flag(_ b: Bool?) -> String { b.map { String($0) } ?? "null" }
        for e in entries {
            let source = e.source.isEmpty ? "JMDN list imported from \(file) (\(date))" : e.source
            let en = !e.en.isEmpty ? e.en : e.nameEn.isEmpty ? "Generic name \(e.code)" : "\(e.nameEn) (JMDN \(e.code), Class \(roman(e.deviceClass)))"
            let ja = !e.ja.isEmpty ? e.ja : "\(e.nameJa)（JMDN \(e.code)、クラス\(roman(e.deviceClass))）"
            xml += "            <rule id=\"jmdn_\(e.code)\">\n"
            xml += "                <description>\(escape(e.nameJa))</description>\n"
            xml += "                <inputEntry><text>\"\(e.code)\"</text></inputEntry>\n"
            for output in [quoted(e.nameJa), quoted(e.nameEn), String(e.deviceClass), flag(e.speciallyMaintained),
                           flag(e.certificationStandard), flag(e.approvalStandard)] {
                xml += "                <outputEntry><text>\(escape(output))</text></outputEntry>\n"
            }
            for note in [source, en, ja, e.synonyms.joined(separator: synonymSeparator)] {
                xml += "                <annotationEntry><text>\(escape(note))</text></annotationEntry>\n"
            }
            xml += "            </rule>\n"
        }
        xml += "        </decisionTable>\n    </decision>\n</definitions>\n"
        return xml
    }

    /// A scenario file with one scenario per generic name, so `rules test --fail-uncovered` keeps covering every row
    /// after an import. Each scenario takes the device facts from `answersHref` (relative to the scenario file), sets
    /// the code (and, for a code of a product family, the answers that keep it: `keeping`), and expects the class to
    /// come from the table.
    public static func scenarios(_ entries: [Entry], answersHref: String, importedFrom file: String, on date: String,
                                 keeping: [String: [(input: String, value: FEELValue)]] = [:]) -> String {
        var xml = """
        <?xml version="1.0" encoding="UTF-8"?>
        <!--
        One scenario per row of the JMDN table (decision jmdn), written by `yakuji jmdn import` (scenarios option) from
        \(comment(file)) on \(date). The device facts come from \(comment(answersHref)); only jmdnCode changes, and the
        class must come from the table (classBasis jmdn). Import again rather than editing this file.
        -->
        <scenarios xmlns="urn:yakuji:scenarios:1">

        """
        for e in entries {
            let name = e.nameEn.isEmpty ? e.nameJa : "\(e.nameJa) (\(e.nameEn))"
            xml += "  <scenario id=\"jmdn-\(e.code)\">\n"
            xml += "    <description>\(escape(name)): class from the JMDN table</description>\n"
            if !e.source.isEmpty { xml += "    <source>\(escape(e.source))</source>\n" }
            xml += "    <answers href=\"\(escape(answersHref).replacingOccurrences(of: "\"", with: "&quot;"))\"/>\n"
            xml += "    <answer name=\"jmdnCode\">\(e.code)</answer>\n"
            for answer in keeping[e.code] ?? [] {
                xml += "    <answer name=\"\(escape(answer.input))\">\(escape(answer.value.bareText))</answer>\n"
            }
            xml += "    <expect key=\"deviceClass\">\(e.deviceClass)</expect>\n"
            xml += "    <expect key=\"classBasis\">jmdn</expect>\n"
            xml += "  </scenario>\n"
        }
        return xml + "</scenarios>\n"
    }

    /// For codes of a product family (a table refining the lookup, Rules/jmdn-families.dmn), the answers that keep
    /// each code as it is, so that its generated scenario expects the table's class.
    public static func keepingAnswers(_ entries: [Entry], rules: RuleSet,
                                      input: String = "jmdnCode") -> [String: [(input: String, value: FEELValue)]] {
        guard let lookup = LookupTable(rules: rules, input: input) else { return [:] }
        var answers: [String: [(input: String, value: FEELValue)]] = [:]
        for entry in entries {
            let keep = LookupTable.answersKeeping(entry.code, in: rules.model, input: input, catalogue: lookup.decision)
            if !keep.isEmpty { answers[entry.code] = keep }
        }
        return answers
    }

    /// The current table as a CSV in the import format (round-trips through `entries(csv:file:)`).
    public static func csv(_ table: LookupTable) -> String {
        func field(_ s: String) -> String {
            s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" }) ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
        }
        func flag(_ v: FEELValue?) -> String {
            switch v { case .boolean(true)?: "yes"; case .boolean(false)?: "no"; default: "?" }
        }
        var lines = ["code,nameJa,nameEn,class,speciallyMaintained,certificationStandard,approvalStandard,source,en,ja,synonyms"]
        for e in table.entries {
            let cls: String
            if case .number(let n)? = e.field("jmdnClass"), let i = n.intValue { cls = roman(i) } else { cls = "" }
            lines.append([e.value, e.field("jmdnNameJa")?.bareText ?? "", e.field("jmdnNameEn")?.bareText ?? "", cls,
                          flag(e.field("jmdnSpeciallyMaintained")), flag(e.field("jmdnCertificationStandard")),
                          flag(e.field("jmdnApprovalStandard")), e.annotation("source") ?? "", e.annotation("en") ?? "",
                          e.annotation("ja") ?? "", e.synonyms.joined(separator: synonymSeparator)].map(field).joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func roman(_ n: Int) -> String { ["", "I", "II", "III", "IV"][max(0, min(4, n))] }

    static func quoted(_ s: String) -> String {
        "\"" + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }

    /// XML comments may not contain "--", and a file name might.
    static func comment(_ s: String) -> String {
        var t = escape(s)
        while t.contains("--") { t = t.replacingOccurrences(of: "--", with: "-\u{2010}") }
        return t.hasSuffix("-") ? t + " " : t
    }

    /// Element text needs only &, < and > escaped; quotes stay readable in the FEEL string literals.
    static func escape(_ s: String) -> String {
        s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
    }
}

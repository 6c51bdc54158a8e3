import DecisionModel

/// `--format json` exactly as CONTRACT §4: every key present, null when undetermined.
public enum AssessmentJSON {
    /// `citations`: how each rule row's citation is shown (`trace[].rules[].citation`), in `language`.
    public static func render(_ a: Assessment, language: Language, citations: Citations = Citations()) -> String {
        String(decoding: renderUTF8(a, language: language, citations: citations), as: UTF8.self)
    }

    /// `render` as UTF-8, for standard output: half a megabyte for an empty answer file.
    public static func renderUTF8(_ a: Assessment, language: Language, citations: Citations = Citations()) -> [UInt8] {
        renderUTF8(document(a, language: language, citations: citations))
    }

    /// The document's bytes and a newline, as `assess --format json` writes them.
    public static func renderUTF8(_ document: JSONValue) -> [UInt8] {
        var bytes = document.renderedUTF8()
        bytes.append(UInt8(ascii: "\n"))
        return bytes
    }

    /// `rows`: the rule rows' entries written beforehand (a batch writes every profile with the same rows).
    public static func document(_ a: Assessment, language: Language, citations: Citations = Citations(),
                                rows: RuleRowsJSON? = nil) -> JSONValue {
        var entries: [(String, JSONValue)] = [
            ("schema", .string(ContractKeys.schema)),
            ("device", a.device.map(JSONValue.string) ?? .null),
            ("rules", .object([("version", .string(a.rulesVersion)), ("checksum", .string(a.rulesChecksum)),
                               ("asOf", .string(a.asOf))])),
        ]
        for key in ContractKeys.scalar { entries.append((key, a.value(key).json)) }
        entries.append(("qms", object("qms", a, nullWhenEmpty: false)))
        entries.append(("change", object("change", a, nullWhenEmpty: true)))
        for key in ContractKeys.lists { entries.append((key, list(a.value(key)))) }
        entries.append(("possibleSchemes", .array(a.possibleSchemes.map { item("scheme", $0) })))
        entries.append(("possibleConsultations", .array(a.possibleConsultations.map { item("consultation", $0) })))
        entries.append(("timeline", object("timeline", a, nullWhenEmpty: true)))
        entries.append(("openQuestions", .array(a.openQuestions.map(JSONValue.string))))
        entries.append(("alternatives", .array(a.alternatives.map { alternative in
            .object(alternative.outcome.map { ($0.key, $0.value.json) } + [("when", when(alternative.when))]
                    + (alternative.timeline.map { [("timeline", $0.json)] } ?? []))
        })))
        entries.append(("trace", .raw(TraceJSON.array(a, language, citations, rows: rows))))
        return .object(entries)
    }

    /// Each combination of answers as an object input → answer: a value, an array when any of several values
    /// would do, or for a range of a number or date its FEEL test (`"< 50000"`).
    static func when(_ paths: [[AnswerCondition]]) -> JSONValue {
        .array(paths.map { path in
            .object(path.map { c in
                (c.input, c.test.map(JSONValue.string) ?? (c.values.count > 1 ? .array(c.values.map(\.json)) : c.value.json))
            })
        })
    }

    /// `{scheme, when}`; an item listed because answers are unknown also names them (`whileUnknown`).
    private static func item(_ name: String, _ item: PossibleItem) -> JSONValue {
        var members: [(String, JSONValue)] = [(name, item.value.json), ("when", when(item.when))]
        if !item.whileUnknown.isEmpty { members.append(("whileUnknown", .array(item.whileUnknown.map(JSONValue.string)))) }
        return .object(members)
    }

    /// An object key: its members in contract order (null when missing), or null when the decision gave nothing.
    private static func object(_ key: String, _ a: Assessment, nullWhenEmpty: Bool) -> JSONValue {
        let value = a.value(key)
        if nullWhenEmpty {
            if case .null = value { return .null }
            if case .context(let c) = value, c.entries.allSatisfy({ $0.value == .null }) { return .null }
        }
        // `a.value("key.member")`, read from the object's value once.
        let context: FEELContext? = if case .context(let c) = value { c } else { nil }
        var members: [(String, JSONValue)] = ContractKeys.objects[key, default: []].map { member in
            (member, (context?[member] ?? .null).json)
        }
        if case .context(let c) = value {
            for entry in c.entries where !members.contains(where: { $0.0 == entry.key }) { members.append((entry.key, entry.value.json)) }
        }
        return .object(members)
    }

    private static func list(_ value: FEELValue) -> JSONValue {
        switch value {
        case .list(let items): .array(items.filter { $0 != .null }.map(\.json))
        case .null: .array([])
        default: .array([value.json])
        }
    }
}

import DecisionModel
import XMLSupport

/// How results are named and what to do next, per assessment key and value (`Rules/outcomes.xml`).
public struct Outcomes: Sendable {
    public static let namespace = "urn:yakuji:outcomes:1"

    public struct Value: Sendable {
        public var value: String
        public var label: LocalizedText
        public var steps: [LocalizedText]
        public var source: String
        /// Ids of `citations.xml` entries shown to readers with the value's next steps.
        public var cite: [String] = []
    }

    public struct Key: Sendable {
        public var name: String
        public var label: LocalizedText
        public var values: [String: Value]
        /// Another key whose values this one takes (`change.default` takes `change.procedure`'s).
        public var valuesOf: String?
        /// The value names in file order (how a list of choices is shown).
        public var order: [String] = []
    }

    public var keys: [String: Key]

    public init(keys: [String: Key] = [:]) {
        self.keys = keys
    }

    public init(root: XMLElementNode) {
        var keys: [String: Key] = [:]
        for element in root.children(named: "key") {
            let name = element.attribute("name") ?? ""
            var values: [String: Value] = [:]
            var order: [String] = []
            for v in element.children(named: "value") {
                let value = v.attribute("name") ?? ""
                order.append(value)
                var steps: [LocalizedText] = []
                for step in v.children(named: "step") {
                    steps.append(Questions.localized(step.children(named: "text")))
                }
                values[value] = Value(value: value, label: Questions.localized(v.children(named: "label")), steps: steps,
                                      source: v.childText("source") ?? "",
                                      cite: Citations.ids(v.child(named: "source")?.attribute("cite")))
            }
            keys[name] = Key(name: name, label: Questions.localized(element.children(named: "label")), values: values,
                             valuesOf: element.attribute("valuesOf"), order: order)
        }
        self.keys = keys
    }

    /// A key with the values of the key it takes them from, when it names one.
    public func key(_ name: String) -> Key? {
        guard var key = keys[name] else { return nil }
        if let other = key.valuesOf, let values = keys[other]?.values { key.values.merge(values) { own, _ in own } }
        return key
    }

    /// A value's label in a language, falling back to the raw value.
    public func label(key: String, value: String, _ language: Language) -> String {
        self.key(key)?.values[value]?.label.text(language).nonEmpty ?? value
    }

    public func label(key: String, _ language: Language) -> String {
        keys[key]?.label.text(language).nonEmpty ?? key
    }
}

extension String {
    var nonEmpty: String? { isEmpty ? nil : self }
}

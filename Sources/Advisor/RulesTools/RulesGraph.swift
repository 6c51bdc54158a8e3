import DecisionModel

/// The decision requirements graph and the question flow, as Graphviz DOT or Mermaid.
public struct RulesGraph: Sendable {
    public let rules: RuleSet
    public let language: Language

    public init(rules: RuleSet, language: Language) {
        self.rules = rules
        self.language = language
    }

    struct Edge: Hashable { var from: String; var to: String; var knowledge: Bool }

    var edges: [Edge] {
        var edges: [Edge] = []
        for decision in rules.model.decisionsInDependencyOrder {
            for ref in decision.requiredInputs {
                if let input = rules.model.input(id: ref.id) { edges.append(Edge(from: "i_" + input.name, to: "d_" + decision.name, knowledge: false)) }
            }
            for ref in decision.requiredDecisions {
                if let upstream = rules.model.decision(id: ref.id) { edges.append(Edge(from: "d_" + upstream.name, to: "d_" + decision.name, knowledge: false)) }
            }
            for ref in decision.requiredKnowledge {
                if let bkm = rules.model.knowledgeModel(id: ref.id) { edges.append(Edge(from: "k_" + bkm.name, to: "d_" + decision.name, knowledge: true)) }
            }
        }
        return edges
    }

    /// Inputs in the order the questionnaire first meets them (nothing answered yet).
    public var questionOrder: [String] {
        Questionnaire(rules: rules).relevant(after: Answers())
    }

    func label(_ node: String) -> String {
        let name = String(node.dropFirst(2))
        guard node.hasPrefix("d_"), let table = rules.model.decision(named: name)?.decisionTable else { return name }
        return "\(name)\\n\(table.hitPolicy) · \(table.rules.count) rows"
    }

    public func dot(questions: Bool) -> String {
        var out = ["digraph yakuji {", "  rankdir=BT;", "  node [fontname=\"Helvetica\", fontsize=10];"]
        let used = Set(edges.flatMap { [$0.from, $0.to] })
        for input in rules.model.inputs where used.contains("i_" + input.name) {
            out.append("  \"i_\(input.name)\" [label=\"\(input.name)\", shape=box, style=rounded];")
        }
        for decision in rules.model.decisionsInDependencyOrder {
            out.append("  \"d_\(decision.name)\" [label=\"\(label("d_" + decision.name))\", shape=box, style=filled, fillcolor=\"#e8f0fe\"];")
        }
        for bkm in rules.model.knowledgeModels {
            out.append("  \"k_\(bkm.name)\" [label=\"\(bkm.name)\", shape=octagon];")
        }
        for edge in edges {
            out.append("  \"\(edge.from)\" -> \"\(edge.to)\"\(edge.knowledge ? " [style=dashed]" : "");")
        }
        if questions {
            out.append("  subgraph cluster_questions {")
            out.append("    label=\"question flow\"; style=dashed;")
            let order = questionOrder
            for (i, name) in order.enumerated() {
                out.append("    \"q\(i)\" [label=\"\(i + 1). \(name)\", shape=note];")
                if i > 0 { out.append("    \"q\(i - 1)\" -> \"q\(i)\";") }
            }
            out.append("  }")
        }
        out.append("}")
        return out.joined(separator: "\n") + "\n"
    }

    public func mermaid(questions: Bool) -> String {
        var out = ["flowchart BT"]
        func id(_ node: String) -> String { node.replacingOccurrences(of: " ", with: "_") }
        let used = Set(edges.flatMap { [$0.from, $0.to] })
        for input in rules.model.inputs where used.contains("i_" + input.name) {
            out.append("  \(id("i_" + input.name))([\"\(input.name)\"])")
        }
        for decision in rules.model.decisionsInDependencyOrder {
            out.append("  \(id("d_" + decision.name))[\"\(label("d_" + decision.name).replacingOccurrences(of: "\\n", with: "<br/>"))\"]")
        }
        for bkm in rules.model.knowledgeModels { out.append("  \(id("k_" + bkm.name)){{\"\(bkm.name)\"}}") }
        for edge in edges { out.append("  \(id(edge.from)) \(edge.knowledge ? "-.->" : "-->") \(id(edge.to))") }
        if questions {
            out.append("  subgraph questions [question flow]")
            let order = questionOrder
            for (i, name) in order.enumerated() {
                out.append("    q\(i)[/\"\(i + 1). \(name)\"/]")
                if i > 0 { out.append("    q\(i - 1) --> q\(i)") }
            }
            out.append("  end")
        }
        return out.joined(separator: "\n") + "\n"
    }
}

/// The names a model announces to the lexer (names with spaces or symbols, and FEEL's own multi-word names),
/// arranged once per model as a trie of scalars: matching costs the length of the name, however many names
/// the model has (a model with thousands of them would otherwise scan them all at every name it reads).
/// A scope inside the model (a function's parameters, a context's entries) adds a small trie of its own.
public struct FEELNames: Sendable {
    struct Candidate: Sendable {
        let name: String
        let placement: FEELLexer.Placement?
        let endsWithNamePart: Bool
    }

    private var layers: [Trie]
    /// Whether a name begins where a token of a plain list of literals could (`FEELPlainString`), with a quote or a
    /// comma, or with the n of null: then the lexer could read a name there. Known once, not looked up for every cell.
    let startsAtQuoteOrComma: Bool
    let startsAtN: Bool

    public init(_ knownNames: Set<String>) {
        // Most expressions announce no names: the built-in names, arranged once, serve them all.
        if knownNames.isEmpty {
            self = FEELNames.builtin
            return
        }
        self.init(layers: [Trie(knownNames.map { ($0, nil) }
            + FEELLexer.builtinMultiWordNames.filter { !knownNames.contains($0.name) }.map { ($0.name, $0.placement) })])
    }

    private init(layers: [Trie]) {
        self.layers = layers
        startsAtQuoteOrComma = layers.contains { $0.startsWith("\"") || $0.startsWith(",") }
        startsAtN = layers.contains { $0.startsWith("n") }
    }

    private static let builtin = FEELNames(layers: [Trie(FEELLexer.builtinMultiWordNames.map { ($0.name, $0.placement) })])

    /// These names and `names`, which read as one name only inside a scope (a name such as `Person.Gender`
    /// is one parameter inside its function and a path everywhere else).
    public func adding(_ names: Set<String>) -> FEELNames {
        let local = names.filter(FEELNames.needsAnnouncing)
        if local.isEmpty { return self }
        return FEELNames(layers: layers + [Trie(local.map { ($0, nil) })])
    }

    /// Plain identifiers lex without help; only names with spaces or symbols must be announced.
    public static func needsAnnouncing(_ name: String) -> Bool {
        name.unicodeScalars.contains { !($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "_") }
    }

    /// The longest name written at `start` (words separated by any run of whitespace) that `accept` takes.
    func longestMatch(in scalars: [Unicode.Scalar], at start: Int,
                      accept: (Candidate, _ end: Int) -> Bool) -> (name: String, end: Int)? {
        var found: [(candidates: [Candidate], end: Int)] = []
        for layer in layers { layer.matches(in: scalars, at: start, into: &found) }
        if layers.count > 1 { found.sort { $0.end < $1.end } }
        for (candidates, end) in found.reversed() {
            for candidate in candidates where accept(candidate, end) { return (candidate.name, end) }
        }
        return nil
    }

    private struct Trie: Sendable {
        struct Node: Sendable {
            var next: [Unicode.Scalar: Int32] = [:]
            /// The node after a run of whitespace between two words.
            var space: Int32 = -1
            /// Names ending here (several only when they differ in whitespace), by name.
            var ends: [Candidate] = []
        }

        private var nodes: [Node] = [Node()]

        init(_ entries: [(name: String, placement: FEELLexer.Placement?)]) {
            for (name, placement) in entries.sorted(by: { $0.name < $1.name }) {
                let words = name.unicodeScalars.split(whereSeparator: FEELLexer.isWhitespace)
                guard let last = words.last?.last else { continue }
                var node = 0
                for (number, word) in words.enumerated() {
                    if number > 0 { node = child(of: node, space: true, scalar: " ") }
                    for scalar in word { node = child(of: node, space: false, scalar: scalar) }
                }
                nodes[node].ends.append(Candidate(name: name, placement: placement, endsWithNamePart: FEELLexer.isNamePart(last)))
            }
        }

        private mutating func child(of node: Int, space: Bool, scalar: Unicode.Scalar) -> Int {
            if space, nodes[node].space >= 0 { return Int(nodes[node].space) }
            if !space, let next = nodes[node].next[scalar] { return Int(next) }
            nodes.append(Node())
            let index = Int32(nodes.count - 1)
            if space { nodes[node].space = index } else { nodes[node].next[scalar] = index }
            return Int(index)
        }

        func startsWith(_ scalar: Unicode.Scalar) -> Bool { nodes[0].next[scalar] != nil }

        /// Every name written at `start`, shortest first.
        func matches(in scalars: [Unicode.Scalar], at start: Int, into found: inout [(candidates: [Candidate], end: Int)]) {
            var node = 0
            var index = start
            while index < scalars.count {
                if FEELLexer.isWhitespace(scalars[index]) {
                    guard nodes[node].space >= 0 else { return }
                    while index < scalars.count, FEELLexer.isWhitespace(scalars[index]) { index += 1 }
                    node = Int(nodes[node].space)
                    continue
                }
                guard let next = nodes[node].next[scalars[index]] else { return }
                node = Int(next)
                index += 1
                if !nodes[node].ends.isEmpty { found.append((nodes[node].ends, index)) }
            }
        }
    }
}

/// An element copied out of a libxml2 tree: plain Swift values, safe to share between tasks.
public struct XMLElementNode: Sendable, Equatable {
    public struct Attribute: Sendable, Equatable {
        public var name: String
        public var namespace: String?
        public var value: String

        public init(name: String, namespace: String? = nil, value: String) {
            self.name = name
            self.namespace = namespace
            self.value = value
        }
    }

    public var name: String
    public var namespace: String?
    public var attributes: [Attribute]
    public var children: [XMLElementNode]
    /// The element's own character data (text and CDATA children, in order), not its descendants'.
    public var text: String
    /// Namespace prefixes declared on this element and its ancestors, for resolving QNames in values
    /// such as `xsi:type="xsd:string"`.
    public var namespacesInScope: [String: String]
    public var file: String
    public var line: Int

    public init(name: String, namespace: String? = nil, attributes: [Attribute] = [], children: [XMLElementNode] = [],
                text: String = "", namespacesInScope: [String: String] = [:], file: String = "", line: Int = 0) {
        self.name = name
        self.namespace = namespace
        self.attributes = attributes
        self.children = children
        self.text = text
        self.namespacesInScope = namespacesInScope
        self.file = file
        self.line = line
    }

    /// The value of an attribute with no namespace, or in `namespace` when given.
    public func attribute(_ name: String, namespace: String? = nil) -> String? {
        attributes.first { $0.name == name && $0.namespace == namespace }?.value
    }

    public func children(named name: String) -> [XMLElementNode] {
        children.filter { $0.name == name }
    }

    public func child(named name: String) -> XMLElementNode? {
        children.first { $0.name == name }
    }

    /// Text of the first child with that name, trimmed; nil when there is no such child.
    public func childText(_ name: String) -> String? {
        child(named: name).map { $0.trimmedText }
    }

    public var trimmedText: String {
        // Nothing to trim when both ends are ASCII and not spaces: no character properties need looking up.
        if let first = text.utf8.first, let last = text.utf8.last, Self.plainASCII(first), Self.plainASCII(last) { return text }
        return text.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    private static func plainASCII(_ byte: UInt8) -> Bool { byte < 0x80 && byte != 0x20 && !(0x09...0x0D).contains(byte) }

    /// `file:line` of this element, for messages.
    public var location: String { "\(file):\(line)" }

    /// Every element of the subtree, depth first, this one included.
    public func descendants() -> [XMLElementNode] {
        var out: [XMLElementNode] = [self]
        for child in children { out.append(contentsOf: child.descendants()) }
        return out
    }

    /// Splits a QName such as `xsd:string` into its namespace URI (via the prefixes in scope) and local name.
    public func resolveQName(_ qname: String) -> (namespace: String?, localName: String) {
        guard let colon = qname.firstIndex(of: ":") else {
            return (namespacesInScope[""], qname)
        }
        let prefix = String(qname[..<colon])
        return (namespacesInScope[prefix], String(qname[qname.index(after: colon)...]))
    }
}

/// A whole document as read: its root element and the comments that precede it.
public struct XMLParsedDocument: Sendable, Equatable {
    public var root: XMLElementNode
    public var leadingComments: [String]

    public init(root: XMLElementNode, leadingComments: [String] = []) {
        self.root = root
        self.leadingComments = leadingComments
    }
}

extension String {
    fileprivate func trimmingCharacters(in set: CharacterSetLite) -> String {
        var scalars = Substring(self)
        while let first = scalars.first, set.contains(first) { scalars = scalars.dropFirst() }
        while let last = scalars.last, set.contains(last) { scalars = scalars.dropLast() }
        return String(scalars)
    }
}

/// XMLSupport avoids Foundation; this is the one character class it needs.
fileprivate struct CharacterSetLite {
    static let whitespacesAndNewlines = CharacterSetLite()
    func contains(_ c: Character) -> Bool { c.isWhitespace }
}

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

    public var name: String {
        get { storage.name }
        _modify {
            makeUnique()
            yield &storage.name
        }
    }
    public var namespace: String? {
        get { storage.namespace }
        _modify {
            makeUnique()
            yield &storage.namespace
        }
    }
    public var attributes: [Attribute] {
        get { storage.attributes }
        _modify {
            makeUnique()
            yield &storage.attributes
        }
    }
    public var children: [XMLElementNode] {
        get { storage.children }
        _modify {
            makeUnique()
            yield &storage.children
        }
    }
    /// The element's own character data (text and CDATA children, in order), not its descendants'.
    public var text: String {
        get { storage.text }
        _modify {
            makeUnique()
            yield &storage.text
        }
    }
    /// Namespace prefixes declared on this element and its ancestors, for resolving QNames in values
    /// such as `xsi:type="xsd:string"`.
    public var namespacesInScope: [String: String] {
        get { storage.namespacesInScope }
        _modify {
            makeUnique()
            yield &storage.namespacesInScope
        }
    }
    public var file: String {
        get { storage.file }
        _modify {
            makeUnique()
            yield &storage.file
        }
    }
    public var line: Int {
        get { storage.line }
        _modify {
            makeUnique()
            yield &storage.line
        }
    }

    // One reference per element, copied on write: readers pass elements around and filter children constantly,
    // and a struct of eight fields costs eight reference-count operations per copy.
    private var storage: Storage

    private final class Storage: @unchecked Sendable {
        // Mutated only after `makeUnique()`, i.e. when no other value shares this storage.
        var name: String
        var namespace: String?
        var attributes: [Attribute]
        var children: [XMLElementNode]
        var text: String
        var namespacesInScope: [String: String]
        var file: String
        var line: Int

        init(name: String, namespace: String?, attributes: [Attribute], children: [XMLElementNode], text: String,
             namespacesInScope: [String: String], file: String, line: Int) {
            self.name = name
            self.namespace = namespace
            self.attributes = attributes
            self.children = children
            self.text = text
            self.namespacesInScope = namespacesInScope
            self.file = file
            self.line = line
        }

        func copy() -> Storage {
            Storage(name: name, namespace: namespace, attributes: attributes, children: children, text: text,
                    namespacesInScope: namespacesInScope, file: file, line: line)
        }
    }

    private mutating func makeUnique() {
        if !isKnownUniquelyReferenced(&storage) { storage = storage.copy() }
    }

    public init(name: String, namespace: String? = nil, attributes: [Attribute] = [], children: [XMLElementNode] = [],
                text: String = "", namespacesInScope: [String: String] = [:], file: String = "", line: Int = 0) {
        storage = Storage(name: name, namespace: namespace, attributes: attributes, children: children, text: text,
                          namespacesInScope: namespacesInScope, file: file, line: line)
    }

    public static func == (lhs: XMLElementNode, rhs: XMLElementNode) -> Bool {
        if lhs.storage === rhs.storage { return true }
        let a = lhs.storage, b = rhs.storage
        return a.name == b.name && a.namespace == b.namespace && a.attributes == b.attributes && a.line == b.line
            && a.file == b.file && a.text == b.text && a.namespacesInScope == b.namespacesInScope && a.children == b.children
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
        text.trimmingCharacters(in: .whitespacesAndNewlines)
    }

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

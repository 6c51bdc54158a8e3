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
    public var attributes: [Attribute]
    public var children: [XMLElementNode]
    /// The element's own character data (text and CDATA children, in order), not its descendants'.
    public var text: String
    public var line: Int
    /// The namespace, the prefixes in scope and the file, which an element nearly always shares with its parent:
    /// held once for all of them, so that an element takes 64 bytes instead of 96 (a large table is most of a
    /// file's elements).
    private var context: Context

    public var namespace: String? {
        get { context.namespace }
        set { context = Context(namespace: newValue, namespacesInScope: context.namespacesInScope, file: context.file) }
    }
    /// Namespace prefixes declared on this element and its ancestors, for resolving QNames in values
    /// such as `xsi:type="xsd:string"`.
    public var namespacesInScope: [String: String] {
        get { context.namespacesInScope }
        set { context = Context(namespace: context.namespace, namespacesInScope: newValue, file: context.file) }
    }
    public var file: String {
        get { context.file }
        set { context = Context(namespace: context.namespace, namespacesInScope: context.namespacesInScope, file: newValue) }
    }

    final class Context: Sendable {
        let namespace: String?
        let namespacesInScope: [String: String]
        let file: String

        init(namespace: String?, namespacesInScope: [String: String], file: String) {
            self.namespace = namespace
            self.namespacesInScope = namespacesInScope
            self.file = file
        }

        /// This context, or a new one when the element's namespace differs from its parent's.
        func with(namespace: String?) -> Context {
            namespace == self.namespace ? self : Context(namespace: namespace, namespacesInScope: namespacesInScope, file: file)
        }
    }

    public init(name: String, namespace: String? = nil, attributes: [Attribute] = [], children: [XMLElementNode] = [],
                text: String = "", namespacesInScope: [String: String] = [:], file: String = "", line: Int = 0) {
        self.init(name: name, context: Context(namespace: namespace, namespacesInScope: namespacesInScope, file: file),
                  line: line)
        self.attributes = attributes
        self.children = children
        self.text = text
    }

    /// An element whose namespace, prefixes and file are held by `context` (shared with its parent where equal).
    init(name: String, context: Context, line: Int) {
        self.name = name
        self.attributes = []
        self.children = []
        self.text = ""
        self.line = line
        self.context = context
    }

    /// An element whole, built in one step: the tree decoder returning an element it had filled in field by field
    /// copied it once more (a fifth of decoding the rules cache).
    init(name: String, context: Context, line: Int, text: String, attributes: [Attribute], children: [XMLElementNode]) {
        self.name = name
        self.attributes = attributes
        self.children = children
        self.text = text
        self.line = line
        self.context = context
    }

    /// The shared part, for a child that declares no namespace of its own.
    var sharedContext: Context { context }

    public static func == (a: XMLElementNode, b: XMLElementNode) -> Bool {
        a.name == b.name && a.line == b.line && a.text == b.text && a.attributes == b.attributes
            && (a.context === b.context || (a.namespace == b.namespace && a.file == b.file
                                            && a.namespacesInScope == b.namespacesInScope))
            && a.children == b.children
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
        if text.hasPlainEnds { return text }
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
        return scalars.startIndex == startIndex && scalars.endIndex == endIndex ? self : String(scalars)
    }
}

/// XMLSupport avoids Foundation; this is the one character class it needs.
fileprivate struct CharacterSetLite {
    static let whitespacesAndNewlines = CharacterSetLite()
    func contains(_ c: Character) -> Bool { c.isWhitespace }
}

/// Element trees in a compact binary form, for the rule set's on-disk cache: reading it back costs a fraction of
/// parsing and validating the XML. Every string (names, values, text) is written once in a table and elements refer
/// to it by number, so that equal strings are one Swift string again after decoding; contexts (namespace, prefixes,
/// file) are shared the same way, as the parser shares them.
///
/// Layout: strings (count, then length + UTF-8 each), contexts (count, then namespace, file and prefix pairs), trees
/// (count, then a presence byte and an element each). An element: name, context, line, text, attributes (count,
/// then name, namespace, value), children (count, then each element). Numbers are varints; an optional string is
/// its number + 1, 0 for none.
public enum XMLTreeCodec {
    /// Deeper than any tree the parser accepts (libxml2 stops at 256 levels): damage, not a document.
    static let maxDepth = 300

    public static func encode(_ trees: [XMLElementNode?], into writer: inout ByteWriter) {
        // One pass numbers the strings and contexts as the elements are written; the tables go first.
        var encoder = Encoder()
        var elements = ByteWriter()
        elements.varint(trees.count)
        for tree in trees {
            elements.byte(tree == nil ? 0 : 1)
            if let tree { encoder.write(tree, into: &elements) }
        }
        writer.strings(encoder.strings)
        writer.varint(encoder.contexts.count)
        for context in encoder.contexts { writer.raw(context) }
        writer.raw(elements.bytes)
    }

    /// The trees, or nil when the bytes are not a whole, well-formed encoding.
    public static func decode(from reader: inout ByteReader) -> [XMLElementNode?]? {
        guard let strings = reader.strings() else { return nil }
        guard let contextCount = reader.count(itemBytes: 3) else { return nil }
        var contexts: [XMLElementNode.Context] = []
        contexts.reserveCapacity(contextCount)
        for _ in 0..<contextCount {
            guard let namespace = reader.varint(), namespace <= strings.count, let file = reader.varint(), file < strings.count,
                  let prefixCount = reader.count(itemBytes: 2) else { return nil }
            var scope: [String: String] = [:]
            scope.reserveCapacity(prefixCount)
            for _ in 0..<prefixCount {
                guard let prefix = reader.varint(), prefix < strings.count, let uri = reader.varint(), uri < strings.count else { return nil }
                scope[strings[prefix]] = strings[uri]
            }
            contexts.append(XMLElementNode.Context(namespace: namespace == 0 ? nil : strings[namespace - 1],
                                                   namespacesInScope: scope, file: strings[file]))
        }
        guard let treeCount = reader.count() else { return nil }
        let decoder = Decoder(strings: strings, contexts: contexts)
        var trees: [XMLElementNode?] = []
        trees.reserveCapacity(treeCount)
        for _ in 0..<treeCount {
            switch reader.byte() {
            case 0: trees.append(nil)
            case 1:
                guard let tree = decoder.element(&reader, depth: 0) else { return nil }
                trees.append(tree)
            default: return nil
            }
        }
        return trees
    }

    private struct Encoder {
        var strings: [String] = []
        var stringIndex: [UTF8Key: Int] = [:]
        /// Each context's encoded form, in the order numbered.
        var contexts: [[UInt8]] = []
        var contextIndex: [ObjectIdentifier: Int] = [:]

        mutating func index(_ string: String) -> Int {
            let key = UTF8Key(string)
            if let known = stringIndex[key] { return known }
            strings.append(string)
            stringIndex[key] = strings.count - 1
            return strings.count - 1
        }

        mutating func optional(_ string: String?) -> Int { string.map { index($0) + 1 } ?? 0 }

        mutating func context(_ context: XMLElementNode.Context) -> Int {
            if let known = contextIndex[ObjectIdentifier(context)] { return known }
            var out = ByteWriter()
            out.varint(optional(context.namespace))
            out.varint(index(context.file))
            let prefixes = context.namespacesInScope.sorted { $0.key < $1.key }
            out.varint(prefixes.count)
            for (prefix, uri) in prefixes {
                out.varint(index(prefix))
                out.varint(index(uri))
            }
            contexts.append(out.bytes)
            contextIndex[ObjectIdentifier(context)] = contexts.count - 1
            return contexts.count - 1
        }

        mutating func write(_ element: XMLElementNode, into writer: inout ByteWriter) {
            writer.varint(index(element.name))
            writer.varint(context(element.sharedContext))
            writer.varint(max(element.line, 0))
            writer.varint(index(element.text))
            writer.varint(element.attributes.count)
            for attribute in element.attributes {
                writer.varint(index(attribute.name))
                writer.varint(optional(attribute.namespace))
                writer.varint(index(attribute.value))
            }
            writer.varint(element.children.count)
            for child in element.children { write(child, into: &writer) }
        }
    }

    private struct Decoder {
        let strings: [String]
        let contexts: [XMLElementNode.Context]

        @inline(__always)
        func string(_ reader: inout ByteReader) -> String? {
            guard let index = reader.varint(), index < strings.count else { return nil }
            return strings[index]
        }

        func element(_ reader: inout ByteReader, depth: Int) -> XMLElementNode? {
            guard depth < XMLTreeCodec.maxDepth, let name = string(&reader),
                  let contextNumber = reader.varint(), contextNumber < contexts.count,
                  let line = reader.varint(), let text = string(&reader),
                  let attributeCount = reader.count(itemBytes: 3) else { return nil }
            var attributes: [XMLElementNode.Attribute] = []
            if attributeCount > 0 {
                attributes.reserveCapacity(attributeCount)
                for _ in 0..<attributeCount {
                    guard let name = string(&reader), let namespace = reader.varint(), namespace <= strings.count,
                          let value = string(&reader) else { return nil }
                    attributes.append(XMLElementNode.Attribute(name: name, namespace: namespace == 0 ? nil : strings[namespace - 1],
                                                               value: value))
                }
            }
            guard let childCount = reader.count(itemBytes: 6) else { return nil }
            var children: [XMLElementNode] = []
            if childCount > 0 {
                children.reserveCapacity(childCount)
                for _ in 0..<childCount {
                    guard let child = element(&reader, depth: depth + 1) else { return nil }
                    children.append(child)
                }
            }
            return XMLElementNode(name: name, context: contexts[contextNumber], line: line, text: text, attributes: attributes,
                                  children: children)
        }
    }
}

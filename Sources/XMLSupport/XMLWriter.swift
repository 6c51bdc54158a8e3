internal import CLibXML2

/// Serialises a document through libxml2, so what is written is always well-formed: names, text and attribute
/// values are escaped by the library, and characters XML cannot hold are refused rather than written.
public enum XMLWriter {
    public struct Failure: Error, Sendable, Equatable, CustomStringConvertible {
        public var message: String
        public var description: String { message }
    }

    /// UTF-8 bytes of `<?xml …?>`, the comments, then `root` indented. An element's `namespace` becomes the
    /// default namespace where it differs from its parent's.
    public static func serialize(_ document: XMLParsedDocument) throws(Failure) -> [UInt8] {
        try check(document.root)
        for comment in document.leadingComments { try checkText(comment, "a comment") }
        let result: Result<[UInt8], Failure> = libxml2Lock.withLock { _ in
            do throws(Failure) { return .success(try serializeLocked(document)) } catch { return .failure(error) }
        }
        return try result.get()
    }

    private static func serializeLocked(_ document: XMLParsedDocument) throws(Failure) -> [UInt8] {
        _ = libxml2Initialized
        guard let doc = xmlNewDoc("1.0") else { throw Failure(message: "cannot create an XML document") }
        defer { xmlFreeDoc(doc) }
        guard let root = build(document.root, in: doc, parentNamespace: nil) else { throw Failure(message: "cannot create an element") }
        xmlDocSetRootElement(doc, root)
        for comment in document.leadingComments {
            // "--" cannot appear inside a comment; a space keeps the words readable.
            let safe = comment.replacingDoubleHyphens()
            guard let node = xmlNewDocComment(doc, safe) else { continue }
            xmlAddPrevSibling(root, node)
        }
        var buffer: UnsafeMutablePointer<xmlChar>?
        var size: Int32 = 0
        xmlDocDumpFormatMemoryEnc(doc, &buffer, &size, "UTF-8", 1)
        guard let buffer else { throw Failure(message: "libxml2 could not serialise the document") }
        defer { cxml_free(buffer) }
        return Array(UnsafeBufferPointer(start: buffer, count: Int(size)))
    }

    private static func build(_ element: XMLElementNode, in doc: xmlDocPtr, parentNamespace: String?) -> xmlNodePtr? {
        guard let node = xmlNewDocNode(doc, nil, element.name, nil) else { return nil }
        if let namespace = element.namespace, namespace != parentNamespace, let ns = xmlNewNs(node, namespace, nil) {
            xmlSetNs(node, ns)
        }
        for attribute in element.attributes {
            xmlNewProp(node, attribute.name, attribute.value)
        }
        if !element.text.isEmpty, let text = xmlNewDocText(doc, element.text) {
            xmlAddChild(node, text)
        }
        for child in element.children {
            if let built = build(child, in: doc, parentNamespace: element.namespace ?? parentNamespace) { xmlAddChild(node, built) }
        }
        return node
    }

    private static func check(_ element: XMLElementNode) throws(Failure) {
        try checkText(element.text, "the text of <\(element.name)>")
        for attribute in element.attributes { try checkText(attribute.value, "the attribute \(attribute.name)") }
        for child in element.children { try check(child) }
    }

    /// XML 1.0 `Char`: tab, newline, carriage return and everything from U+0020 except U+FFFE and U+FFFF.
    private static func checkText(_ text: String, _ place: String) throws(Failure) {
        for scalar in text.unicodeScalars {
            let v = scalar.value
            let allowed = v == 0x9 || v == 0xA || v == 0xD || (v >= 0x20 && v != 0xFFFE && v != 0xFFFF)
            if !allowed {
                let hex = String(v, radix: 16, uppercase: true)
                throw Failure(message: "\(place) holds U+\(String(repeating: "0", count: max(0, 4 - hex.count)) + hex), which XML cannot store")
            }
        }
    }
}

extension String {
    fileprivate func replacingDoubleHyphens() -> String {
        var out = ""
        for c in self {
            if c == "-" && out.hasSuffix("-") { out += " " }
            out.append(c)
        }
        return out.hasSuffix("-") ? out + " " : out
    }
}

internal import CLibXML2

/// Copies a libxml2 element tree into `XMLElementNode` values.
struct TreeConverter {
    let file: String
    /// Names are interned in the document dictionary, and every element of a namespace points at its declaration's
    /// URI, so one conversion per pointer is enough (and the strings share one buffer).
    private var names: [UnsafePointer<xmlChar>: String] = [:]

    init(file: String) { self.file = file }

    private mutating func string(_ pointer: UnsafePointer<xmlChar>?) -> String? {
        guard let pointer else { return nil }
        if let known = names[pointer] { return known }
        let value = String(cString: pointer)
        names[pointer] = value
        return value
    }

    mutating func convert(_ node: xmlNodePtr, inherited parent: XMLElementNode.Context?) -> XMLElementNode {
        let namespace = node.pointee.ns.flatMap { string($0.pointee.href) }
        let context: XMLElementNode.Context
        if let parent, node.pointee.nsDef == nil {
            context = parent.with(namespace: namespace)
        } else {
            var scope = parent?.namespacesInScope ?? [:]
            var nsDecl = node.pointee.nsDef
            while let ns = nsDecl {
                let prefix = string(ns.pointee.prefix) ?? ""
                scope[prefix] = ns.pointee.href.map { String(cString: $0) } ?? ""
                nsDecl = ns.pointee.next
            }
            context = XMLElementNode.Context(namespace: namespace, namespacesInScope: scope, file: file)
        }
        var element = XMLElementNode(name: string(node.pointee.name) ?? "", context: context, line: Int(xmlGetLineNo(node)))
        var attr = node.pointee.properties
        while let a = attr {
            element.attributes.append(XMLElementNode.Attribute(
                name: string(a.pointee.name) ?? "",
                namespace: a.pointee.ns.flatMap { string($0.pointee.href) },
                value: Self.text(of: a.pointee.children)))
            attr = a.pointee.next
        }
        var text = ""
        var elements = 0
        var counted = node.pointee.children
        while let c = counted {
            if c.pointee.type == XML_ELEMENT_NODE { elements += 1 }
            counted = c.pointee.next
        }
        // Exactly as many places as children, as the stream builder gives (see `StreamBuilder.State.children`).
        element.children.reserveCapacity(elements)
        var child = node.pointee.children
        while let c = child {
            switch c.pointee.type {
            case XML_ELEMENT_NODE:
                element.children.append(convert(c, inherited: context))
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                if let content = c.pointee.content { text += String(cString: content) }
            default:
                break
            }
            child = c.pointee.next
        }
        element.text = text
        return element
    }

    /// The comments at document level before the root element, in order.
    static func comments(before root: xmlNodePtr, in doc: xmlDocPtr) -> [String] {
        var out: [String] = []
        var node = doc.pointee.children
        while let n = node, n != root {
            if n.pointee.type == XML_COMMENT_NODE, let content = n.pointee.content { out.append(String(cString: content)) }
            node = n.pointee.next
        }
        return out
    }

    /// Concatenates text children and skips entity references. Not xmlNodeListGetString(…, 1): that expands
    /// entities and allows a quadratic blow-up.
    static func text(of first: xmlNodePtr?) -> String {
        var out = ""
        var node = first
        while let n = node {
            if n.pointee.type == XML_TEXT_NODE || n.pointee.type == XML_CDATA_SECTION_NODE, let content = n.pointee.content {
                out += String(cString: content)
            }
            node = n.pointee.next
        }
        return out
    }
}

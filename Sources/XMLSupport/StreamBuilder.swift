internal import CLibXML2

/// Builds `XMLElementNode` values straight from libxml2's SAX2 events, so that a file never has a libxml2 tree at all
/// (a schema validates the same events as they pass): the parser's tree, its conversion and its release cost as much
/// as the parse itself, and the two trees together doubled the peak memory of a large table.
/// Used only where the parser stops at a DOCTYPE: without one there are no entities but the five predefined ones and
/// character references, which libxml2 hands over as text.
final class StreamBuilder {
    private struct Frame {
        var element: XMLElementNode
        /// Where this element's character data begins in `State.text`.
        var textStart: Int
        /// Where this element's children begin in `State.children`.
        var childStart: Int
    }

    private struct State {
        var stack: [Frame] = []
        /// The character data of every open element, innermost last: a child's is cut off when it ends, so a
        /// parent's chunks before and after a child join up. One buffer, instead of one per element.
        var text: [UInt8] = []
        /// The finished children of every open element, innermost last, in the same way: each element gets its
        /// children in one array of exactly their number when it ends, not one grown by doubling (a table row's
        /// five cells took eight places, and the regrowth copied every row of a large table several times).
        var children = ChildStack()
        var root: XMLElementNode?
        var leadingComments: [String] = []
        /// Names and namespace URIs by address: they live in the parser's dictionary until the parse ends, so each
        /// is converted once. Direct-mapped (a clash only converts again), as hashing each lookup cost as much.
        var names = [(UnsafePointer<xmlChar>?, String)](repeating: (nil, ""), count: StreamBuilder.nameSlots)
        var dictionary: xmlDictPtr?
    }

    private static let nameSlots = 512
    let file: String
    /// Keeps the root element alone (its name, namespace and attributes) and skips everything inside it, while the
    /// parser still reads the whole file for its errors.
    let rootOnly: Bool
    /// Elements open inside the root, in `rootOnly` mode.
    private var skippedDepth = 0
    /// Held through a pointer: the callbacks run once per element, and a class's own properties pay an exclusivity
    /// check on every access.
    private let state: UnsafeMutablePointer<State>

    init(file: String, rootOnly: Bool = false) {
        self.file = file
        self.rootOnly = rootOnly
        state = .allocate(capacity: 1)
        state.initialize(to: State())
    }

    deinit {
        state.pointee.children.release()
        state.deinitialize(count: 1)
        state.deallocate()
    }

    var root: XMLElementNode? { state.pointee.root }
    var leadingComments: [String] { state.pointee.leadingComments }

    private func name(_ pointer: UnsafePointer<xmlChar>?) -> String? {
        guard let pointer else { return nil }
        let slot = (Int(bitPattern: pointer) >> 3) & (Self.nameSlots - 1)
        if state.pointee.names[slot].0 == pointer { return state.pointee.names[slot].1 }
        let value = String(cString: pointer)
        // Only interned strings stay put for the whole parse; any other pointer may be reused for other text.
        if let dictionary = state.pointee.dictionary, xmlDictOwns(dictionary, pointer) == 1 {
            state.pointee.names[slot] = (pointer, value)
        }
        return value
    }

    func start(_ ctxt: xmlParserCtxtPtr, localname: UnsafePointer<xmlChar>?, uri: UnsafePointer<xmlChar>?,
               namespaceCount: Int, namespaces: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?,
               attributeCount: Int, attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?) {
        if state.pointee.dictionary == nil { state.pointee.dictionary = ctxt.pointee.dict }
        let depth = state.pointee.stack.count
        if rootOnly && depth > 0 {
            skippedDepth += 1
            return
        }
        let namespace = name(uri)
        let context: XMLElementNode.Context
        if depth > 0 && (namespaces == nil || namespaceCount == 0) {
            context = state.pointee.stack[depth - 1].element.sharedContext.with(namespace: namespace)
        } else {
            var scope = depth > 0 ? state.pointee.stack[depth - 1].element.namespacesInScope : [:]
            if let namespaces {
                for index in 0..<namespaceCount {
                    scope[name(namespaces[2 * index]) ?? ""] = namespaces[2 * index + 1].map { String(cString: $0) } ?? ""
                }
            }
            context = XMLElementNode.Context(namespace: namespace, namespacesInScope: scope, file: file)
        }
        // The same line the tree parser records: where the start tag ends, past 65535 too (BIG_LINES).
        let line = ctxt.pointee.input.map { Int($0.pointee.line) } ?? 0
        var element = XMLElementNode(name: name(localname) ?? "", context: context, line: line)
        if let attributes, attributeCount > 0 {
            element.attributes.reserveCapacity(attributeCount)
            for index in 0..<attributeCount {
                let base = 5 * index
                var value = ""
                if let begin = attributes[base + 3], let end = attributes[base + 4] {
                    value = String(decoding: UnsafeBufferPointer(start: begin, count: end - begin), as: UTF8.self)
                }
                element.attributes.append(XMLElementNode.Attribute(name: name(attributes[base]) ?? "",
                                                                   namespace: name(attributes[base + 2]),
                                                                   value: Self.ampersands(value)))
            }
        }
        state.pointee.stack.append(Frame(element: element, textStart: state.pointee.text.count,
                                         childStart: state.pointee.children.count))
    }

    /// Without entity substitution libxml2 passes an `&` of an attribute value (written `&amp;` or `&#38;`) on as
    /// `&#38;`, for the tree builder to decode; no other `&` can be in the value.
    private static func ampersands(_ value: String) -> String {
        value.utf8.contains(UInt8(ascii: "&")) ? value.replacing("&#38;", with: "&") : value
    }

    func end() {
        if skippedDepth > 0 {
            skippedDepth -= 1
            return
        }
        guard var frame = state.pointee.stack.popLast() else { return }
        let textStart = frame.textStart
        if state.pointee.text.count > textStart {
            frame.element.text = state.pointee.text.withUnsafeBufferPointer {
                String(decoding: UnsafeBufferPointer(rebasing: $0[textStart...]), as: UTF8.self)
            }
            state.pointee.text.removeSubrange(textStart...)
        }
        if state.pointee.children.count > frame.childStart {
            frame.element.children = state.pointee.children.take(from: frame.childStart)
        }
        if state.pointee.stack.isEmpty {
            state.pointee.root = frame.element
        } else {
            state.pointee.children.push(frame.element)
        }
    }

    func characters(_ bytes: UnsafePointer<xmlChar>?, _ count: Int) {
        guard let bytes, count > 0, !state.pointee.stack.isEmpty, !rootOnly else { return }
        state.pointee.text.append(contentsOf: UnsafeBufferPointer(start: bytes, count: count))
    }

    func comment(_ value: UnsafePointer<xmlChar>?) {
        guard state.pointee.stack.isEmpty, state.pointee.root == nil, let value else { return }
        state.pointee.leadingComments.append(String(cString: value))
    }
}

/// Elements in memory managed by hand, so that the children of an element move into its array as they are: copying
/// them out of an array and removing them retained and released every field of every element once more.
private struct ChildStack {
    private var base: UnsafeMutablePointer<XMLElementNode>
    private(set) var count = 0
    private var capacity = 64

    init() { base = .allocate(capacity: capacity) }

    mutating func push(_ element: XMLElementNode) {
        if count == capacity {
            let larger = UnsafeMutablePointer<XMLElementNode>.allocate(capacity: capacity * 2)
            larger.moveInitialize(from: base, count: count)
            base.deallocate()
            base = larger
            capacity *= 2
        }
        (base + count).initialize(to: element)
        count += 1
    }

    /// The elements from `start` on, moved out in order.
    mutating func take(from start: Int) -> [XMLElementNode] {
        let taken = count - start
        let source = base + start
        count = start
        return [XMLElementNode](unsafeUninitializedCapacity: taken) { buffer, initialized in
            if let target = buffer.baseAddress { target.moveInitialize(from: source, count: taken) }
            initialized = taken
        }
    }

    /// Frees what is left (only after a parse that stopped part-way).
    mutating func release() {
        base.deinitialize(count: count)
        base.deallocate()
        count = 0
    }
}

private func builder(_ ctx: UnsafeMutableRawPointer?) -> (xmlParserCtxtPtr, StreamBuilder)? {
    guard let ctx else { return nil }
    let ctxt = ctx.assumingMemoryBound(to: xmlParserCtxt.self)
    guard let collector = ctxt.pointee._private, let builder = DiagnosticCollector.from(collector).builder else { return nil }
    return (ctxt, builder)
}

let streamStartElement: startElementNsSAX2Func = { ctx, localname, _, uri, nbNamespaces, namespaces, nbAttributes, _, attributes in
    guard let (ctxt, builder) = builder(ctx) else { return }
    builder.start(ctxt, localname: localname, uri: uri, namespaceCount: Int(nbNamespaces), namespaces: namespaces,
                  attributeCount: Int(nbAttributes), attributes: attributes)
}

let streamEndElement: endElementNsSAX2Func = { ctx, _, _, _ in
    builder(ctx)?.1.end()
}

let streamCharacters: charactersSAXFunc = { ctx, bytes, count in
    builder(ctx)?.1.characters(bytes, Int(count))
}

let streamComment: commentSAXFunc = { ctx, value in
    builder(ctx)?.1.comment(value)
}

internal import CLibXML2
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads XML with hardened libxml2 options and returns a Swift tree; no C pointer escapes.
public struct XMLLoader: Sendable {
    public var schema: XMLSchema?
    /// Rule and answer files have no use for a DOCTYPE; refusing it closes every entity trick at once.
    public var rejectDoctype: Bool
    /// Larger files are refused before parsing: a parsed tree takes several times the file's size in memory.
    public var maxBytes: Int
    /// Set by `loadRoot`.
    private var rootOnly = false

    /// The default bound on a file's size: room for a full JMDN table, far below what memory allows.
    public static let defaultMaxBytes = 16 << 20

    public init(schema: XMLSchema? = nil, rejectDoctype: Bool = true, maxBytes: Int = XMLLoader.defaultMaxBytes) {
        self.schema = schema
        self.rejectDoctype = rejectDoctype
        self.maxBytes = maxBytes
    }

    /// `12.3 MB`, `800 KB`, for size messages.
    public static func size(_ bytes: Int) -> String {
        func tenths(_ unit: Int) -> String {
            let t = bytes * 10 / unit
            return t % 10 == 0 ? "\(t / 10)" : "\(t / 10).\(t % 10)"
        }
        if bytes >= 1 << 20 { return tenths(1 << 20) + " MB" }
        if bytes >= 1 << 10 { return tenths(1 << 10) + " KB" }
        return "\(bytes) bytes"
    }

    private func tooLarge(_ name: String, _ bytes: Int) -> XMLLoadError {
        .forbidden([XMLDiagnostic(file: name, line: 0, severity: .fatal,
                                  message: "the file is \(Self.size(bytes)), more than the \(Self.size(maxBytes)) limit for this kind of file")])
    }

    public func load(contentsOf path: String) throws(XMLLoadError) -> XMLElementNode {
        try loadDocument(contentsOf: path).root
    }

    /// The root and the comments before it (an answer file's header note, kept when the file is saved again).
    public func loadDocument(contentsOf path: String) throws(XMLLoadError) -> XMLParsedDocument {
        // libxml2 words a missing file as "failed to load external entity"; say what happened instead.
        if access(path, R_OK) != 0 {
            let reason = String(cString: strerror(errno))
            throw .malformed([XMLDiagnostic(file: path, line: 0, severity: .fatal, message: "cannot read the file: \(reason)")])
        }
        var info = stat()
        if stat(path, &info) == 0 {
            if (info.st_mode & S_IFMT) == S_IFDIR {
                throw .malformed([XMLDiagnostic(file: path, line: 0, severity: .fatal, message: "is a folder, expected a file")])
            }
            if Int(info.st_size) > maxBytes { throw tooLarge(path, Int(info.st_size)) }
        }
        return try parse(name: path) { ctxt in xmlCtxtReadFile(ctxt, path, nil, safeParseOptions) }
    }

    /// The root element alone, without its children or text (its name, namespace and attributes), for a caller
    /// that only needs to know what kind of file this is: nothing inside the root is kept, yet the whole file is
    /// read, so a file that is not well-formed fails as `load` would. Never validates (the schema is not used).
    public func loadRoot(contentsOf path: String) throws(XMLLoadError) -> XMLElementNode {
        var plain = self
        plain.schema = nil
        // A file that may declare entities goes through libxml2's tree builder, as `load` would read it.
        plain.rootOnly = rejectDoctype
        var root = try plain.loadDocument(contentsOf: path).root
        root.children = []
        root.text = ""
        return root
    }

    /// Parses bytes held in memory; `name` stands for the file in diagnostics.
    public func load(bytes: [UInt8], name: String) throws(XMLLoadError) -> XMLElementNode {
        try loadDocument(bytes: bytes, name: name).root
    }

    public func loadDocument(bytes: [UInt8], name: String) throws(XMLLoadError) -> XMLParsedDocument {
        if bytes.count > maxBytes { throw tooLarge(name, bytes.count) }
        return try bytes.withUnsafeBufferPointer { (buffer) throws(XMLLoadError) -> XMLParsedDocument in
            try parse(name: name) { ctxt in
                buffer.baseAddress.flatMap { base in
                    base.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
                        xmlCtxtReadMemory(ctxt, $0, Int32(clamping: buffer.count), name, nil, safeParseOptions)
                    }
                }
            }
        }
    }

    public func load(string: String, name: String) throws(XMLLoadError) -> XMLElementNode {
        try load(bytes: Array(string.utf8), name: name)
    }

    private func parse(name: String, read: (xmlParserCtxtPtr) -> xmlDocPtr?) throws(XMLLoadError) -> XMLParsedDocument {
        let result: Result<XMLParsedDocument, XMLLoadError> = libxml2Lock.withLock { _ in
            do throws(XMLLoadError) { return .success(try parseLocked(name: name, read: read)) } catch { return .failure(error) }
        }
        return try result.get()
    }

    /// `asTree`: through libxml2's tree whatever the file, for the messages of a file the streaming validator refused.
    private func parseLocked(name: String, read: (xmlParserCtxtPtr) -> xmlDocPtr?,
                             asTree: Bool = false) throws(XMLLoadError) -> XMLParsedDocument {
        _ = libxml2Initialized
        cxml_silence_generic_errors()
        guard let ctxt = xmlNewParserCtxt() else {
            throw .malformed([XMLDiagnostic(file: name, line: 0, severity: .fatal, message: "cannot create an XML parser")])
        }
        defer { xmlFreeParserCtxt(ctxt) }
        let collector = DiagnosticCollector(fallbackFile: name)
        return try withExtendedLifetime(collector) { () throws(XMLLoadError) -> XMLParsedDocument in
            ctxt.pointee._private = collector.opaque
            ctxt.pointee.sax.pointee.serror = collectParserError
            if rejectDoctype { ctxt.pointee.sax.pointee.internalSubset = refuseInternalSubset }
            // A file that may declare entities is left to libxml2's tree builder; every other file goes straight into
            // Swift values, validated on the way when it has a schema.
            let streaming = rejectDoctype && !asTree
            if streaming, let sax = ctxt.pointee.sax {
                collector.builder = StreamBuilder(file: name, rootOnly: rootOnly)
                sax.pointee.startElementNs = streamStartElement
                sax.pointee.endElementNs = streamEndElement
                sax.pointee.characters = streamCharacters
                sax.pointee.ignorableWhitespace = streamCharacters
                sax.pointee.cdataBlock = streamCharacters
                sax.pointee.comment = streamComment
            }
            // Reading errors (a missing file) bypass the parser context; so do the parser's own errors while a
            // validator is plugged in (its SAX handler has no error callback).
            xmlSetStructuredErrorFunc(collector.opaque, collectSchemaError)
            defer { xmlSetStructuredErrorFunc(nil, nil) }
            var valid = true
            let doc: xmlDocPtr?
            if streaming, let schema {
                guard let (parsed, validity) = schema.validatingStream(ctxt, collector: collector, { read(ctxt) }) else {
                    return try parseLocked(name: name, read: read, asTree: true)
                }
                doc = parsed
                valid = validity
            } else {
                doc = read(ctxt)
            }
            defer { if let doc { xmlFreeDoc(doc) } }
            if let line = collector.doctypeLine {
                throw .forbidden([XMLDiagnostic(file: name, line: line, severity: .fatal,
                                                message: "a DOCTYPE is not allowed in this file (entities and DTDs are refused for safety)")])
            }
            guard let doc, ctxt.pointee.wellFormed != 0 else {
                throw .malformed(Self.explain(collector.items, name: name))
            }
            if let builder = collector.builder {
                // Invalid files are rare and their messages are pinned: the tree's validator words and places them.
                if !valid { return try parseLocked(name: name, read: read, asTree: true) }
                guard let root = builder.root else {
                    throw .malformed([XMLDiagnostic(file: name, line: 1, severity: .fatal, message: "the document has no root element")])
                }
                return XMLParsedDocument(root: root, leadingComments: builder.leadingComments)
            }
            if let schema {
                let problems = schema.validate(doc, file: name)
                if !problems.isEmpty { throw .invalid(problems) }
            }
            guard let root = xmlDocGetRootElement(doc) else {
                throw .malformed([XMLDiagnostic(file: name, line: 1, severity: .fatal, message: "the document has no root element")])
            }
            var converter = TreeConverter(file: name)
            return XMLParsedDocument(root: converter.convert(root, inherited: nil), leadingComments: TreeConverter.comments(before: root, in: doc))
        }
    }

    /// Errors once each (libxml2 repeats some, such as an entity loop, for every reference), in plain words.
    private static func explain(_ items: [XMLDiagnostic], name: String) -> [XMLDiagnostic] {
        var seen: Set<String> = []
        let errors = items.filter { $0.severity != .warning && seen.insert("\($0.line):\($0.column):\($0.message)").inserted }
            .map(reworded)
        if !errors.isEmpty { return errors }
        if let io = items.first { return [XMLDiagnostic(file: name, line: 0, severity: .fatal, message: io.message)] }
        return [XMLDiagnostic(file: name, line: 0, severity: .fatal, message: "the file could not be read as XML")]
    }

    /// libxml2's "Excessive depth in document: 256 use XML_PARSE_HUGE option" names an option no user can set.
    private static func reworded(_ d: XMLDiagnostic) -> XMLDiagnostic {
        guard d.message.hasPrefix("Excessive depth in document:") else { return d }
        var out = d
        let limit = d.message.split(separator: " ").first { Int($0) != nil }.map(String.init) ?? "256"
        out.message = "elements are nested deeper than \(limit) levels, the limit for these files"
        return out
    }
}

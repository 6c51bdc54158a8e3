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

    public init(schema: XMLSchema? = nil, rejectDoctype: Bool = true) {
        self.schema = schema
        self.rejectDoctype = rejectDoctype
    }

    public func load(contentsOf path: String) throws(XMLLoadError) -> XMLElementNode {
        // libxml2 words a missing file as "failed to load external entity"; say what happened instead.
        if access(path, R_OK) != 0 {
            let reason = String(cString: strerror(errno))
            throw .malformed([XMLDiagnostic(file: path, line: 0, severity: .fatal, message: "cannot read the file: \(reason)")])
        }
        return try parse(name: path) { ctxt in xmlCtxtReadFile(ctxt, path, nil, safeParseOptions) }
    }

    /// Parses bytes held in memory; `name` stands for the file in diagnostics.
    public func load(bytes: [UInt8], name: String) throws(XMLLoadError) -> XMLElementNode {
        try bytes.withUnsafeBufferPointer { (buffer) throws(XMLLoadError) -> XMLElementNode in
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

    private func parse(name: String, read: (xmlParserCtxtPtr) -> xmlDocPtr?) throws(XMLLoadError) -> XMLElementNode {
        let result: Result<XMLElementNode, XMLLoadError> = libxml2Lock.withLock { _ in
            do throws(XMLLoadError) { return .success(try parseLocked(name: name, read: read)) } catch { return .failure(error) }
        }
        return try result.get()
    }

    private func parseLocked(name: String, read: (xmlParserCtxtPtr) -> xmlDocPtr?) throws(XMLLoadError) -> XMLElementNode {
        _ = libxml2Initialized
        cxml_silence_generic_errors()
        guard let ctxt = xmlNewParserCtxt() else {
            throw .malformed([XMLDiagnostic(file: name, line: 0, severity: .fatal, message: "cannot create an XML parser")])
        }
        defer { xmlFreeParserCtxt(ctxt) }
        let collector = DiagnosticCollector(fallbackFile: name)
        return try withExtendedLifetime(collector) { () throws(XMLLoadError) -> XMLElementNode in
            ctxt.pointee._private = collector.opaque
            ctxt.pointee.sax.pointee.serror = collectParserError
            // Reading errors (a missing file) bypass the parser context.
            xmlSetStructuredErrorFunc(collector.opaque, collectSchemaError)
            defer { xmlSetStructuredErrorFunc(nil, nil) }
            let doc = read(ctxt)
            defer { if let doc { xmlFreeDoc(doc) } }
            guard let doc, ctxt.pointee.wellFormed != 0 else {
                throw .malformed(Self.explain(collector.items, name: name))
            }
            if rejectDoctype, let dtd = doc.pointee.intSubset {
                throw .forbidden([XMLDiagnostic(
                    file: name, line: Int(xmlGetLineNo(UnsafeMutableRawPointer(dtd).assumingMemoryBound(to: xmlNode.self))),
                    severity: .fatal, message: "a DOCTYPE is not allowed in this file (entities and DTDs are refused for safety)")])
            }
            if let schema {
                let problems = schema.validate(doc, file: name)
                if !problems.isEmpty { throw .invalid(problems) }
            }
            guard let root = xmlDocGetRootElement(doc) else {
                throw .malformed([XMLDiagnostic(file: name, line: 1, severity: .fatal, message: "the document has no root element")])
            }
            var converter = TreeConverter(file: name)
            return converter.convert(root, inherited: [:])
        }
    }

    private static func explain(_ items: [XMLDiagnostic], name: String) -> [XMLDiagnostic] {
        let errors = items.filter { $0.severity != .warning }
        if !errors.isEmpty { return errors }
        if let io = items.first { return [XMLDiagnostic(file: name, line: 0, severity: .fatal, message: io.message)] }
        return [XMLDiagnostic(file: name, line: 0, severity: .fatal, message: "the file could not be read as XML")]
    }
}

internal import CLibXML2

/// Reads HTML with libxml2's HTML parser (no network) and returns a Swift tree, for checking generated reports.
public struct HTMLLoader: Sendable {
    public init() {}

    /// The tree of `html`; throws `.malformed` with every parser error. libxml2's parser knows HTML 4 only, so
    /// "Tag … invalid" for HTML 5 and SVG element names is not an error here.
    public func load(string html: String, name: String) throws(XMLLoadError) -> XMLElementNode {
        let bytes = Array(html.utf8)
        let result: Result<XMLElementNode, XMLLoadError> = libxml2Lock.withLock { _ in
            _ = libxml2Initialized
            cxml_silence_generic_errors()
            let collector = DiagnosticCollector(fallbackFile: name)
            return withExtendedLifetime(collector) { () -> Result<XMLElementNode, XMLLoadError> in
                xmlSetStructuredErrorFunc(collector.opaque, collectSchemaError)
                defer { xmlSetStructuredErrorFunc(nil, nil) }
                let options = Int32(HTML_PARSE_NONET.rawValue)
                let doc = bytes.withUnsafeBufferPointer { buffer in
                    buffer.baseAddress.flatMap { base in
                        base.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
                            htmlReadMemory($0, Int32(clamping: buffer.count), name, "UTF-8", options)
                        }
                    }
                }
                defer { if let doc { xmlFreeDoc(doc) } }
                let errors = collector.items.filter { !Self.isUnknownTag($0.message) }
                guard let doc, errors.isEmpty, let root = xmlDocGetRootElement(doc) else {
                    return .failure(.malformed(errors.isEmpty
                        ? [XMLDiagnostic(file: name, line: 0, severity: .fatal, message: "the document could not be read as HTML")]
                        : errors))
                }
                var converter = TreeConverter(file: name)
                return .success(converter.convert(root, inherited: nil))
            }
        }
        return try result.get()
    }

    static func isUnknownTag(_ message: String) -> Bool {
        message.hasPrefix("Tag ") && message.hasSuffix(" invalid")
    }
}

internal import CLibXML2

/// A compiled XSD. Compile once, validate many documents; each validation gets its own context.
/// Shared across tasks: libxml2 (built thread-enabled) only reads a compiled schema while validating.
public final class XMLSchema: @unchecked Sendable {
    private let raw: xmlSchemaPtr
    public let path: String

    public init(contentsOf path: String) throws(XMLLoadError) {
        let compiled: Result<xmlSchemaPtr, XMLLoadError> = libxml2Lock.withLock { _ in
            do throws(XMLLoadError) { return .success(try Self.compile(path)) } catch { return .failure(error) }
        }
        self.path = path
        raw = try compiled.get()
    }

    private static func compile(_ path: String) throws(XMLLoadError) -> xmlSchemaPtr {
        _ = libxml2Initialized
        guard let pctxt = xmlSchemaNewParserCtxt(path) else {
            throw .badSchema([XMLDiagnostic(file: path, line: 0, message: "cannot create a schema parser")])
        }
        defer { xmlSchemaFreeParserCtxt(pctxt) }
        let collector = DiagnosticCollector(fallbackFile: path)
        let schema: xmlSchemaPtr? = withExtendedLifetime(collector) {
            xmlSchemaSetParserStructuredErrors(pctxt, collectSchemaError, collector.opaque)
            // Errors from reading the XSD file itself go to the thread's global handler.
            xmlSetStructuredErrorFunc(collector.opaque, collectSchemaError)
            defer { xmlSetStructuredErrorFunc(nil, nil) }
            return xmlSchemaParse(pctxt)
        }
        guard let schema else {
            let found = collector.items.isEmpty
                ? [XMLDiagnostic(file: path, line: 0, message: "the schema could not be compiled")]
                : collector.items
            throw .badSchema(found)
        }
        return schema
    }

    deinit {
        let schema = raw
        libxml2Lock.withLock { _ in xmlSchemaFree(schema) }
    }

    /// Runs `parse` with this schema's validator plugged into `ctxt`'s SAX events, so that the document is validated
    /// while it is read and no libxml2 tree is needed; false for valid when the validator found an error. Nil when
    /// the validator could not be set up (the caller reads the file as a tree instead).
    /// The messages themselves are not kept: streaming, libxml2 places each one where the parser stands (an end tag,
    /// a later line for a reference), not at its element's own line as the tree's validator does.
    func validatingStream<T>(_ ctxt: xmlParserCtxtPtr, collector: DiagnosticCollector, _ parse: () -> T) -> (result: T, valid: Bool)? {
        guard let vctxt = xmlSchemaNewValidCtxt(raw) else { return nil }
        defer { xmlSchemaFreeValidCtxt(vctxt) }
        xmlSchemaSetValidStructuredErrors(vctxt, flagValidityError, collector.opaque)
        guard let plug = cxml_schema_sax_plug(vctxt, ctxt) else { return nil }
        // libxml2 2.9's splitter hands an entity reference to the validator with the parser's context in place of its
        // own; a file that refuses DOCTYPEs has no entity to refer to, and this keeps it so.
        ctxt.pointee.sax?.pointee.reference = nil
        let result = parse()
        // Read before unplugging: unplugging clears the validation context.
        let valid = xmlSchemaIsValid(vctxt) == 1 && !collector.foundInvalid
        xmlSchemaSAXUnplug(plug)
        return (result, valid)
    }

    func validate(_ doc: xmlDocPtr, file: String) -> [XMLDiagnostic] {
        guard let vctxt = xmlSchemaNewValidCtxt(raw) else {
            return [XMLDiagnostic(file: file, line: 0, message: "cannot create a schema validation context")]
        }
        defer { xmlSchemaFreeValidCtxt(vctxt) }
        let collector = DiagnosticCollector(fallbackFile: file)
        return withExtendedLifetime(collector) {
            xmlSchemaSetValidStructuredErrors(vctxt, collectSchemaError, collector.opaque)
            let status = xmlSchemaValidateDoc(vctxt, doc)
            if status != 0 && collector.items.isEmpty {
                return [XMLDiagnostic(file: file, line: 0, message: "schema validation failed (code \(status))")]
            }
            return collector.items.filter { $0.severity != .warning }
        }
    }
}

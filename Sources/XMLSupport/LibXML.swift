internal import CLibXML2
import Synchronization

/// One libxml2 call at a time. The Debian build is thread-enabled, but parallel schema compilation and
/// parsing crashed intermittently under the parallel test runner; rule files are small, so serialising
/// costs nothing noticeable and removes the risk.
let libxml2Lock = Mutex(())

/// libxml2 asks for one initialisation before threads use it; Swift runs this lazily and once.
let libxml2Initialized: Void = { xmlInitParser() }()

/// NONET: never touch the network. BIG_LINES: exact line numbers past 65535. COMPACT was tried and left out: no
/// measurable gain, and the parsed tree is handed to the schema validator.
/// Left out on purpose: NOENT (entity substitution: XXE, billion laughs), DTDLOAD, DTDATTR, DTDVALID,
/// XINCLUDE, HUGE (keeps libxml2's depth and amplification limits) and RECOVER (no silent repairs).
let safeParseOptions = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_BIG_LINES.rawValue)

/// Collects diagnostics for one synchronous libxml2 call. Its address travels through C as `void *`.
final class DiagnosticCollector {
    var items: [XMLDiagnostic] = []
    let fallbackFile: String
    /// Where a DOCTYPE began, when the parser met one in a file that refuses them.
    var doctypeLine: Int?
    /// Receives the elements when the file is read without building libxml2's tree.
    var builder: StreamBuilder?
    /// Set when a validator plugged into the parser's events found an error.
    var foundInvalid = false

    init(fallbackFile: String) { self.fallbackFile = fallbackFile }

    var opaque: UnsafeMutableRawPointer { Unmanaged.passUnretained(self).toOpaque() }

    static func from(_ pointer: UnsafeMutableRawPointer) -> DiagnosticCollector {
        Unmanaged<DiagnosticCollector>.fromOpaque(pointer).takeUnretainedValue()
    }

    /// Copies everything at once: libxml2 reuses the error's storage.
    func append(_ error: xmlError) {
        let file = error.file.map { String(cString: $0) } ?? fallbackFile
        var message = error.message.map { String(cString: $0) } ?? "unknown XML error"
        while message.last?.isNewline == true { message.removeLast() }
        let severity: XMLDiagnostic.Severity
        switch error.level {
        case XML_ERR_WARNING: severity = .warning
        case XML_ERR_FATAL: severity = .fatal
        default: severity = .error
        }
        items.append(XMLDiagnostic(file: file, line: Int(error.line), column: Int(error.int2),
                                   severity: severity, message: message))
    }
}

/// Parser errors arrive with the parser context as user data; the collector sits in `_private`.
let collectParserError: xmlStructuredErrorFunc = { userData, error in
    guard let userData, let error else { return }
    let ctxt = userData.assumingMemoryBound(to: xmlParserCtxt.self)
    guard let collector = ctxt.pointee._private else { return }
    DiagnosticCollector.from(collector).append(error.pointee)
}

/// Schema and global-handler errors carry the collector itself as user data.
let collectSchemaError: xmlStructuredErrorFunc = { userData, error in
    guard let userData, let error else { return }
    DiagnosticCollector.from(userData).append(error.pointee)
}

/// Errors of a validator that runs while the file streams only mark the file invalid (see `XMLSchema.validatingStream`).
let flagValidityError: xmlStructuredErrorFunc = { userData, error in
    guard let userData, let error, error.pointee.level != XML_ERR_WARNING else { return }
    DiagnosticCollector.from(userData).foundInvalid = true
}

/// Called when the parser reaches a DOCTYPE in a file that refuses them: records the line and stops at once, so
/// no entity is ever declared or expanded and the file is reported once, at the right line.
let refuseInternalSubset: internalSubsetSAXFunc = { userData, _, _, _ in
    guard let userData else { return }
    let ctxt = userData.assumingMemoryBound(to: xmlParserCtxt.self)
    if let collector = ctxt.pointee._private {
        DiagnosticCollector.from(collector).doctypeLine = ctxt.pointee.input.map { Int($0.pointee.line) } ?? 0
    }
    xmlStopParser(ctxt)
}

import FuzzSupport
import DecisionModel

/// First line: a unary-test cell; second line: a value in FEEL literal syntax (an answer). The cell must parse or
/// fail cleanly and test the value; a literal that parses must read back the same from its own rendering.
@_cdecl("FuzzUnaryTests_main")
public func entry(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var count = argc
    var arguments = argv
    return LLVMFuzzerRunDriver(&count, &arguments) { data, size in fuzz(data, size) }
}

func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data else { return 0 }
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    let parts = text.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
    let literal = parts.count > 1 ? try? FEELLiteralParser.parse(parts[1]) : nil
    if let literal {
        let again = try? FEELLiteralParser.parse(literal.description)
        if again != literal { fatalError("literal does not round-trip: \(literal.description.debugDescription)") }
    }
    if let tests = try? FEELUnaryTests(parts[0]) {
        _ = tests.test(literal ?? .null, scope: FEELScope())
    }
    return 0
}

import FuzzSupport
import DecisionModel

/// A FEEL expression from arbitrary text: parsing ends in a tree or a located error, evaluation in a value
/// (libFuzzer's -timeout is the time budget per input).
@_cdecl("FuzzFEEL_main")
public func entry(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var count = argc
    var arguments = argv
    return LLVMFuzzerRunDriver(&count, &arguments) { data, size in fuzz(data, size) }
}

func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data else { return 0 }
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    guard let expression = try? FEELExpression(text) else { return 0 }
    _ = expression.evaluate(FEELScope())
    return 0
}

import FuzzSupport
import DecisionModel

/// A DMN file from arbitrary bytes: loading must end in a model or a located error, and evaluating the model with
/// every input null must end (libFuzzer's -timeout is the time budget).
@_cdecl("FuzzDMN_main")
public func entry(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var count = argc
    var arguments = argv
    return LLVMFuzzerRunDriver(&count, &arguments) { data, size in fuzz(data, size) }
}

func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data else { return 0 }
    let loader = DMNLoader()
    guard let root = try? loader.xmlLoader.load(bytes: Array(UnsafeBufferPointer(start: data, count: size)), name: "fuzz.dmn"),
          let model = try? loader.build(roots: [root], files: ["fuzz.dmn"]) else { return 0 }
    _ = DMNEvaluator(model: model).evaluate([:])
    return 0
}

import FuzzSupport
import Advisor
import DecisionModel
import Foundation

/// The bundled rules, read once (YAKUJI_RULES, else the repository's Rules folder).
let rules: RuleSet = {
    let path = ProcessInfo.processInfo.environment["YAKUJI_RULES"]
        ?? URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../../Rules").standardizedFileURL.path
    do { return try RuleSet.load(directory: path) } catch { fatalError("cannot load the rules at \(path): \(error)") }
}()

/// An answer file from arbitrary bytes: it loads or fails with located errors; what loads is saved (through
/// libxml2) and must load back equal.
@_cdecl("FuzzAnswers_main")
public func entry(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var count = argc
    var arguments = argv
    _ = rules   // loaded before the driver starts timing inputs
    return LLVMFuzzerRunDriver(&count, &arguments) { data, size in fuzz(data, size) }
}

func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data else { return 0 }
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    guard let answers = try? AnswersFile.load(bytes: bytes, name: "fuzz.xml", rules: rules) else { return 0 }
    let written: [UInt8]
    do { written = try AnswersFile.render(answers) } catch { fatalError("loaded answers cannot be written: \(error)") }
    do {
        let again = try AnswersFile.load(bytes: written, name: "again.xml", rules: rules)
        if again != answers { fatalError("answers change when saved and read back:\n\(String(decoding: written, as: UTF8.self))") }
    } catch {
        fatalError("saved answers do not read back: \(error)\n\(String(decoding: written, as: UTF8.self))")
    }
    _ = Assessor(rules: rules).assess(answers, asOf: "2026-12-03", exploreAlternatives: false)
    return 0
}

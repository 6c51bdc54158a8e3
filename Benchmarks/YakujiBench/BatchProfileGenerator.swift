import Advisor
import DecisionModel
import Foundation

/// Writes a CSV batch (`yakuji assess --batch`) of `count` profiles made from the sample answer files, in turn,
/// so that a batch of any size has the samples' mix of routes and of questions left unanswered.
struct BatchProfileGenerator {
    let rules: RuleSet
    let samplesDirectory: String

    func write(count: Int, to destination: String) throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: samplesDirectory).filter { $0.hasSuffix(".xml") }.sorted()
        let samples = try names.map { try AnswersFile.load((samplesDirectory as NSString).appendingPathComponent($0), rules: rules) }
        var columns: [String] = []
        for sample in samples { for name in sample.order where !columns.contains(name) { columns.append(name) } }
        var csv = (["id", "device"] + columns).joined(separator: ",") + "\n"
        for i in 0..<count {
            let sample = samples[i % samples.count]
            let cells = columns.map { name -> String in
                switch sample[name] {
                case .value(let v)?: Self.quoted(v.bareText)
                case .unknown?: "?"
                case nil: ""
                }
            }
            csv += (["p\(i)", Self.quoted(sample.device ?? "")] + cells).joined(separator: ",") + "\n"
        }
        try csv.write(toFile: destination, atomically: true, encoding: .utf8)
    }

    static func quoted(_ text: String) -> String {
        text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" })
            ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text
    }
}

import Advisor
import DecisionModel
import Foundation

/// Writes a CSV batch (`yakuji assess --batch`) of `count` distinct profiles made from the sample answer files
/// (`ProfileGenerator`), and says what it holds.
struct BatchProfileGenerator {
    let rules: RuleSet
    let samplesDirectory: String

    @discardableResult
    func write(count: Int, to destination: String) throws -> ProfileGenerator.Summary {
        let names = try FileManager.default.contentsOfDirectory(atPath: samplesDirectory).filter { $0.hasSuffix(".xml") }.sorted()
        let samples = try names.map { try AnswersFile.load((samplesDirectory as NSString).appendingPathComponent($0), rules: rules) }
        let (header, rows, summary) = ProfileGenerator(rules: rules, samples: samples).profiles(count: count)
        var csv = header.joined(separator: ",") + "\n"
        for row in rows { csv += row.map(Self.quoted).joined(separator: ",") + "\n" }
        try csv.write(toFile: destination, atomically: true, encoding: .utf8)
        return summary
    }

    static func quoted(_ text: String) -> String {
        text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" })
            ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text
    }
}

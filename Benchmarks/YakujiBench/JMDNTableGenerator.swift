import Foundation

/// Writes a copy of a rules folder whose JMDN table (`jmdn.dmn`) has exactly `rows` rows, to measure how the
/// rule tools scale towards the full nomenclature (about 4,500 generic names).
///
/// The rows are the bundled rows, in order, repeated as needed; a repeated row gets a new 8-digit code starting
/// with 9 (no real JMDN code does) so that the table stays a UNIQUE lookup by code, like the real one.
struct JMDNTableGenerator {
    let rulesDirectory: String

    enum Failure: Error, CustomStringConvertible {
        case unexpectedLayout(String)
        var description: String {
            switch self { case .unexpectedLayout(let file): "\(file): no <rule> rows found" }
        }
    }

    func write(rows: Int, to destination: String) throws {
        let fm = FileManager.default
        if fm.fileExists(atPath: destination) { try fm.removeItem(atPath: destination) }
        try fm.copyItem(atPath: rulesDirectory, toPath: destination)
        let file = (destination as NSString).appendingPathComponent("jmdn.dmn")
        try table(rows: rows, from: try String(contentsOfFile: file, encoding: .utf8), file: file)
            .write(toFile: file, atomically: true, encoding: .utf8)
    }

    func table(rows: Int, from text: String, file: String) throws -> String {
        guard let first = text.range(of: "<rule "), let last = text.range(of: "</rule>", options: .backwards) else {
            throw Failure.unexpectedLayout(file)
        }
        // Keep the indentation of the first row so the file reads like the real one.
        let lineStart = text[..<first.lowerBound].lastIndex(of: "\n").map { text.index(after: $0) } ?? first.lowerBound
        let head = text[..<lineStart]
        let tail = text[last.upperBound...]
        let blocks = text[lineStart..<last.upperBound].components(separatedBy: "</rule>")
            .map { $0.trimmingCharacters(in: .newlines) }.filter { !$0.isEmpty }.map { $0 + "</rule>" }
        var out = String(head)
        out.reserveCapacity(text.utf8.count * (rows / max(blocks.count, 1) + 1))
        for i in 0..<rows {
            let block = blocks[i % blocks.count]
            if i < blocks.count {
                out += block
            } else {
                let code = String(format: "9%07d", i)
                out += Self.recoded(block, to: code)
            }
            out += "\n"
        }
        out += tail.drop { $0 == "\n" }
        return out
    }

    /// The row with its code (in the rule id and the input entry) replaced.
    static func recoded(_ block: String, to code: String) -> String {
        guard let idStart = block.range(of: "<rule id=\"jmdn_"),
              let entry = block.range(of: "<inputEntry><text>\"") else { return block }
        var text = block
        let entryCode = text.index(entry.upperBound, offsetBy: 8)
        text.replaceSubrange(entry.upperBound..<entryCode, with: code)
        let idCode = text.index(idStart.upperBound, offsetBy: 8)
        text.replaceSubrange(idStart.upperBound..<idCode, with: code)
        return text
    }
}

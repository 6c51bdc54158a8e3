import DecisionModel
import Foundation
import Synchronization

/// One profile of a batch: where it comes from, and its answers or why they could not be read.
public struct BatchProfile: Sendable {
    /// The answer file's name without `.xml`, or the CSV row's `id` column (its line number when there is none).
    public var id: String
    /// The answer file, or the CSV file.
    public var file: String
    /// The CSV line the profile starts on; nil for an answer file.
    public var row: Int?
    /// Read on a worker, so that a directory of answer files is parsed and validated in parallel.
    let read: @Sendable (RuleSet) throws(AdvisorError) -> Answers
    /// For a CSV row: its cells, the id left empty. Rows with equal cells read as equal answers, so a batch
    /// assesses each distinct row once.
    var cells: [String]? = nil
}

/// The profiles of `yakuji assess --batch DIR_OR_CSV`.
///
/// A directory: every `*.xml` answer file in it (not its subfolders), in name order.
/// A CSV file: a header row naming the columns, then one profile per row. The columns are input names
/// (any order, any subset); `id` and `device` are optional columns for the profile's name and label.
/// Cells are written as in an answer file (`true`, `2025-04-01`, `hardware`); an empty cell or `?` means "unknown".
public enum BatchProfiles {
    /// Every profile at once.
    public static func load(_ path: String, rules: RuleSet) throws(AdvisorError) -> [BatchProfile] {
        let source = try open(path, rules: rules)
        return source.next(source.count)
    }

    /// The profiles to be read a chunk at a time: a CSV's rows are parsed as the batch reaches them.
    public static func open(_ path: String, rules: RuleSet) throws(AdvisorError) -> BatchSource {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw AdvisorError(file: path, "no such file or folder")
        }
        return isDirectory.boolValue ? BatchSource(try directory(path)) : try csv(path, rules: rules)
    }

    static func directory(_ path: String) throws(AdvisorError) -> [BatchProfile] {
        let names: [String]
        do { names = try FileManager.default.contentsOfDirectory(atPath: path) } catch {
            throw AdvisorError(file: path, "cannot list the folder: \(error.localizedDescription)")
        }
        return names.filter { $0.hasSuffix(".xml") }.sorted().map { name in
            let file = (path as NSString).appendingPathComponent(name)
            return BatchProfile(id: String(name.dropLast(4)), file: file, row: nil) { rules throws(AdvisorError) in
                try AnswersFile.load(file, rules: rules)
            }
        }
    }

    static func csv(_ path: String, rules: RuleSet) throws(AdvisorError) -> BatchSource {
        let text: String
        do { text = try String(contentsOfFile: path, encoding: .utf8) } catch {
            throw AdvisorError(file: path, "cannot read the CSV file (UTF-8 expected): \(error.localizedDescription)")
        }
        var rows = CSV.Reader(text)
        guard let header = rows.next() else { throw AdvisorError(file: path, line: 1, "empty CSV file: expected a header row of input names") }
        let columns = header.fields.map { $0.trimmingCharacters(in: .whitespaces) }
        try checkHeader(columns, file: path, line: header.line, rules: rules)
        let idColumn = columns.firstIndex(of: "id")
        let read = ReadCells()
        return BatchSource(count: rows.count()) { size in
            var part: [BatchProfile] = []
            part.reserveCapacity(size)
            while part.count < size, let row = rows.next() {
                let id = idColumn.flatMap { $0 < row.fields.count ? row.fields[$0] : nil }.flatMap { $0.isEmpty ? nil : $0 }
                var profile = BatchProfile(id: id ?? String(row.line), file: path, row: row.line) { rules throws(AdvisorError) in
                    try answers(row, columns: columns, file: path, rules: rules, read: read)
                }
                if row.fields.count == columns.count {
                    var cells = row.fields
                    if let idColumn { cells[idColumn] = "" }
                    profile.cells = cells
                }
                part.append(profile)
            }
            return part
        }
    }

    /// A bad header spoils every row, so it stops the batch before it starts.
    static func checkHeader(_ columns: [String], file: String, line: Int, rules: RuleSet) throws(AdvisorError) {
        var seen: Set<String> = []
        var problems: [DMNProblem] = []
        for (i, name) in columns.enumerated() {
            if !seen.insert(name).inserted {
                problems.append(DMNProblem(file: file, line: line, message: "column \(i + 1) '\(name)' appears twice"))
            } else if name != "id" && name != "device" && rules.model.input(named: name) == nil {
                problems.append(DMNProblem(file: file, line: line, message: "column \(i + 1) '\(name)' is not an input name "
                    + "(expected id, device or one of: \(rules.model.inputs.map(\.name).sorted().joined(separator: ", ")))"))
            }
        }
        if !problems.isEmpty { throw AdvisorError(problems) }
    }

    static func answers(_ row: CSV.Row, columns: [String], file: String, rules: RuleSet,
                        read: ReadCells = ReadCells()) throws(AdvisorError) -> Answers {
        guard row.fields.count == columns.count else {
            throw AdvisorError(file: file, line: row.line, "\(row.fields.count) fields where the header has \(columns.count)")
        }
        var answers = Answers()
        answers.reserveCapacity(columns.count)
        var problems: [DMNProblem] = []
        for (name, field) in zip(columns, row.fields) {
            let text = Self.trimmed(field)
            switch name {
            case "id": continue
            case "device": answers.device = text.isEmpty ? nil : text
            default:
                if text.isEmpty || text == "?" {
                    answers[name] = .unknown
                    continue
                }
                if let known = read.answer(name, text) {
                    answers[name] = known
                    continue
                }
                do {
                    let answer = try AnswersFile.parse(name: name, text: text, unknown: false, rules: rules)
                    read.remember(name, text, answer)
                    answers[name] = answer
                } catch {
                    problems.append(DMNProblem(file: file, line: row.line, message: "column '\(name)': \(error)"))
                }
            }
        }
        if !problems.isEmpty { throw AdvisorError(problems) }
        return answers
    }

    /// The cell without surrounding whitespace; an empty cell, or one that starts and ends with visible ASCII
    /// (nearly every other), is kept as it is without asking Foundation.
    static func trimmed(_ field: String) -> String {
        if field.isEmpty { return field }
        guard let first = field.utf8.first, let last = field.utf8.last,
              (0x21...0x7E).contains(first), (0x21...0x7E).contains(last) else {
            return field.trimmingCharacters(in: .whitespaces)
        }
        return field
    }
}

/// The profiles of a batch, handed out a chunk at a time (on the thread that runs the batch).
public final class BatchSource {
    /// How many profiles there are in all.
    public let count: Int
    private let chunk: (Int) -> [BatchProfile]

    init(count: Int, chunk: @escaping (Int) -> [BatchProfile]) {
        self.count = count
        self.chunk = chunk
    }

    /// Profiles already read.
    public convenience init(_ profiles: [BatchProfile]) {
        var start = 0
        self.init(count: profiles.count) { size in
            let part = Array(profiles[start..<min(start + size, profiles.count)])
            start += part.count
            return part
        }
    }

    /// The next `size` profiles (fewer at the end; none when all have been handed out).
    public func next(_ size: Int) -> [BatchProfile] { chunk(size) }
}

/// The answers a batch's CSV cells read as, by column and text: a batch of thousands of rows spells the same few
/// values again and again, and reading one checks it against the input's type and allowed values. A column of free
/// numbers or dates spells new texts row after row: past `limit` texts, a column's new ones are read each time and not
/// kept, so the memo stays bounded however long the file.
final class ReadCells: Sendable {
    private let answers = Mutex<[String: [String: Answers.Answer]]>([:])
    let limit: Int

    init(limit: Int = 4_096) { self.limit = limit }

    func answer(_ name: String, _ text: String) -> Answers.Answer? { answers.withLock { $0[name]?[text] } }

    func remember(_ name: String, _ text: String, _ answer: Answers.Answer) {
        answers.withLock { all in
            if all[name, default: [:]].count < limit { all[name, default: [:]][text] = answer }
        }
    }

    /// How many texts are kept for the column.
    func kept(_ name: String) -> Int { answers.withLock { $0[name]?.count ?? 0 } }
}

import DecisionModel
import Foundation
import XMLSupport

/// What is at the path a session will save its answers to, checked before the first question so that no answer
/// is typed in vain and no file is replaced by surprise.
public enum SaveTarget: Sendable {
    /// Nothing there yet, and the folder takes new files.
    case vacant
    /// A Yakuji answer file; its answers when these rules can read them, else why not.
    case answers(Answers?, problem: String?)
    /// Some other file, which only `--force` may replace.
    case foreign

    public static func inspect(_ path: String, rules: RuleSet) throws(AdvisorError) -> SaveTarget {
        let target = AtomicFile.target(of: path)
        let folder = URL(fileURLWithPath: target).deletingLastPathComponent().path
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder), isFolder.boolValue else {
            throw AdvisorError(file: path, "cannot save answers here: the folder \(folder) does not exist")
        }
        guard access(folder, W_OK | X_OK) == 0 else {
            throw AdvisorError(file: path, "cannot save answers here: the folder \(folder) is not writable (\(String(cString: strerror(errno))))")
        }
        guard FileManager.default.fileExists(atPath: target, isDirectory: &isFolder) else { return .vacant }
        if isFolder.boolValue { throw AdvisorError(file: path, "is a folder; --save needs a file name") }
        guard access(target, W_OK) == 0 else {
            throw AdvisorError(file: path, "cannot save answers here: the file is read-only (\(String(cString: strerror(errno))))")
        }
        guard let root = try? XMLLoader(maxBytes: InputLimits.defaultMaxAnswerFileBytes).load(contentsOf: target),
              root.name == "answers", root.namespace == AnswersFile.namespace else { return .foreign }
        do {
            return .answers(try AnswersFile.load(target, rules: rules), problem: nil)
        } catch {
            return .answers(nil, problem: error.problems.first?.description)
        }
    }

    /// Whether two paths name the same file (after links).
    static func same(_ a: String, _ b: String) -> Bool {
        guard let ra = realpath(a, nil), let rb = realpath(b, nil) else { return a == b }
        defer { free(ra); free(rb) }
        return strcmp(ra, rb) == 0
    }
}

extension InteractiveSession {
    /// Before the first question: makes sure saving loses nothing. A missing or read-only folder is an error; a
    /// file that is not an answer file needs `force`; an existing answer file (other than the one being resumed)
    /// is offered for resuming, or the session saves elsewhere, or stops. Returns the answers to start from, or
    /// nil when the user stops (nothing was written).
    public mutating func prepareSave(start: Answers, resumingFrom answersPath: String?, force: Bool) throws(AdvisorError) -> Answers? {
        while let path = savePath {
            AtomicFile.removeStaleTemporaries(for: path)
            let found = try SaveTarget.inspect(path, rules: rules)
            switch found {
            case .vacant:
                return start
            case .foreign:
                if force { return start }
                throw AdvisorError(file: path, UIStrings.format(.notAnAnswersFile, language))
            case .answers(let existing, let problem):
                if force || answersPath.map({ SaveTarget.same($0, path) }) == true { return start }
                let canResume = existing != nil && answersPath == nil
                if let existing {
                    console.write(UIStrings.format(.existingAnswers, language, path, String(existing.order.count),
                                                   existing.device.map { excerpt($0, limit: 60) } ?? "-") + "\n")
                } else {
                    console.write(UIStrings.format(.existingUnreadable, language, path, problem ?? "") + "\n")
                }
                console.write((canResume ? t(.saveChoicesResume) : t(.saveChoices)) + "\n")
                switch console.readLine(prompt: "> ")?.trimmingWhitespace().lowercased() {
                case "1"? where canResume, "r"? where canResume, "resume"? where canResume, "再開"? where canResume:
                    var resumed = existing ?? Answers()
                    resumed.merge(start)
                    return resumed
                case "2"?, "a"?, "another"?, "別":
                    guard let other = console.readLine(prompt: t(.askSavePath))?.trimmingWhitespace(), !other.isEmpty else {
                        console.write(UIStrings.format(.notSaved, language, path) + "\n")
                        return nil
                    }
                    savePath = other
                default:
                    console.write(UIStrings.format(.notSaved, language, path) + "\n")
                    return nil
                }
            }
        }
        return start
    }
}

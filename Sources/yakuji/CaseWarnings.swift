import Advisor

extension CaseLibrary {
    /// Says on stderr that some worked cases were left out, so a trainer knows why a case is missing.
    func warnAboutUnreadableFiles() {
        guard let first = problems.first else { return }
        Terminal.warning("\(problems.count) problem(s) reading the scenario files; their cases are left out (yakuji rules check): \(first)")
    }
}

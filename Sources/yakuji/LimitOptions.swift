import Advisor
import ArgumentParser

/// The input bounds of `InputLimits`, each raisable from the command line.
struct LimitOptions: ParsableArguments {
    @Option(name: .customLong("max-answers"), help: "Refuse an answer file with more answers than this.")
    var maxAnswers = InputLimits.defaultMaxAnswers

    @Option(name: .customLong("max-value-length"), help: "Refuse a longer answer value or device label (characters).")
    var maxValueLength = InputLimits.defaultMaxValueLength

    @Option(name: .customLong("max-file-size"), help: "Refuse a larger answer file (bytes).")
    var maxFileSize = InputLimits.defaultMaxAnswerFileBytes

    @Option(name: .customLong("max-errors"), help: "Print at most this many errors, then how many more there are.")
    var maxErrors = InputLimits.defaultMaxErrors

    @OptionGroup var ruleFiles: RuleFileLimit

    var limits: InputLimits {
        InputLimits(maxAnswerFileBytes: maxFileSize, maxAnswers: maxAnswers, maxValueLength: maxValueLength, maxErrors: maxErrors)
    }

    func validate() throws {
        try ruleFiles.validate()
        for (flag, value) in [("--max-answers", maxAnswers), ("--max-value-length", maxValueLength),
                              ("--max-file-size", maxFileSize), ("--max-errors", maxErrors)] where value < 1 {
            throw ValidationError("\(flag) must be at least 1")
        }
    }
}

/// The size bound on rule files (DMN, questions, outcomes …), raisable for generated tables such as a full
/// nomenclature (a 20,000-row JMDN table is about 20 MiB).
struct RuleFileLimit: ParsableArguments {
    @Option(name: .customLong("max-rule-file-size"), help: "Refuse a larger rule file (bytes).")
    var maxRuleFileSize = RuleSet.defaultMaxFileBytes

    func validate() throws {
        if maxRuleFileSize < 1 { throw ValidationError("--max-rule-file-size must be at least 1") }
    }
}

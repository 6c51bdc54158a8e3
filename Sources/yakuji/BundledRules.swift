import Advisor
import ArgumentParser
import Foundation

/// The rules folder for a command: `--rules`, else the documented search (see `RulesLocation`); exit 2 saying
/// where it looked when there are none.
enum BundledRules {
    /// The rules folder as a typed error, for commands that report every AdvisorError the same way.
    static func folder(_ option: String?) throws(AdvisorError) -> String {
        try RulesLocation.find(option: option, environment: ProcessInfo.processInfo.environment,
                               executableFolder: RulesLocation.executableFolder())
    }

    static func path(_ option: String? = nil, environment: [String: String] = ProcessInfo.processInfo.environment) throws -> String {
        do {
            return try RulesLocation.find(option: option, environment: environment,
                                          executableFolder: RulesLocation.executableFolder())
        } catch {
            Terminal.error(error.summary())
            throw ExitCode(2)
        }
    }
}

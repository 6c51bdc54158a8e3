import ArgumentParser
import DecisionModel

struct DmnEval: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract: "Evaluate every decision of a DMN model (a file, or a folder of .dmn files).")

    @Argument(help: "A .dmn file or a folder of them.")
    var model: String

    @Option(name: .customLong("set"), help: "An input value, name=value (repeatable). Strings bare, numbers, true/false, ISO dates.")
    var assignments: [String] = []

    @Option(help: "Output format: text or json.")
    var format: EvalFormat = .text

    @Flag(help: "Show the rules that produced each value.")
    var trace = false

    func run() throws {
        do {
            // A decision that cannot be loaded is null with its error; every other decision is still evaluated.
            let loaded = try DMNLoader(mode: .partial).load(path: model)
            let inputs = try ModelInputs.parse(assignments, for: loaded)
            let result = DMNEvaluator(model: loaded).evaluate(inputs)
            print(EvalRendering.render(result, format: format, trace: trace))
            let unloadable = loaded.loadProblems
            for problem in unloadable { Terminal.error(problem.description) }
            for problem in result.problems where !problem.message.hasPrefix(DMNEvaluator.unloadedPrefix) {
                Terminal.warning(problem.description)
            }
            if !unloadable.isEmpty { throw ExitCode(2) }
        } catch let error as DMNLoadError {
            Terminal.error(error.description)
            throw ExitCode(2)
        } catch let error as InputError {
            Terminal.error(error.description)
            throw ExitCode(2)
        }
    }
}

enum EvalFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json
}

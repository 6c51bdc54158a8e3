import Advisor
import ArgumentParser
import DecisionModel

struct DmnEval: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract: "Evaluate every decision of a DMN model (a file, or a folder of .dmn files).")

    @Argument(help: "A .dmn file or a folder of them.")
    var model: String

    @Option(name: .customLong("set"), help: "An input value, name=value (repeatable). Strings bare, numbers, true/false, ISO dates. An imported model's input as import.name.")
    var assignments: [String] = []

    @Option(help: "Output format: text or json.")
    var format: EvalFormat = .text

    @Flag(help: "Show the rules that produced each value.")
    var trace = false

    @Option(help: ArgumentHelp("Run this decision service instead of every decision; --set gives its parameters.",
                               discussion: "A service's parameters are its input data and its input decisions (whose value is then given, not evaluated)."))
    var service: String?

    func run() throws {
        do {
            // A decision that cannot be loaded is null with its error; every other decision is still evaluated.
            let loaded = try DMNLoader(mode: .partial).load(path: model)
            let result: EvaluationResult
            if let service {
                let run = try ServiceRun(named: service, in: loaded, assignments: assignments).run()
                result = run.result
                Terminal.output(EvalRendering.render(service: service, value: run.value, result, format: format, trace: trace))
            } else {
                let (local, imported) = try ImportedInputs.split(assignments, for: loaded)
                let inputs = try ModelInputs.parse(local, for: loaded)
                result = DMNEvaluator(model: loaded).evaluate(inputs, importedInputs: imported, only: nil)
                Terminal.output(EvalRendering.render(result, format: format, trace: trace))
            }
            // A service run fails only for what it used; a whole-model run for every element that did not load.
            let unloadable = service == nil ? loaded.loadProblems.map(\.description)
                : result.problems.filter { $0.message.hasPrefix(DMNEvaluator.unloadedPrefix) }.map(\.description)
            for problem in unloadable { Terminal.error(problem) }
            let violations = RuleErrors.violations(in: result, model: loaded)
            let violated = Set(result.violations.map(\.decision))
            for problem in result.problems where !problem.message.hasPrefix(DMNEvaluator.unloadedPrefix) && !violated.contains(problem.element) {
                Terminal.warning(problem.description)
            }
            if !violations.isEmpty { Terminal.error(AdvisorError(violations).summary()) }
            if !unloadable.isEmpty || !violations.isEmpty { throw ExitCode(2) }
        } catch let error as DMNLoadError {
            Terminal.error(AdvisorError(error).summary())
            throw ExitCode(2)
        } catch let error as InputError {
            Terminal.error(error.description)
            throw ExitCode(2)
        }
    }
}

enum EvalFormat: String, ChoiceArgument {
    case text, json
}

import Advisor
import DecisionModel
import Foundation

/// One hot path of the engine run many times in a process, for a profiler; prints the processor time per run.
struct HotPath {
    let rules: RuleSet
    let answers: [Answers]

    init(rulesDirectory: String, samplesDirectory: String) throws {
        let rules = try RuleSet.load(directory: rulesDirectory)
        self.rules = rules
        let samples = try FileManager.default.contentsOfDirectory(atPath: samplesDirectory).filter { $0.hasSuffix(".xml") }.sorted()
        answers = try samples.map { try AnswersFile.load((samplesDirectory as NSString).appendingPathComponent($0), rules: rules) }
    }

    func run(_ command: String, count: Int) {
        var spec = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &spec)
        let start = Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
        if command == "evaluate" {
            let evaluator = DMNEvaluator(model: rules.model)
            let inputs = answers.map(\.inputValues)
            for i in 0..<count { _ = evaluator.evaluate(inputs[i % inputs.count]) }
        } else {
            let assessor = Assessor(rules: rules)
            for i in 0..<count { _ = assessor.assess(answers[i % answers.count], asOf: "2026-11-25", exploreAlternatives: false) }
        }
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &spec)
        let seconds = Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9 - start
        print(String(format: "%@ ×%d: %.3f ms each (processor time)", command, count, seconds * 1000 / Double(count)))
    }
}

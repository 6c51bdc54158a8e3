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
        } else if command == "open" {
            // A first `--no-input` run on an empty answer file, and the sample of compare.py with one answer
            // unknown: every answer (or one) open, alternatives explored, as `assess` does.
            let assessor = Assessor(rules: rules)
            let sample = answers.first { $0.device?.contains("blood-pressure") == true } ?? answers[0]
            let cases = [Answers()] + ["productForm", "invasiveness", "intendedPurpose"].map { name -> Answers in
                var one = sample
                one[name] = .unknown
                return one
            }
            for i in 0..<count { _ = assessor.assess(cases[i % cases.count], asOf: "2026-12-03") }
        } else if command == "open-all" {
            // Every sample with each of its answers unknown in turn, and an empty answer set: the cases the sweep of
            // cold runs times, without process start and loading.
            let assessor = Assessor(rules: rules)
            var cases = [Answers()]
            for sample in answers {
                for name in sample.order where name != Assessor.dateInput {
                    var one = sample
                    one[name] = .unknown
                    cases.append(one)
                }
            }
            for _ in 0..<count { for one in cases { _ = AssessmentJSON.render(assessor.assess(one, asOf: "2026-12-03"), language: .en) } }
            clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &spec)
            let seconds = Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9 - start
            print(String(format: "open-all ×%d: %d cases, %.3f ms per case (processor time)", count, cases.count,
                         seconds * 1000 / Double(count * cases.count)))
            return
        } else {
            let assessor = Assessor(rules: rules)
            for i in 0..<count { _ = assessor.assess(answers[i % answers.count], asOf: "2026-11-25", exploreAlternatives: false) }
        }
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &spec)
        let seconds = Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9 - start
        print(String(format: "%@ ×%d: %.3f ms each (processor time)", command, count, seconds * 1000 / Double(count)))
    }
}

import Advisor
import DecisionModel
import Foundation

// Measures the engine on the bundled rules: loading the rule set, assessing every sample (with and without
// exploring alternatives), the scenario suite, and the DMN TCK. Run it in release mode:
//   swift run -c release yakuji-bench [RULES_DIR] [SAMPLES_DIR] [TCK_DIR]
// Times are medians of several runs; nothing here is asserted — compare runs on the same machine.

let arguments = CommandLine.arguments.dropFirst()
// Helpers for Benchmarks/compare.sh, which times whole processes (cold runs, peak memory):
//   yakuji-bench jmdn-rules ROWS DEST [RULES_DIR]   a rules copy whose JMDN table has ROWS rows
//   yakuji-bench profiles COUNT DEST.csv [RULES_DIR] [SAMPLES_DIR]   a CSV batch of COUNT distinct profiles varied from
//     the samples (what it holds on standard error)
//   yakuji-bench load RULES_DIR [MAX_FILE_BYTES]   load the rule set once (parse + validate + build the model)
//   yakuji-bench load-cached RULES_DIR   load it once through the environment's rules cache (as `yakuji` does;
//     YAKUJI_CACHE=off for none) and print how long that took, in milliseconds: the first load of a fresh process
//   yakuji-bench table MODEL DECISION CASES.json [RUNS] [MIN_SECONDS]   evaluations per second of one decision
//     table on the cases' inputs (Benchmarks/spiff/compare.py; see TableBenchmark)
// and for a profiler (`perf record`), one hot path run many times:
//   yakuji-bench evaluate COUNT [RULES_DIR] [SAMPLES_DIR]   the whole graph COUNT times over the samples' answers
//   yakuji-bench assess COUNT [RULES_DIR] [SAMPLES_DIR]     assess the samples COUNT times, no alternatives
//   yakuji-bench open COUNT [RULES_DIR] [SAMPLES_DIR]       assess with open answers COUNT times, alternatives
//     explored: in turn an empty answer set and the blood-pressure sample with productForm, invasiveness,
//     intendedPurpose unknown (timeline simulations are cached per process, so this leaves them out)
//   yakuji-bench open-all COUNT [RULES_DIR] [SAMPLES_DIR]   every sample with each answer unknown in turn, and an
//     empty answer set, rendered as JSON (the cases of the cold-run sweep, in one process)
if let command = arguments.first, ["evaluate", "assess", "open", "open-all"].contains(command) {
    let rest = Array(arguments.dropFirst())
    guard let count = rest.first.flatMap({ Int($0) }) else { print("usage: yakuji-bench \(command) COUNT [RULES_DIR] [SAMPLES_DIR]"); exit(2) }
    do {
        try HotPath(rulesDirectory: rest.count > 1 ? rest[1] : "Rules", samplesDirectory: rest.count > 2 ? rest[2] : "Samples")
            .run(command, count: count)
    } catch {
        print("\(error)")
        exit(1)
    }
    exit(0)
}
if arguments.first == "load-cached" {
    let clock = ContinuousClock()
    let start = clock.now
    do { _ = try RuleSet.load(directory: arguments.dropFirst().first ?? "Rules", cache: RulesCache.standard()) } catch {
        print("\(error)")
        exit(1)
    }
    print(ms(clock.now - start))
    exit(0)
}
if let command = arguments.first, ["jmdn-rules", "profiles", "load", "table"].contains(command) {
    let rest = Array(arguments.dropFirst())
    do {
        switch command {
        case "jmdn-rules":
            guard rest.count >= 2, let rows = Int(rest[0]) else { print("usage: yakuji-bench jmdn-rules ROWS DEST [RULES_DIR]"); exit(2) }
            try JMDNTableGenerator(rulesDirectory: rest.count > 2 ? rest[2] : "Rules").write(rows: rows, to: rest[1])
        case "profiles":
            guard rest.count >= 2, let count = Int(rest[0]) else {
                print("usage: yakuji-bench profiles COUNT DEST.csv [RULES_DIR] [SAMPLES_DIR]"); exit(2)
            }
            let rules = try RuleSet.load(directory: rest.count > 2 ? rest[2] : "Rules")
            let summary = try BatchProfileGenerator(rules: rules, samplesDirectory: rest.count > 3 ? rest[3] : "Samples")
                .write(count: count, to: rest[1])
            FileHandle.standardError.write(Data("\(rest[1]): \(summary)\n".utf8))
        case "table":
            guard rest.count >= 3 else { print("usage: yakuji-bench table MODEL DECISION CASES.json [RUNS] [MIN_SECONDS]"); exit(2) }
            let benchmark = try TableBenchmark(modelPath: rest[0], decisionName: rest[1], casesFile: rest[2])
            print(try benchmark.run(runs: rest.count > 3 ? Int(rest[3]) ?? 3 : 3, minSeconds: rest.count > 4 ? Double(rest[4]) ?? 0.5 : 0.5))
        default:
            // An optional size bound, for generated rule files above the default (`--max-rule-file-size`).
            _ = try RuleSet.load(directory: rest.first ?? "Rules",
                                 maxFileBytes: rest.count > 1 ? Int(rest[1]) ?? RuleSet.defaultMaxFileBytes : RuleSet.defaultMaxFileBytes)
        }
    } catch {
        print("\(error)")
        exit(1)
    }
    exit(0)
}
let rulesDir = arguments.first ?? "Rules"
let samplesDir = arguments.dropFirst().first ?? "Samples"
let tckDir = arguments.dropFirst(2).first ?? "../shared/dmn-tck"

func median(_ runs: Int, _ body: () throws -> Void) rethrows -> Duration {
    var times: [Duration] = []
    for _ in 0..<runs {
        let clock = ContinuousClock()
        let start = clock.now
        try body()
        times.append(clock.now - start)
    }
    return times.sorted()[times.count / 2]
}

/// `step 0` = x + 1, `step i` = `step i-1` + 1: names with spaces, so every name is announced to the lexer.
func chainModel(_ count: Int) -> String {
    var xml = "<definitions xmlns=\"https://www.omg.org/spec/DMN/20230324/MODEL/\" namespace=\"urn:chain\" name=\"chain\">"
    xml += "<inputData id=\"x\" name=\"x\"><variable name=\"x\" typeRef=\"number\"/></inputData>"
    for i in 0..<count {
        let requirement = i == 0 ? "<requiredInput href=\"#x\"/>" : "<requiredDecision href=\"#d\(i - 1)\"/>"
        xml += "<decision id=\"d\(i)\" name=\"step \(i)\"><variable name=\"step \(i)\" typeRef=\"number\"/>"
            + "<informationRequirement>\(requirement)</informationRequirement>"
            + "<literalExpression><text>\(i == 0 ? "x" : "step \(i - 1)") + 1</text></literalExpression></decision>"
    }
    return xml + "</definitions>"
}

func ms(_ d: Duration) -> String {
    let (seconds, attoseconds) = d.components
    return String(format: "%.2f ms", Double(seconds) * 1000 + Double(attoseconds) / 1e15)
}

do {
    let load = try median(5) { _ = try RuleSet.load(directory: rulesDir) }
    let rules = try RuleSet.load(directory: rulesDir)
    let decisions = rules.model.decisions.count
    let rows = rules.model.decisions.reduce(0) { $0 + ($1.decisionTable?.rules.count ?? 0) }
    print("rule set: \(decisions) decisions, \(rows) rule rows, \(rules.model.inputs.count) inputs")
    print("load rules (parse + validate + compile FEEL): \(ms(load))")

    let samples = try FileManager.default.contentsOfDirectory(atPath: samplesDir).filter { $0.hasSuffix(".xml") }.sorted()
    let answers = try samples.map { try AnswersFile.load((samplesDir as NSString).appendingPathComponent($0), rules: rules) }
    let assessor = Assessor(rules: rules)
    let plain = median(5) { for a in answers { _ = assessor.assess(a, asOf: "2026-11-25", exploreAlternatives: false) } }
    print("assess \(answers.count) samples, no alternatives: \(ms(plain)) (\(ms(plain / answers.count)) each)")
    let explored = median(3) { for a in answers { _ = assessor.assess(a, asOf: "2026-11-25") } }
    print("assess \(answers.count) samples with alternatives: \(ms(explored)) (\(ms(explored / answers.count)) each)")

    // Open answers (issue 15 item 1): one assessment from loading the rules to the report, as `assess` does.
    let samplePath = (samplesDir as NSString).appendingPathComponent("home-blood-pressure-monitor.xml")
    let bp = try AnswersFile.load(samplePath, rules: rules)
    func openCase(_ label: String, _ answers: Answers, runs: Int = 5) throws {
        let cold = try median(runs) {
            let fresh = try RuleSet.load(directory: rulesDir)
            let a = Assessor(rules: fresh).assess(answers, asOf: "2026-11-25")
            _ = AssessmentJSON.render(a, language: .en)
        }
        let warm = median(runs) { _ = AssessmentJSON.render(assessor.assess(answers, asOf: "2026-11-25"), language: .en) }
        print("assess \(label): \(ms(cold)) with loading, \(ms(warm)) without")
    }
    try openCase("blood-pressure sample, no unknown", bp)
    for name in ["productForm", "invasiveness", "certificationStandardExists"] {
        var answers = bp
        answers[name] = .unknown
        try openCase("blood-pressure sample, \(name)=?", answers)
    }
    try openCase("empty answer file", Answers())
    // The slowest single unknown over every sample and every answered input.
    var slowest: [(String, Duration)] = []
    for (file, sample) in zip(samples, answers) {
        for name in sample.order {
            var open = sample
            open[name] = .unknown
            slowest.append(("\(file) \(name)=?", median(3) { _ = AssessmentJSON.render(assessor.assess(open, asOf: "2026-11-25"), language: .en) }))
        }
    }
    for (label, time) in slowest.sorted(by: { $0.1 > $1.1 }).prefix(3) { print("slow single unknown \(label): \(ms(time)) without loading") }

    // The lag Monte Carlo on its own: each run a new seed, so no cached simulation is reused.
    let dated = answers.map { $0.dated("2026-11-25", rules: rules) }
    let graphs = dated.map { DMNEvaluator(model: rules.model).evaluate($0.inputValues) }
    let asOfDate = FEELDate(iso8601: "2026-11-25")!
    let routed = graphs.indices.filter {
        if case .success = TimelineEstimator(rules: rules).estimate(graphs[$0], inputs: dated[$0].inputValues, asOf: asOfDate) { return true }
        return false
    }
    var seed: UInt64 = 1_000
    func simulateAll() {
        for i in routed {
            seed += 1
            _ = TimelineEstimator(rules: rules, seed: seed).estimate(graphs[i], inputs: dated[i].inputValues, asOf: asOfDate)
        }
    }
    let monteCarlo = median(5) { simulateAll() }
    var cpu: [Duration] = []
    for _ in 0..<5 { cpu.append(cpuTime { simulateAll() }) }
    let monteCarloCPU = cpu.sorted()[cpu.count / 2]
    print("timeline Monte Carlo, \(TimelineEstimator.defaultDraws) draws, uncached, \(routed.count) samples with a route: "
          + "\(ms(monteCarlo)) (\(ms(monteCarlo / max(routed.count, 1))) each; processor time \(ms(monteCarloCPU / max(routed.count, 1))) each)")

    let runner = ScenarioRunner(rules: rules)
    var scenarios = 0
    let suite = try median(3) { scenarios = try runner.run(files: runner.scenarioFiles()).scenarios }
    print("scenario suite (\(scenarios) scenarios): \(ms(suite))")

    let evaluator = DMNEvaluator(model: rules.model)
    let inputs = answers.map(\.inputValues)
    let evaluations = 1000
    let evaluate = median(3) { for i in 0..<evaluations { _ = evaluator.evaluate(inputs[i % inputs.count]) } }
    print("evaluate the whole graph \(evaluations)×: \(ms(evaluate)) (\(ms(evaluate / evaluations)) each)")

    // A generated requirement chain, far larger than any rule set: loading must stay linear in its size.
    let chainLength = 10_000
    let chain = chainModel(chainLength)
    var chained: DMNModel?
    let chainLoad = try median(3) { chained = try DMNLoader().load(string: chain, name: "chain.dmn") }
    print("load a chain of \(chainLength) decisions: \(ms(chainLoad))")
    if let chained {
        let chainEvaluator = DMNEvaluator(model: chained)
        let chainEvaluation = median(3) { _ = chainEvaluator.evaluate(["x": .number(FEELNumber(1))]) }
        print("evaluate the chain of \(chainLength) decisions: \(ms(chainEvaluation))")
    }
    // The same chain where every decision has a problem, loaded partially (as `dmn eval` and `dmn test` load).
    let broken = chain.replacingOccurrences(of: "<literalExpression>",
        with: "<knowledgeRequirement><requiredKnowledge href=\"#missing\"/></knowledgeRequirement><literalExpression>")
    let brokenLoad = try median(3) { _ = try DMNLoader(mode: .partial).load(string: broken, name: "broken.dmn") }
    print("load partially a chain of \(chainLength) decisions, each with a problem: \(ms(brokenLoad))")

    if FileManager.default.fileExists(atPath: tckDir) {
        var passed = 0
        let tck = median(3) { passed = TCKRunner().run(paths: [tckDir]).passed }
        print("DMN TCK (\(passed) cases passed): \(ms(tck))")
    }
} catch {
    print("benchmark failed: \(error)")
    exit(1)
}

import DecisionModel
import Testing
@testable import Advisor

/// `ConditionWriter.joinResults` finds the path a path joins by hash; the plain search compares with every path.
@Suite struct ConditionWriterJoinTests {
    static func plainJoin(_ paths: [[AnswerCondition]], readings: [String: Int]) -> [[AnswerCondition]] {
        var result = paths
        for key in readings.keys.sorted() {
            var joined: [[AnswerCondition]] = []
            for path in result {
                guard let own = path.first(where: { $0.isResult && $0.input == key }) else { joined.append(path); continue }
                let rest = path.filter { !($0.isResult && $0.input == key) }
                if let i = joined.firstIndex(where: { other in
                    other.contains { $0.isResult && $0.input == key } && other.filter { !($0.isResult && $0.input == key) } == rest
                }) {
                    var merged = joined[i]
                    let k = merged.firstIndex { $0.isResult && $0.input == key }!
                    let values = merged[k].values + own.values.filter { !merged[k].values.contains($0) }
                    if values.count >= readings[key]! { merged.remove(at: k) } else { merged[k].values = values }
                    joined[i] = merged
                } else {
                    joined.append(path)
                }
            }
            result = joined
        }
        return result
    }

    @Test(arguments: 0..<40) func joinByHashEqualsThePlainSearch(seed: Int) {
        var random = SeededRandom(seed: UInt64(seed) + 5)
        func pick(_ n: Int) -> Int { Int(random.next() % UInt64(n)) }
        let results = ["deviceClass": 4, "pathway": 3]
        var paths: [[AnswerCondition]] = []
        for _ in 0..<(1 + pick(60)) {
            var path: [AnswerCondition] = []
            for (key, count) in results.sorted(by: { $0.key < $1.key }) where pick(4) != 0 {
                path.append(AnswerCondition(input: key, value: .number(FEELNumber(String(pick(count) + 1))!), isResult: true))
            }
            for input in ["a", "b", "c"] where pick(2) == 0 {
                // Numbers and strings, a value list now and then, and a range, so that shapes collide.
                let value: FEELValue = pick(2) == 0 ? .string(["x", "y"][pick(2)]) : .number(FEELNumber(String(pick(3)))!)
                path.append(pick(5) == 0 ? AnswerCondition(input: input, values: [value, .string("z")])
                            : AnswerCondition(input: input, value: value, test: pick(6) == 0 ? "< 2" : nil))
            }
            paths.append(path)
        }
        #expect(ConditionWriter.joinResults(paths, readings: results) == Self.plainJoin(paths, readings: results))
    }
}

import Testing
@testable import DecisionModel

/// `ConditionWriter.when` lets open results stand for the answers behind them only when the combinations of their
/// readings, each with the rest of its answers, say the condition again. It used to join them all and compare; it
/// now asks whether every result has a reading wherever the condition holds and whether each combination with its
/// rest holds no more than where it meets the condition. The two must agree on any readings and condition.
@Suite struct StandingResultsCheckTests {
    typealias Node = DecisionDiagram.Node

    @Test func theCheckWithoutTheUnionAgreesWithTheUnion() {
        let sizes = [3, 2, 4, 2, 3]
        var random = SplitMix64(state: 97)
        var agreed = (exact: 0, inexact: 0)
        for round in 0..<300 {
            let d = DecisionDiagram(sizes: sizes)
            let others = Set(sizes.indices.filter { _ in random.next() % 2 == 0 })
            let own = Set(sizes.indices).subtracting(others)
            // Results whose readings split the answers (mostly by the other answers, which they then stand for), or,
            // in some rounds, readings that overlap or leave answers out.
            let stands: [[Node]] = (0..<(1 + Int(random.next() % 3))).map { _ in
                let by = round % 4 == 3 ? Set(sizes.indices) : others.isEmpty ? own : others
                let v = by.sorted()[Int(random.next() % UInt64(by.count))]
                var readings = (0..<sizes[v]).map { d.literal(v, [$0]) }
                if round % 5 == 4 { readings[0] = DecisionDiagramOperationTests.randomCondition(d, &random) }
                if round % 7 == 6 { readings.removeLast() }
                return readings
            }
            // A condition made of readings and answers of the decision's own, or any condition.
            var condition = DecisionDiagram.never
            if round % 3 == 2 {
                condition = DecisionDiagramOperationTests.randomCondition(d, &random)
            } else {
                for reading in stands[0] where random.next() % 2 == 0 {
                    let part = d.exists(DecisionDiagramOperationTests.randomCondition(d, &random), others)
                    condition = d.or(condition, d.and(reading, part))
                }
            }
            // The combinations as `when` makes them.
            var combinations: [Node] = [DecisionDiagram.always]
            for readings in stands {
                var next: [Node] = []
                for reading in readings where d.intersects(reading, condition) {
                    for partial in combinations {
                        let both = d.and(partial, reading)
                        if both != DecisionDiagram.never { next.append(both) }
                    }
                }
                combinations = next
            }
            var union = DecisionDiagram.never
            var eachSaysItsOwn = true
            for c in combinations {
                let inside = d.and(condition, c)
                if inside == DecisionDiagram.never { continue }
                let rest = d.exists(inside, others)
                union = d.or(union, d.and(c, rest))
                if d.and(c, rest) != inside { eachSaysItsOwn = false }
            }
            let everyResultReads = stands.allSatisfy { d.minus(condition, d.or($0)) == DecisionDiagram.never }
            #expect((union == condition) == (everyResultReads && eachSaysItsOwn), "round \(round)")
            if union == condition { agreed.exact += 1 } else { agreed.inexact += 1 }
        }
        // Both answers met, so that the agreement says something.
        #expect(agreed.exact > 30 && agreed.inexact > 30, "\(agreed)")
    }
}

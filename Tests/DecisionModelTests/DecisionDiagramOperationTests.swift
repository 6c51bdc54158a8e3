import Testing
@testable import DecisionModel

/// The decision diagram's shortcuts (minus as its own operation, results cached across calls, support walks
/// marking nodes) against the plain definitions, many calls on one diagram so that cached results are reused.
@Suite struct DecisionDiagramOperationTests {
    // One wide variable (a code list, several bitset words) among narrow ones, as in the bundled rules.
    static let sizes = [3, 130, 2, 4, 2, 5]

    /// An or of up to `terms` ands of random literals over the diagram's variables.
    static func randomCondition(_ d: DecisionDiagram, _ random: inout SplitMix64, terms: UInt64 = 4) -> DecisionDiagram.Node {
        let sizes = d.sizes
        var node = DecisionDiagram.never
        for _ in 0..<(1 + Int(random.next() % terms)) {
            var product = DecisionDiagram.always
            for v in sizes.indices where random.next() % 2 == 0 {
                product = d.and(product, d.literal(v, (0..<sizes[v]).filter { _ in random.next() % 3 == 0 }))
            }
            node = d.or(node, product)
        }
        return node
    }

    /// The plain definition: some value of each quantified variable completes the assignment into `a`.
    static func plainExists(_ d: DecisionDiagram, _ a: DecisionDiagram.Node, _ variables: Set<Int>) -> DecisionDiagram.Node {
        var node = a
        for v in variables.sorted() { node = d.or((0..<sizes[v]).map { d.restrict(node, v, $0) }) }
        return node
    }

    @Test(arguments: 0..<12) func operationsAgreeWithTheirPlainDefinitions(seed: Int) {
        var random = SplitMix64(state: UInt64(seed) &+ 7)
        let d = DecisionDiagram(sizes: Self.sizes)
        let conditions = (0..<8).map { _ in Self.randomCondition(d, &random) }
        let sets: [Set<Int>] = [[0], [1], [1, 3], [0, 2, 5], []]
        for a in conditions {
            for b in conditions {
                #expect(d.minus(a, b) == d.and(a, d.not(b)))
                #expect(d.and(d.simplify(a, within: b), b) == d.and(a, b))
            }
            // The same node quantified over different sets in turn, and again: the cache is keyed by both.
            for variables in sets + sets.reversed() {
                #expect(d.exists(a, variables) == Self.plainExists(d, a, variables))
            }
            // A variable is in the support exactly when fixing it can change the condition.
            let plainSupport = Set(Self.sizes.indices.filter { v in
                (0..<Self.sizes[v]).contains { d.restrict(a, v, $0) != d.restrict(a, v, 0) }
            })
            #expect(d.support(a) == plainSupport)
            #expect(d.support(a) == plainSupport)
        }
    }

    /// `intersects` against the conjunction made on a second diagram that never tests emptiness (`intersects`
    /// stores the disjoint pairs it finds into the and cache, so the same diagram's `and` would not be a reference).
    @Test(arguments: 0..<12) func intersectsIsANonEmptyConjunction(seed: Int) {
        var random = SplitMix64(state: UInt64(seed) &+ 101)
        var same = random
        let d = DecisionDiagram(sizes: Self.sizes), reference = DecisionDiagram(sizes: Self.sizes)
        let conditions = (0..<10).map { _ in Self.randomCondition(d, &random, terms: 3) }
        let plain = (0..<10).map { _ in Self.randomCondition(reference, &same, terms: 3) }
        var disjoint = 0
        for i in conditions.indices {
            for j in conditions.indices {
                let expected = reference.and(plain[i], plain[j]) != DecisionDiagram.never
                #expect(d.intersects(conditions[i], conditions[j]) == expected)
                #expect(d.intersects(conditions[j], conditions[i]) == expected, "either order")
                #expect((d.and(conditions[i], conditions[j]) != DecisionDiagram.never) == expected, "and after intersects")
                if !expected { disjoint += 1 }
            }
        }
        #expect(d.intersects(conditions[0], DecisionDiagram.never) == false)
        #expect(d.intersects(DecisionDiagram.always, conditions[0]) == (conditions[0] != DecisionDiagram.never))
        // Both answers occur, or the test would not tell a constant from the real thing.
        #expect(disjoint > 0 && disjoint < conditions.count * conditions.count)
    }

    @Test func equalValuesMergeWhateverTheOrderOfTheirContextsEntries() {
        let d = DecisionDiagram(sizes: [3])
        let one = FEELValue.context(FEELContext([("a", .number(1)), ("b", .list([.string("x")]))]))
        let same = FEELValue.context(FEELContext([("b", .list([.string("x")])), ("a", .number(1))]))
        let other = FEELValue.context(FEELContext([("a", .number(1)), ("b", .list([.string("y")]))]))
        let merged = OpenWalker.merged([
            Possibility(value: one, condition: d.literal(0, [0])),
            Possibility(value: other, condition: d.literal(0, [1])),
            Possibility(value: same, condition: d.literal(0, [2])),
        ], d)
        #expect(merged.count == 2)
        #expect(merged[0].value == one && merged[0].condition == d.literal(0, [0, 2]))
        #expect(merged[1].value == other && merged[1].condition == d.literal(0, [1]))
        // Equal values with different flags stay apart.
        var unruled = Possibility(value: one, condition: d.literal(0, [1]))
        unruled.ruled = false
        #expect(OpenWalker.merged([Possibility(value: one, condition: d.literal(0, [0])), unruled], d).count == 2)
    }
}

import Testing
@testable import DecisionModel

/// Equal conditions are equal nodes however they were built: hash-consing must find a node whatever the order its
/// children were made in, on narrow variables and on a code list of hundreds of values alike.
@Suite struct DecisionDiagramCanonicityTests {
    // Two wide variables (several bitset words; the second not a multiple of 64) among narrow ones.
    static let sizes = [3, 300, 2, 130, 5]

    /// Random products of literals, each a list of (variable, allowed values).
    static func randomProducts(_ random: inout SplitMix64, count: Int) -> [[(Int, [Int])]] {
        (0..<count).map { _ in
            sizes.indices.compactMap { v -> (Int, [Int])? in
                guard random.next() % 2 == 0 else { return nil }
                // Few values of a wide variable, as the rules' conditions on a code list use.
                let values = (0..<sizes[v]).filter { _ in random.next() % UInt64(sizes[v] > 64 ? 40 : 2) == 0 }
                return (v, values)
            }
        }
    }

    static func build(_ d: DecisionDiagram, _ product: [(Int, [Int])], reversed: Bool) -> DecisionDiagram.Node {
        let literals = product.map { d.literal($0.0, reversed ? $0.1.reversed() : $0.1) }
        return d.and(reversed ? literals.reversed() : literals)
    }

    @Test(arguments: 0..<6) func equalConditionsAreEqualNodesWhateverTheOrderOfBuilding(seed: Int) {
        var random = SplitMix64(state: UInt64(seed) &+ 101)
        let d = DecisionDiagram(sizes: Self.sizes)
        let products = Self.randomProducts(&random, count: 24)
        // The same sum built forwards, backwards, and as the negation of the product of the negations.
        let forwards = d.or(products.map { Self.build(d, $0, reversed: false) })
        let backwards = d.or(products.reversed().map { Self.build(d, $0, reversed: true) })
        let deMorgan = d.not(d.and(products.map { d.not(Self.build(d, $0, reversed: true)) }))
        #expect(forwards == backwards)
        #expect(forwards == deMorgan)
        // Split on the widest variable and joined again: every value's branch, made in turn, meets the whole.
        let rejoined = d.or((0..<Self.sizes[1]).map { d.and(d.literal(1, [$0]), d.restrict(forwards, 1, $0)) })
        #expect(rejoined == forwards)
        // And built bottom-up by `make` from its own children, high values first.
        if let v = d.variable(of: forwards) {
            var kids = [DecisionDiagram.Node](repeating: DecisionDiagram.never, count: Self.sizes[v])
            for value in (0..<Self.sizes[v]).reversed() { kids[value] = d.restrict(forwards, v, value) }
            #expect(d.make(v, kids) == forwards)
        }
    }

    @Test func wideNodesDifferingInOneChildStayApart() {
        let d = DecisionDiagram(sizes: Self.sizes)
        let values = [0, 1, 63, 64, 127, 128, 191, 192, 255, 256, 298, 299]
        let singles = values.map { d.literal(1, [$0]) }
        #expect(Set(singles).count == values.count)
        for (value, node) in zip(values, singles) {
            #expect(d.restrict(node, 1, value) == DecisionDiagram.always)
            #expect(d.literal(1, [value]) == node)
        }
        // Pairs of values, made from either end, are the or of their singles.
        for (i, a) in values.enumerated() {
            for b in values[(i + 1)...] {
                let pair = d.literal(1, [b, a])
                #expect(pair == d.or(d.literal(1, [a]), d.literal(1, [b])))
                #expect(d.minus(pair, d.literal(1, [a])) == d.literal(1, [b]))
            }
        }
    }
}

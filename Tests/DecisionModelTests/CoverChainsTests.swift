import Testing
@testable import DecisionModel

/// The cover of a condition (`DecisionDiagram.cover(_:upTo:)`) against the plain Minato–Morreale recursion it
/// shortcuts: every value of every tested variable visited, what the values share found by and-ing them all.
@Suite struct CoverChainsTests {
    typealias Node = DecisionDiagram.Node

    static func plainCover(_ d: DecisionDiagram, _ lower: Node, upTo upper: Node) -> [[(Int, Int)]] {
        func level(_ n: Node) -> Int { d.variable(of: n) ?? d.sizes.count }
        func isop(_ lower: Node, _ upper: Node) -> (Node, [[(Int, Int)]]) {
            if lower == DecisionDiagram.never { return (DecisionDiagram.never, []) }
            if upper == DecisionDiagram.always { return (DecisionDiagram.always, [[]]) }
            let v = min(level(lower), level(upper)), k = d.sizes[v]
            var shared = DecisionDiagram.always
            for value in 0..<k { shared = d.and(shared, d.child(upper, Int32(v), value)) }
            var node = DecisionDiagram.never, rest = DecisionDiagram.never
            var products: [[(Int, Int)]] = []
            for value in 0..<k {
                let low = d.child(lower, Int32(v), value)
                let (part, own) = isop(d.minus(low, shared), d.child(upper, Int32(v), value))
                if part != DecisionDiagram.never {
                    var kids = [Node](repeating: DecisionDiagram.never, count: k)
                    kids[value] = part
                    node = d.or(node, d.make(v, kids))
                    products += own.map { [(v, value)] + $0 }
                }
                rest = d.or(rest, d.minus(low, part))
            }
            let (free, freeProducts) = isop(rest, shared)
            return (d.or(node, free), products + freeProducts)
        }
        return isop(lower, upper).1
    }

    static func flat(_ products: [[(Int, Int)]]) -> [[Int]] { products.map { $0.flatMap { [$0.0, $0.1] } } }

    /// Seeds from 10 put a code list (more than 64 values) first, where the lower bound uses a few of its values.
    @Test(arguments: 0..<30) func coverEqualsThePlainRecursion(seed: Int) {
        var random = SplitMix64(state: UInt64(seed) &+ 211)
        let sizes = seed < 10 ? [3, 2, 4, 2, 3] : seed < 20 ? [130, 3, 2, 4] : [3, 70, 2, 4, 2]
        let d = DecisionDiagram(sizes: sizes)
        let lower = DecisionDiagramOperationTests.randomCondition(d, &random, terms: 5)
        let extra = DecisionDiagramOperationTests.randomCondition(d, &random, terms: 3)
        for upper in [lower, d.or(lower, extra), d.or(lower, d.not(extra))] {
            let found = d.cover(lower, upTo: upper)
            #expect(Self.flat(found) == Self.flat(Self.plainCover(d, lower, upTo: upper)))
            // And it says the condition within its bounds.
            let union = d.or(found.map { product in d.and(product.map { d.literal($0.0, [$0.1]) }) })
            #expect(d.minus(lower, union) == DecisionDiagram.never && d.minus(union, upper) == DecisionDiagram.never)
        }
    }
}

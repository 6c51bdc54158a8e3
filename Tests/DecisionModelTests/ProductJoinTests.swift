import Testing
@testable import DecisionModel

/// The shortcuts in writing conditions as products (`OpenEvaluation.join`) and in simplifying a condition within
/// the possible answers (`DecisionDiagram.simplify`) against plain versions of the same steps.
@Suite struct ProductJoinTests {
    /// `join` as it was before it skipped variables: every variable in every pass, products hashed element by element.
    static func plainJoin(_ start: [OpenEvaluation.ProductTerm], sizes: [Int]) -> [[[Int]]] {
        var products = start.map { ($0.variables, $0.values) }
        func without(_ p: ([Int32], [[Int]]), _ v: Int32) -> [[Int]] {
            guard let i = p.0.firstIndex(of: v) else { return [p.0.map(Int.init)] + p.1 }
            var copy = p
            copy.0.remove(at: i)
            copy.1.remove(at: i)
            return [copy.0.map(Int.init)] + copy.1
        }
        func contains(_ a: ([Int32], [[Int]]), _ b: ([Int32], [[Int]])) -> Bool {
            OpenEvaluation.ProductTerm(zip(a.0, a.1).map { ($0, $1) }).contains(OpenEvaluation.ProductTerm(zip(b.0, b.1).map { ($0, $1) }))
        }
        var changed = true
        while changed {
            changed = false
            for v in sizes.indices {
                let variable = Int32(v)
                var joined: [([Int32], [[Int]])] = []
                var index: [[[Int]]: Int] = [:]
                for product in products {
                    guard let at = product.0.firstIndex(of: variable) else { joined.append(product); continue }
                    let rest = without(product, variable)
                    if let i = index[rest] {
                        let k = joined[i].0.firstIndex(of: variable)!
                        let union = Array(Set(joined[i].1[k] + product.1[at])).sorted()
                        if union.count == sizes[v] {
                            joined[i].0.remove(at: k)
                            joined[i].1.remove(at: k)
                            index[rest] = nil
                        } else {
                            joined[i].1[k] = union
                        }
                        changed = true
                    } else {
                        index[rest] = joined.count
                        joined.append(product)
                    }
                }
                products = joined
            }
            var kept: [([Int32], [[Int]])] = []
            for (i, product) in products.enumerated() {
                let inside = products.indices.contains { j in
                    j != i && contains(products[j], product) && (products[j].0 != product.0 || products[j].1 != product.1 || j < i)
                }
                if !inside { kept.append(product) }
            }
            if kept.count != products.count { products = kept; changed = true }
        }
        return products.map { [$0.0.map(Int.init)] + $0.1 }
    }

    /// Seeds 40 and up add a variable of more than 64 values (a code list: several words per literal), whose
    /// products join only on the few values they share.
    @Test(arguments: 0..<60) func joinSkippingVariablesEqualsThePlainJoin(seed: Int) {
        var random = SplitMix64(state: UInt64(seed) &+ 17)
        var sizes = (0..<(3 + seed % 6)).map { _ in 2 + Int(random.next() % 3) }
        if seed >= 40 { sizes.insert(seed % 2 == 0 ? 70 : 130, at: Int(random.next() % UInt64(sizes.count))) }
        var products: [OpenEvaluation.ProductTerm] = []
        for _ in 0..<(1 + Int(random.next() % 40)) {
            var literals: [(Int32, [Int])] = []
            for v in sizes.indices where random.next() % 3 != 0 {
                // On a wide variable most products share a few values, so that they join.
                let value = Int(random.next() % UInt64(sizes[v] > 64 ? 5 : sizes[v]))
                let values = random.next() % 4 == 0 ? Array(Set([value, Int(random.next() % UInt64(sizes[v]))])).sorted() : [value]
                literals.append((Int32(v), values))
            }
            products.append(OpenEvaluation.ProductTerm(literals))
        }
        let joined = OpenEvaluation.join(products, sizes: sizes).map { [$0.variables.map(Int.init)] + $0.values }
        #expect(joined == Self.plainJoin(products, sizes: sizes))
    }

    /// A cover's chains packed (one array for every product) read back as the cover's products, in order, with a
    /// code list among the variables.
    @Test(arguments: 0..<10) func packedChainsAreTheCoversProducts(seed: Int) {
        var random = SplitMix64(state: UInt64(seed) &+ 53)
        let sizes = [3, 70, 2, 4, 2]
        let d = DecisionDiagram(sizes: sizes)
        let lower = DecisionDiagramOperationTests.randomCondition(d, &random, terms: 5)
        let upper = d.or(lower, DecisionDiagramOperationTests.randomCondition(d, &random, terms: 3))
        let packer = ProductPacker(sizes: sizes)
        let packed = packer.terms(packer.pack(chains: d.coverChains(lower, upTo: upper)))
        let plain = d.cover(lower, upTo: upper)
        #expect(packed.map { $0.variables.map(Int.init) } == plain.map { $0.map(\.0) })
        #expect(packed.map { $0.values } == plain.map { $0.map { [$0.1] } })
    }

    @Test func equalProductsHashAlike() {
        let a = OpenEvaluation.ProductTerm([(0, [1]), (2, [0, 1])])
        let b = OpenEvaluation.ProductTerm([(0, [1]), (2, [0, 1])])
        let c = OpenEvaluation.ProductTerm([(0, [1, 2]), (2, [0])])
        #expect(a == b && a.hashValue == b.hashValue)
        #expect(a != c)
        #expect(Set([a, b, c]).count == 2)
    }

    @Test(arguments: 0..<20) func simplifiedConditionAgreesWithinTheCareSet(seed: Int) {
        var random = SplitMix64(state: UInt64(seed) &+ 101)
        // One wide variable (a code list) among narrow ones, as in the bundled rules.
        let sizes = [3, 40, 2, 4, 2]
        let d = DecisionDiagram(sizes: sizes)
        let a = DecisionDiagramOperationTests.randomCondition(d, &random, terms: 5)
        let care = DecisionDiagramOperationTests.randomCondition(d, &random, terms: 5)
        let simple = d.simplify(a, within: care)
        #expect(d.and(simple, care) == d.and(a, care))
        // It tests only variables the condition tests.
        #expect(d.support(simple).isSubset(of: d.support(a)))
    }
}

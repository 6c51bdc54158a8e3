/// `OpenEvaluation.join` on products packed as bitsets: a literal's values are bits of `words(v)` 64-bit words, a
/// product's literals one array of words. Covers of the open answers have hundreds of products, which `join`
/// compares pairwise and rehashes pass after pass; arrays of value arrays made that most of an assessment's
/// allocations. The steps and their order are those of the plain join (ProductJoinTests compares the two).
struct ProductPacker {
    /// A product: its variables in order, and their values' bitsets one after another in the same order.
    struct Packed: Equatable {
        var variables: [Int32]
        var bits: [UInt64]
    }

    let sizes: [Int]
    private let wordCounts: [Int]

    init(sizes: [Int]) {
        self.sizes = sizes
        wordCounts = sizes.map { max(1, ($0 + 63) / 64) }
    }

    func pack(_ product: OpenEvaluation.ProductTerm) -> Packed {
        var bits: [UInt64] = []
        for (v, values) in zip(product.variables, product.values) {
            let at = bits.count
            bits.append(contentsOf: repeatElement(0, count: wordCounts[Int(v)]))
            for value in values { bits[at + value >> 6] |= 1 << UInt64(value & 63) }
        }
        return Packed(variables: product.variables, bits: bits)
    }

    /// The products of a cover's chains (`DecisionDiagram.coverChains`), each literal one value.
    func pack(chains: (literals: [(Int32, Int32)], next: [Int32], heads: [Int32])) -> [Packed] {
        chains.heads.map { head in
            var length = 0, words = 0
            var cell = head
            while cell >= 0 {
                length += 1
                words += wordCounts[Int(chains.literals[Int(cell)].0)]
                cell = chains.next[Int(cell)]
            }
            var variables: [Int32] = []
            variables.reserveCapacity(length)
            var bits = [UInt64](repeating: 0, count: words)
            var at = 0
            cell = head
            while cell >= 0 {
                let (v, value) = chains.literals[Int(cell)]
                variables.append(v)
                bits[at + Int(value) >> 6] |= 1 << UInt64(value & 63)
                at += wordCounts[Int(v)]
                cell = chains.next[Int(cell)]
            }
            return Packed(variables: variables, bits: bits)
        }
    }

    func unpack(_ product: Packed) -> OpenEvaluation.ProductTerm {
        var literals: [(Int32, [Int])] = []
        var at = 0
        for v in product.variables {
            var values: [Int] = []
            for w in 0..<wordCounts[Int(v)] {
                var word = product.bits[at + w]
                while word != 0 {
                    values.append(w << 6 | word.trailingZeroBitCount)
                    word &= word - 1
                }
            }
            literals.append((v, values))
            at += wordCounts[Int(v)]
        }
        return OpenEvaluation.ProductTerm(literals)
    }

    /// Where variable `v`'s literal starts in `bits`, if the product has one.
    private func offset(of v: Int32, in product: Packed) -> Int? {
        var at = 0
        for u in product.variables {
            if u == v { return at }
            if u > v { return nil }
            at += wordCounts[Int(u)]
        }
        return nil
    }

    /// A hash of the product without variable `v`'s literal.
    private func hash(_ product: Packed, without v: Int32) -> UInt64 {
        var word: UInt64 = 0xCBF2_9CE4_8422_2325
        var at = 0
        for u in product.variables {
            let n = wordCounts[Int(u)]
            if u != v {
                word = (word ^ UInt64(UInt32(bitPattern: u))) &* 0x100_0000_01B3
                for i in at..<(at + n) { word = (word ^ product.bits[i]) &* 0x100_0000_01B3 }
            }
            at += n
        }
        return word
    }

    /// Whether the two products are equal once `v`'s literal is left out of both.
    private func equal(_ a: Packed, _ b: Packed, without v: Int32) -> Bool {
        var i = 0, j = 0, ai = 0, bj = 0
        while true {
            while i < a.variables.count, a.variables[i] == v { ai += wordCounts[Int(v)]; i += 1 }
            while j < b.variables.count, b.variables[j] == v { bj += wordCounts[Int(v)]; j += 1 }
            if i == a.variables.count || j == b.variables.count { return i == a.variables.count && j == b.variables.count }
            let u = a.variables[i]
            guard u == b.variables[j] else { return false }
            let n = wordCounts[Int(u)]
            for k in 0..<n where a.bits[ai + k] != b.bits[bj + k] { return false }
            ai += n; bj += n; i += 1; j += 1
        }
    }

    private func without(_ product: Packed, _ v: Int32) -> Packed {
        guard let i = product.variables.firstIndex(of: v), let at = offset(of: v, in: product) else { return product }
        var copy = product
        copy.variables.remove(at: i)
        copy.bits.removeSubrange(at..<(at + wordCounts[Int(v)]))
        return copy
    }

    /// Whether every assignment of `other` is in `product`.
    private func contains(_ product: Packed, _ other: Packed) -> Bool {
        var j = 0, bj = 0, ai = 0
        for v in product.variables {
            let n = wordCounts[Int(v)]
            while j < other.variables.count && other.variables[j] < v { bj += wordCounts[Int(other.variables[j])]; j += 1 }
            guard j < other.variables.count, other.variables[j] == v else { return false }
            for k in 0..<n where other.bits[bj + k] & ~product.bits[ai + k] != 0 { return false }
            ai += n
        }
        return true
    }

    func join(_ start: [Packed]) -> [Packed] {
        var products = start
        var changed = true
        while changed {
            changed = false
            // Joining on one variable only changes that variable's literals and drops products, so a variable in fewer
            // than two products when the pass starts cannot join any: skipped, which leaves the result as it was.
            // The products testing each variable are listed once per pass: a variable's step visits those alone (a
            // cover of every open answer has hundreds of products and tens of variables), in order, products it drops
            // marked and left in place until the pass ends.
            var holders = [[Int32]](repeating: [], count: sizes.count)
            for (p, product) in products.enumerated() { for v in product.variables { holders[Int(v)].append(Int32(p)) } }
            var dropped = [Bool](repeating: false, count: products.count)
            var anyDropped = false
            var earlier = [Int32](repeating: -1, count: products.count)
            var open = [Bool](repeating: false, count: products.count)
            for v in sizes.indices where holders[v].count > 1 {
                let variable = Int32(v)
                let n = wordCounts[v]
                // Products of this step still testing `variable`, by the hash of the rest (each rest has at most one
                // open): the last of a hash's chain, earlier ones through `earlier`, closed ones skipped. The table is
                // open addressing over the hashes (at most half full: at most `holders[v].count` of them), which a
                // Dictionary would hash again.
                let mask = (1 << (Int.bitWidth - (2 * holders[v].count - 1).leadingZeroBitCount)) - 1
                var hashes = [UInt64](repeating: 0, count: mask + 1), last = [Int32](repeating: -1, count: mask + 1)
                for p32 in holders[v] {
                    let p = Int(p32)
                    guard !dropped[p], let at = offset(of: variable, in: products[p]) else { continue }
                    let key = hash(products[p], without: variable)
                    var slot = Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 32) & mask
                    while last[slot] >= 0, hashes[slot] != key { slot = (slot + 1) & mask }
                    var found = -1
                    var i = Int(last[slot])
                    while i >= 0 {
                        if open[i], equal(products[i], products[p], without: variable) { found = i; break }
                        i = Int(earlier[i])
                    }
                    if found >= 0 {
                        let k = offset(of: variable, in: products[found])!
                        var count = 0
                        for w in 0..<n {
                            products[found].bits[k + w] |= products[p].bits[at + w]
                            count += products[found].bits[k + w].nonzeroBitCount
                        }
                        if count == sizes[v] {
                            products[found] = without(products[found], variable)
                            open[found] = false
                        }
                        dropped[p] = true
                        anyDropped = true
                        changed = true
                    } else {
                        earlier[p] = last[slot]
                        open[p] = true
                        hashes[slot] = key
                        last[slot] = p32
                    }
                }
                for p in holders[v] { open[Int(p)] = false }
            }
            if anyDropped { products = products.indices.filter { !dropped[$0] }.map { products[$0] } }
            // A product contains another only if it tests no variable the other does not: compared first on one
            // word (variables folded onto 64 bits), which rules out most pairs without reading their literals.
            let signatures = products.map { $0.variables.reduce(UInt64(0)) { $0 | 1 << UInt64($1 & 63) } }
            var kept: [Packed] = []
            for (i, product) in products.enumerated() {
                let signature = signatures[i]
                let inside = products.indices.contains { j in
                    j != i && signatures[j] & ~signature == 0 && contains(products[j], product) && (products[j] != product || j < i)
                }
                if !inside { kept.append(product) }
            }
            if kept.count != products.count { products = kept; changed = true }
        }
        return products
    }
}

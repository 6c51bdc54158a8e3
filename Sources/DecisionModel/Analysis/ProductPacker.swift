/// `OpenEvaluation.join` on products packed as bitsets: a literal's values are bits of `words(v)` 64-bit words.
/// Covers of the open answers start from thousands of one-value products (a code list's values each a product),
/// which `join` compares pairwise and rehashes pass after pass; an array or two per product made most of the cost,
/// so every product lives in the same few arrays. The steps and their order are those of the plain join
/// (ProductJoinTests compares the two).
struct ProductPacker {
    /// Products one after another. Product p's variables (in order) are `variables[first[p] ..< first[p] + count[p]]`
    /// and their values' bitsets `bits[at[p]...]`, in the same order; joining only widens a literal or drops it,
    /// so a product never grows out of its place.
    struct Products {
        var variables: [Int32] = []
        var bits: [UInt64] = []
        var first: [Int32] = []
        var count: [Int32] = []
        var at: [Int32] = []
        /// The products still in the list, in order.
        var live: [Int32] = []
    }

    let sizes: [Int]
    private let wordCounts: [Int]

    init(sizes: [Int]) {
        self.sizes = sizes
        wordCounts = sizes.map { max(1, ($0 + 63) / 64) }
    }

    func words(_ v: Int32) -> Int { wordCounts[Int(v)] }

    func pack(_ terms: [OpenEvaluation.ProductTerm]) -> Products {
        var products = Products()
        for product in terms {
            products.first.append(Int32(products.variables.count))
            products.at.append(Int32(products.bits.count))
            products.count.append(Int32(product.variables.count))
            for (v, values) in zip(product.variables, product.values) {
                let base = products.bits.count
                products.variables.append(v)
                products.bits.append(contentsOf: repeatElement(0, count: wordCounts[Int(v)]))
                for value in values { products.bits[base + value >> 6] |= 1 << UInt64(value & 63) }
            }
        }
        products.live = Array(0..<Int32(terms.count))
        return products
    }

    /// The products of a cover's chains (`DecisionDiagram.coverChains`), each literal one value.
    func pack(chains: (literals: [(Int32, Int32)], next: [Int32], heads: [Int32])) -> Products {
        // Sized first, so that the words are zeroed at once and each literal sets one bit: a code list's literal is
        // several words, which appended one by one cost most of the packing.
        var literalCount = 0, wordCount = 0
        for head in chains.heads {
            var cell = head
            while cell >= 0 {
                literalCount += 1
                wordCount += wordCounts[Int(chains.literals[Int(cell)].0)]
                cell = chains.next[Int(cell)]
            }
        }
        var variables: [Int32] = [], first: [Int32] = [], count: [Int32] = [], at: [Int32] = []
        var bits = [UInt64](repeating: 0, count: wordCount)
        first.reserveCapacity(chains.heads.count)
        count.reserveCapacity(chains.heads.count)
        at.reserveCapacity(chains.heads.count)
        variables.reserveCapacity(literalCount)
        var word = 0
        for head in chains.heads {
            first.append(Int32(variables.count))
            at.append(Int32(word))
            var length: Int32 = 0
            var cell = head
            while cell >= 0 {
                let (v, value) = chains.literals[Int(cell)]
                variables.append(v)
                bits[word + Int(value) >> 6] = 1 << UInt64(value & 63)
                word += wordCounts[Int(v)]
                length += 1
                cell = chains.next[Int(cell)]
            }
            count.append(length)
        }
        return Products(variables: variables, bits: bits, first: first, count: count, at: at, live: Array(0..<Int32(first.count)))
    }

    /// Calls `body` with each literal of product `p`: its variable and where its words start in `bits`.
    func forEachLiteral(_ p: Int32, in products: Products, _ body: (Int32, Int) -> Void) {
        var at = Int(products.at[Int(p)])
        let first = Int(products.first[Int(p)])
        for k in first..<(first + Int(products.count[Int(p)])) {
            let v = products.variables[k]
            body(v, at)
            at += wordCounts[Int(v)]
        }
    }

    /// The values (in order) of the literal whose words start at `at`.
    func values(_ v: Int32, at: Int, in products: Products) -> [Int] {
        var values: [Int] = []
        for w in 0..<wordCounts[Int(v)] {
            var word = products.bits[at + w]
            while word != 0 {
                values.append(w << 6 | word.trailingZeroBitCount)
                word &= word - 1
            }
        }
        return values
    }

    func terms(_ products: Products) -> [OpenEvaluation.ProductTerm] {
        products.live.map { p in
            var literals: [(Int32, [Int])] = []
            forEachLiteral(p, in: products) { v, at in literals.append((v, values(v, at: at, in: products))) }
            return OpenEvaluation.ProductTerm(literals)
        }
    }

    /// A hash of one literal. A product's hash is the sum of its literals', so the hash without one literal is a
    /// subtraction rather than a walk over the rest.
    private func hash(_ v: Int32, at: Int, _ bits: [UInt64]) -> UInt64 {
        var word = (0xCBF2_9CE4_8422_2325 ^ UInt64(UInt32(bitPattern: v))) &* 0x100_0000_01B3
        let n = wordCounts[Int(v)]
        if n == 1 {
            word = (word ^ bits[at]) &* 0x100_0000_01B3
        } else {
            for i in at..<(at + n) { word = (word ^ bits[i]) &* 0x100_0000_01B3 }
        }
        // Mixed (splitmix64's finaliser): sums of FNV words alone collide on literals that differ in one bit.
        word = (word ^ (word >> 30)) &* 0xBF58_476D_1CE4_E5B9
        word = (word ^ (word >> 27)) &* 0x94D0_49BB_1331_11EB
        return word ^ (word >> 31)
    }

    /// Whether products `a` and `b` are equal once `v`'s literal is left out of both.
    private func equal(_ a: Int, _ b: Int, without v: Int32, _ products: Products) -> Bool {
        var i = Int(products.first[a]), j = Int(products.first[b])
        let iEnd = i + Int(products.count[a]), jEnd = j + Int(products.count[b])
        var ai = Int(products.at[a]), bj = Int(products.at[b])
        while true {
            while i < iEnd, products.variables[i] == v { ai += wordCounts[Int(v)]; i += 1 }
            while j < jEnd, products.variables[j] == v { bj += wordCounts[Int(v)]; j += 1 }
            if i == iEnd || j == jEnd { return i == iEnd && j == jEnd }
            let u = products.variables[i]
            guard u == products.variables[j] else { return false }
            let n = wordCounts[Int(u)]
            for k in 0..<n where products.bits[ai + k] != products.bits[bj + k] { return false }
            ai += n; bj += n; i += 1; j += 1
        }
    }

    /// Drops `v`'s literal (starting at `at` in `bits`) from product `p`: the rest of the product moves up.
    private func remove(_ v: Int32, at: Int, from p: Int, _ products: inout Products) {
        let first = Int(products.first[p]), count = Int(products.count[p])
        var end = Int(products.at[p])
        var k = first
        for i in first..<(first + count) {
            if products.variables[i] == v { k = i }
            end += wordCounts[Int(products.variables[i])]
        }
        for i in k..<(first + count - 1) { products.variables[i] = products.variables[i + 1] }
        let n = wordCounts[Int(v)]
        for i in at..<(end - n) { products.bits[i] = products.bits[i + n] }
        products.count[p] -= 1
    }

    /// Whether every assignment of product `b` is in product `a`.
    private func contains(_ a: Int, _ b: Int, _ products: Products) -> Bool {
        var j = Int(products.first[b]), bj = Int(products.at[b]), ai = Int(products.at[a])
        let jEnd = j + Int(products.count[b])
        let first = Int(products.first[a])
        for i in first..<(first + Int(products.count[a])) {
            let v = products.variables[i]
            let n = wordCounts[Int(v)]
            while j < jEnd && products.variables[j] < v { bj += wordCounts[Int(products.variables[j])]; j += 1 }
            guard j < jEnd, products.variables[j] == v else { return false }
            for k in 0..<n where products.bits[bj + k] & ~products.bits[ai + k] != 0 { return false }
            ai += n
        }
        return true
    }

    /// Whether products `a` and `b` have the same literals.
    private func identical(_ a: Int, _ b: Int, _ products: Products) -> Bool {
        guard products.count[a] == products.count[b] else { return false }
        let fa = Int(products.first[a]), fb = Int(products.first[b])
        var words = 0
        for k in 0..<Int(products.count[a]) {
            guard products.variables[fa + k] == products.variables[fb + k] else { return false }
            words += wordCounts[Int(products.variables[fa + k])]
        }
        let aa = Int(products.at[a]), ab = Int(products.at[b])
        for k in 0..<words where products.bits[aa + k] != products.bits[ab + k] { return false }
        return true
    }

    func join(_ start: Products) -> Products {
        var products = start
        var changed = true
        // Scratch kept from pass to pass and step to step.
        var holderStart = [Int](repeating: 0, count: sizes.count + 1)
        var hashes: [UInt64] = [], last: [Int32] = []
        // The live products are what a containment check kept, unchanged since: none is inside another (a product
        // inside one kept is not kept, nor is the later of two equal ones), so checking them again drops nothing.
        var settled = false
        while changed {
            changed = false
            let live = products.live
            // Joining on one variable only changes that variable's literals and drops products, so a variable in fewer
            // than two products when the pass starts cannot join any: skipped, which leaves the result as it was.
            // The literals of each variable are listed once per pass (their product's position in `live`, where their
            // words start, their hash): a variable's step visits those alone, in order, products it drops marked and
            // left in place until the pass ends.
            for v in holderStart.indices { holderStart[v] = 0 }
            for p in live {
                let first = Int(products.first[Int(p)])
                for k in first..<(first + Int(products.count[Int(p)])) { holderStart[Int(products.variables[k]) + 1] += 1 }
            }
            for v in sizes.indices { holderStart[v + 1] += holderStart[v] }
            var fill = holderStart
            let literalCount = holderStart[sizes.count]
            var holders = [Int32](repeating: 0, count: literalCount)
            var holderAt = [Int32](repeating: 0, count: literalCount)
            var holderHash = [UInt64](repeating: 0, count: literalCount)
            var sums = [UInt64](repeating: 0, count: live.count)
            for (i, p) in live.enumerated() {
                let first = Int(products.first[Int(p)])
                var at = Int(products.at[Int(p)])
                for k in first..<(first + Int(products.count[Int(p)])) {
                    let v = products.variables[k]
                    let h = hash(v, at: at, products.bits)
                    let slot = fill[Int(v)]
                    holders[slot] = Int32(i)
                    holderAt[slot] = Int32(at)
                    holderHash[slot] = h
                    fill[Int(v)] += 1
                    sums[i] &+= h
                    at += wordCounts[Int(v)]
                }
            }
            // Words a product lost this pass: a step drops only its own variable's literal, before the literals of
            // every later step's, which move up by as much.
            var shift = [Int32](repeating: 0, count: live.count)
            var dropped = [Bool](repeating: false, count: live.count)
            var anyDropped = false
            var earlier = [Int32](repeating: -1, count: live.count)
            // For a product open in this step, its literal's place in `holders`; -1 when closed.
            var open = [Int32](repeating: -1, count: live.count)
            for v in sizes.indices where holderStart[v + 1] - holderStart[v] > 1 {
                let variable = Int32(v)
                let n = wordCounts[v]
                let mine = holderStart[v]..<holderStart[v + 1]
                // Products of this step still testing `variable`, by the hash of the rest (each rest has at most one
                // open): the last of a hash's chain, earlier ones through `earlier`, closed ones skipped. The table is
                // open addressing over the hashes (at most half full), which a Dictionary would hash again.
                let mask = (1 << (Int.bitWidth - (2 * mine.count - 1).leadingZeroBitCount)) - 1
                if last.count <= mask {
                    hashes = [UInt64](repeating: 0, count: mask + 1)
                    last = [Int32](repeating: -1, count: mask + 1)
                } else {
                    for slot in 0...mask { last[slot] = -1 }
                }
                for h in mine {
                    let i = Int(holders[h])
                    guard !dropped[i] else { continue }
                    let p = Int(live[i])
                    let at = Int(holderAt[h] - shift[i])
                    let key = sums[i] &- holderHash[h]
                    var slot = Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 32) & mask
                    while last[slot] >= 0, hashes[slot] != key { slot = (slot + 1) & mask }
                    var found = -1
                    var j = Int(last[slot])
                    while j >= 0 {
                        if open[j] >= 0, equal(Int(live[j]), p, without: variable, products) { found = j; break }
                        j = Int(earlier[j])
                    }
                    if found >= 0 {
                        let f = Int(open[found])
                        let k = Int(holderAt[f] - shift[found])
                        var count = 0
                        for w in 0..<n {
                            products.bits[k + w] |= products.bits[at + w]
                            count += products.bits[k + w].nonzeroBitCount
                        }
                        if count == sizes[v] {
                            remove(variable, at: k, from: Int(live[found]), &products)
                            sums[found] &-= holderHash[f]
                            shift[found] += Int32(n)
                            open[found] = -1
                        } else {
                            let joined = hash(variable, at: k, products.bits)
                            sums[found] = sums[found] &- holderHash[f] &+ joined
                            holderHash[f] = joined
                        }
                        dropped[i] = true
                        anyDropped = true
                        changed = true
                    } else {
                        earlier[i] = last[slot]
                        open[i] = Int32(h)
                        hashes[slot] = key
                        last[slot] = Int32(i)
                    }
                }
                for h in mine { open[Int(holders[h])] = -1 }
            }
            if anyDropped { products.live = live.indices.filter { !dropped[$0] }.map { live[$0] } }
            // Every join drops a product: a pass that dropped none changed nothing.
            guard anyDropped || !settled else { break }
            settled = true
            // A product contains another only if it tests no variable the other does not: compared first on one
            // word (variables folded onto 64 bits), which rules out most pairs without reading their literals.
            let remaining = products.live
            let signatures = remaining.map { p in
                var signature: UInt64 = 0
                let first = Int(products.first[Int(p)])
                for k in first..<(first + Int(products.count[Int(p)])) { signature |= 1 << UInt64(products.variables[k] & 63) }
                return signature
            }
            var kept: [Int32] = []
            for (i, p) in remaining.enumerated() {
                let signature = signatures[i]
                let inside = remaining.indices.contains { j in
                    j != i && signatures[j] & ~signature == 0 && contains(Int(remaining[j]), Int(p), products)
                        && (j < i || !identical(Int(remaining[j]), Int(p), products))
                }
                if !inside { kept.append(p) }
            }
            if kept.count != remaining.count { products.live = kept; changed = true }
        }
        return products
    }
}

/// Sets of assignments to a fixed list of variables with finitely many values each, as a reduced ordered
/// multi-valued decision diagram: a node tests one variable and has one child per value, variables are tested in
/// list order, and equal sub-diagrams are stored once. So two conditions are equal exactly when their nodes are,
/// and a condition depends on a variable exactly when one of its nodes tests it.
///
/// One diagram belongs to one evaluation; it is not shared between threads.
final class DecisionDiagram {
    typealias Node = Int32

    /// No assignment.
    static let never: Node = 0
    /// Every assignment.
    static let always: Node = 1

    /// Number of values of each variable, in test order.
    let sizes: [Int]

    // Per node: the variable it tests (terminals: past every variable) and where its children start.
    // No access to one of these overlaps another to it: the runtime's exclusivity check on each would cost more
    // than the work itself, so it is off for them.
    @exclusivity(unchecked) private var level = DiagramBuffer<Int32>(capacity: 4096)
    @exclusivity(unchecked) private var start = DiagramBuffer<Int32>(capacity: 4096)
    @exclusivity(unchecked) private var children = DiagramBuffer<Int32>(capacity: 16384)

    // Per node: a bitset of the values whose child is not `never`, `words[v]` words from `liveStart`. A variable
    // with hundreds of values (a code list) gives wide nodes of which conditions use one or two children; `and`
    // of two such nodes is then decided on the bitsets, not child by child.
    @exclusivity(unchecked) private var liveStart = DiagramBuffer<Int32>(capacity: 4096)
    @exclusivity(unchecked) private var live = DiagramBuffer<UInt64>(capacity: 4096)
    private let words: [Int]

    // Hash-consing: open addressing over node ids (-1 empty), keyed by (variable, children).
    @exclusivity(unchecked) private var slots = DiagramBuffer<Int32>(repeating: -1, count: 1024)
    /// Per node, its hash-consing hash (the terminals' unused), so that growing `slots` need not rehash children.
    @exclusivity(unchecked) private var hashes = DiagramBuffer<UInt64>(repeating: 0, count: 2)
    @exclusivity(unchecked) private var used = 0

    // A lossy cache of and/or/minus results (as decision-diagram packages keep): a miss only costs recomputation.
    private static let cacheSize = 1 << 16
    private let cacheKeys = DiagramBuffer<UInt64>(repeating: .max, count: cacheSize)
    private let cacheValues = DiagramBuffer<Node>(repeating: 0, count: cacheSize)
    private var negations: [Node: Node] = [:]

    init(sizes: [Int]) {
        self.sizes = sizes
        let terminal = Int32(sizes.count)
        for _ in 0..<2 {
            level.append(terminal)
            start.append(0)
            liveStart.append(0)
        }
        words = sizes.map { ($0 + 63) / 64 }
    }

    deinit {
        for buffer in [level, start, children, liveStart, slots, cacheValues, scratch] { buffer.free() }
        for buffer in [live, cacheKeys, hashes] { buffer.free() }
        visits.free()
        if !quantifiedSets.isEmpty {
            quantifiedKeys.free()
            quantifiedValues.free()
        }
    }

    var nodeCount: Int { level.count }

    func variable(of node: Node) -> Int? {
        let v = Int(level[Int(node)])
        return v < sizes.count ? v : nil
    }

    /// The child of `node` for value `value` of variable `v`, which `node` may not test (then it is its own child).
    @inline(__always)
    func child(_ node: Node, _ v: Int32, _ value: Int) -> Node {
        level[Int(node)] == v ? children[Int(start[Int(node)]) + value] : node
    }

    /// The node testing `v` with these children, or the one child when they are all equal.
    func make(_ v: Int, _ kids: [Node]) -> Node {
        let base = scratch.count
        for kid in kids { scratch.append(kid) }
        let node = makeFromScratch(v, base)
        scratch.removeLast(kids.count)
        return node
    }

    /// Children being built, as a stack (recursive operations push and pop their own).
    @exclusivity(unchecked) private var scratch = DiagramBuffer<Node>(capacity: 4096)

    /// `make` with the children at `scratch[base...]`.
    private func makeFromScratch(_ v: Int, _ base: Int) -> Node {
        let k = sizes[v]
        let first = scratch[base]
        var same = true
        var hash = UInt64(v) &* 0x9E37_79B9_7F4A_7C15
        for j in 0..<k {
            let kid = scratch[base + j]
            if kid != first { same = false }
            hash = (hash ^ UInt64(UInt32(bitPattern: kid))) &* 0x1000_0000_01B3
        }
        if same { return first }
        let mask = slots.count - 1
        var i = Int(truncatingIfNeeded: hash >> 7) & mask
        while slots[i] >= 0 {
            let n = Int(slots[i])
            if Int(level[n]) == v {
                let s = Int(start[n])
                var equal = true
                for j in 0..<k where children[s + j] != scratch[base + j] { equal = false; break }
                if equal { return Node(n) }
            }
            i = (i + 1) & mask
        }
        let node = Node(level.count)
        level.append(Int32(v))
        start.append(Int32(children.count))
        children.append(copying: scratch.base + base, count: k)
        liveStart.append(Int32(live.count))
        let w = live.count
        live.append(repeating: 0, count: words[v])
        for j in 0..<k where scratch[base + j] != Self.never { live[w + j >> 6] |= 1 << UInt64(j & 63) }
        slots[i] = node
        hashes.append(hash)
        used += 1
        if used * 2 > slots.count { grow() }
        return node
    }

    private func grow() {
        let bigger = DiagramBuffer<Int32>(repeating: -1, count: slots.count * 2)
        let mask = bigger.count - 1
        for n in 2..<level.count {
            var i = Int(truncatingIfNeeded: hashes[n] >> 7) & mask
            while bigger[i] >= 0 { i = (i + 1) & mask }
            bigger[i] = Int32(n)
        }
        slots.free()
        slots = bigger
    }

    /// Variable `v` takes one of `values`.
    func literal(_ v: Int, _ values: some Sequence<Int>) -> Node {
        var kids = Array(repeating: Self.never, count: sizes[v])
        for value in values { kids[value] = Self.always }
        return make(v, kids)
    }

    func not(_ a: Node) -> Node {
        if a == Self.never { return Self.always }
        if a == Self.always { return Self.never }
        if let known = negations[a] { return known }
        let v = level[Int(a)], s = Int(start[Int(a)])
        let kids = (0..<sizes[Int(v)]).map { self.not(children[s + $0]) }
        let result = make(Int(v), kids)
        negations[a] = result
        negations[result] = a
        return result
    }

    func and(_ a: Node, _ b: Node) -> Node {
        if a == Self.never || b == Self.never { return Self.never }
        if a == Self.always { return b }
        if b == Self.always || a == b { return a }
        return apply(0, min(a, b), max(a, b))
    }

    func or(_ a: Node, _ b: Node) -> Node {
        if a == Self.always || b == Self.always { return Self.always }
        if a == Self.never { return b }
        if b == Self.never || a == b { return a }
        return apply(1, min(a, b), max(a, b))
    }

    /// `a` and not `b`, without building the negation of `b` (most of which `a` never reaches).
    func minus(_ a: Node, _ b: Node) -> Node {
        if a == Self.never || b == Self.always || a == b { return Self.never }
        if b == Self.never { return a }
        if a == Self.always { return not(b) }
        return apply(2, a, b)
    }

    func and(_ nodes: some Sequence<Node>) -> Node {
        var result = Self.always
        for n in nodes {
            result = and(result, n)
            if result == Self.never { break }
        }
        return result
    }

    func or(_ nodes: some Sequence<Node>) -> Node {
        var result = Self.never
        for n in nodes {
            result = or(result, n)
            if result == Self.always { break }
        }
        return result
    }

    private func apply(_ op: UInt64, _ a: Node, _ b: Node) -> Node {
        let key = op << 62 | UInt64(UInt32(a)) << 31 | UInt64(UInt32(b))
        let slot = Self.slot(key)
        if cacheKeys[slot] == key { return cacheValues[slot] }
        let la = level[Int(a)], lb = level[Int(b)]
        let v = min(la, lb)
        let k = sizes[Int(v)]
        let base = scratch.count
        if op != 1 {
            // Only values live in both (and: op 0), or in `a` (minus: op 2), can give a child other than `never`;
            // a node not testing `v` is live everywhere.
            let w = words[Int(v)]
            let sa = la == v ? Int(liveStart[Int(a)]) : -1, sb = op == 0 && lb == v ? Int(liveStart[Int(b)]) : -1
            if sa >= 0, sb >= 0, !(0..<w).contains(where: { live[sa + $0] & live[sb + $0] != 0 }) { return Self.never }
            scratch.append(repeating: Self.never, count: k)
            var any = false
            for i in 0..<w {
                var bits = (sa < 0 ? ~0 : live[sa + i]) & (sb < 0 ? ~0 : live[sb + i])
                while bits != 0 {
                    let value = i << 6 | bits.trailingZeroBitCount
                    bits &= bits - 1
                    guard value < k else { break }
                    let x = child(a, v, value), y = child(b, v, value)
                    let kid = op == 0 ? and(x, y) : minus(x, y)
                    scratch[base + value] = kid
                    if kid != Self.never { any = true }
                }
            }
            let result = any ? makeFromScratch(Int(v), base) : Self.never
            scratch.removeLast(k)
            cacheKeys[slot] = key
            cacheValues[slot] = result
            return result
        }
        for value in 0..<k {
            let x = child(a, v, value), y = child(b, v, value)
            let kid = or(x, y)
            scratch.append(kid)
        }
        let result = makeFromScratch(Int(v), base)
        scratch.removeLast(k)
        cacheKeys[slot] = key
        cacheValues[slot] = result
        return result
    }

    /// The condition with variable `v` fixed to `value`.
    func restrict(_ a: Node, _ v: Int, _ value: Int) -> Node {
        var seen: [Node: Node] = [:]
        func go(_ n: Node) -> Node {
            let l = Int(level[Int(n)])
            if l > v { return n }
            if let known = seen[n] { return known }
            let s = Int(start[Int(n)])
            let result = l == v ? children[s + value] : make(l, (0..<sizes[l]).map { go(children[s + $0]) })
            seen[n] = result
            return result
        }
        return go(a)
    }

    /// A condition that agrees with `a` wherever `care` holds, testing as few variables as the simplification of
    /// Coudert and Madre finds: a variable `care` leaves one value is dropped, and where `a` does not test a
    /// variable `care` ties it to others through, neither is the result.
    func simplify(_ a: Node, within care: Node) -> Node {
        // A result depends on (f, c) alone, so it goes into the lossy cache with and/or/minus (as operation 3):
        // the trace simplifies many conditions within the same care set, whose sub-results recur.
        func go(_ f: Node, _ c: Node) -> Node {
            if c == Self.never { return Self.never }
            if c == Self.always || f <= Self.always { return f }
            let key = 3 << 62 | UInt64(UInt32(f)) << 31 | UInt64(UInt32(c))
            let slot = Self.slot(key)
            if cacheKeys[slot] == key { return cacheValues[slot] }
            let lf = Int(level[Int(f)]), lc = Int(level[Int(c)])
            let result: Node
            if lc < lf {
                // `a` does not test this variable of the care set: the result should not either.
                let s = Int(start[Int(c)])
                var any = Self.never
                for j in 0..<sizes[lc] {
                    any = or(any, children[s + j])
                    if any == Self.always { break }
                }
                result = go(f, any)
            } else {
                // Children are built on the scratch stack (the recursion pushes and pops its own above them): a wide
                // variable (a code list) would otherwise cost arrays of its width at every node.
                let v = lf, sf = Int(start[Int(f)]), k = sizes[v]
                var first = -1, second = -1
                for j in 0..<k where child(c, Int32(v), j) != Self.never {
                    if first < 0 { first = j } else { second = j; break }
                }
                if second < 0 {
                    // One live value (there is one: `c` is not `never`).
                    result = go(children[sf + first], child(c, Int32(v), first))
                } else {
                    let base = scratch.count
                    scratch.append(repeating: Self.never, count: k)
                    for j in 0..<k {
                        let care = child(c, Int32(v), j)
                        if care != Self.never { scratch[base + j] = go(children[sf + j], care) }
                    }
                    // Values the care set rules out may take any result: the first live one, so that equal children merge.
                    for j in 0..<k where child(c, Int32(v), j) == Self.never { scratch[base + j] = scratch[base + first] }
                    result = makeFromScratch(v, base)
                    scratch.removeLast(k)
                }
            }
            cacheKeys[slot] = key
            cacheValues[slot] = result
            return result
        }
        return go(a, care)
    }

    /// The assignments of the other variables that some values of `variables` complete into `a`.
    func exists(_ a: Node, _ variables: Set<Int>) -> Node {
        // Results are cached by (variable set, node) across calls: the condition writer quantifies the same answers
        // out of many conditions.
        let set = UInt64(quantifiedSets[variables] ?? {
            let id = Int32(quantifiedSets.count)
            quantifiedSets[variables] = id
            return id
        }())
        let (quantifiedKeys, quantifiedValues) = (self.quantifiedKeys, self.quantifiedValues)
        var quantified = [Bool](repeating: false, count: sizes.count)
        for v in variables where v < sizes.count { quantified[v] = true }
        func go(_ n: Node) -> Node {
            if n <= Self.always { return n }
            let key = set << 32 | UInt64(UInt32(n))
            let slot = Self.slot(key)
            if quantifiedKeys[slot] == key { return quantifiedValues[slot] }
            let l = Int(level[Int(n)]), s = Int(start[Int(n)])
            let result: Node
            if quantified[l] {
                var any = Self.never
                for j in 0..<sizes[l] {
                    any = or(any, go(children[s + j]))
                    if any == Self.always { break }
                }
                result = any
            } else {
                // Children on the scratch stack, as in `apply` (each call leaves it as it found it).
                let base = scratch.count
                for j in 0..<sizes[l] { let kid = go(children[s + j]); scratch.append(kid) }
                result = makeFromScratch(l, base)
                scratch.removeLast(sizes[l])
            }
            quantifiedKeys[slot] = key
            quantifiedValues[slot] = result
            return result
        }
        return go(a)
    }

    /// Ids of the variable sets `exists` has quantified, for its cache keys.
    private var quantifiedSets: [Set<Int>: Int32] = [:]
    // Made on the first `exists`: most assessments never quantify.
    private lazy var quantifiedKeys = DiagramBuffer<UInt64>(repeating: .max, count: Self.cacheSize)
    private lazy var quantifiedValues = DiagramBuffer<Node>(repeating: 0, count: Self.cacheSize)

    @inline(__always)
    private static func slot(_ key: UInt64) -> Int { Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> (64 - 16)) }

    /// The variables the condition depends on.
    func support(_ a: Node, into found: inout Set<Int>) {
        // Nodes visited in this walk carry its number in `visits` (a set of nodes would hash each one), and a wide
        // node's many equal children are pushed once.
        while visits.count < level.count { visits.append(0) }
        visit &+= 1
        if visit == 0 {
            for i in 0..<visits.count { visits[i] = 0 }
            visit = 1
        }
        var tested = [Bool](repeating: false, count: sizes.count)
        var stack = [a]
        while let n = stack.popLast() {
            guard n > Self.always, visits[Int(n)] != visit else { continue }
            visits[Int(n)] = visit
            let l = Int(level[Int(n)]), s = Int(start[Int(n)])
            tested[l] = true
            for j in 0..<sizes[l] {
                let kid = children[s + j]
                if kid > Self.always, visits[Int(kid)] != visit { stack.append(kid) }
            }
        }
        for v in tested.indices where tested[v] { found.insert(v) }
    }

    /// Per node, the number of the last `support` walk that reached it.
    @exclusivity(unchecked) private var visits = DiagramBuffer<UInt32>(capacity: 4096)
    @exclusivity(unchecked) private var visit: UInt32 = 0

    func support(_ a: Node) -> Set<Int> {
        var found: Set<Int> = []
        support(a, into: &found)
        return found
    }

    /// A conjunction of "variable takes one of these values"; a variable not mentioned is free.
    typealias Cube = [Int: Set<Int>]

    func node(_ cube: Cube) -> Node {
        and(cube.map { literal($0.key, $0.value) })
    }

    /// Whether every assignment in `cube` is in `a`.
    func implies(_ cube: Cube, _ a: Node) -> Bool {
        var seen: Set<Node> = []
        func go(_ n: Node) -> Bool {
            if n == Self.always { return true }
            if n == Self.never { return false }
            if !seen.insert(n).inserted { return true }
            let l = Int(level[Int(n)]), s = Int(start[Int(n)])
            if let allowed = cube[l] { return allowed.allSatisfy { go(children[s + $0]) } }
            return (0..<sizes[l]).allSatisfy { go(children[s + $0]) }
        }
        return go(a)
    }

    /// The paths to `always`, each a cube whose variables take the listed values (values sharing a child are
    /// one edge), in variable order then value order.
    func paths(_ a: Node) -> [[(variable: Int, values: [Int])]] {
        var result: [[(variable: Int, values: [Int])]] = []
        var path: [(variable: Int, values: [Int])] = []
        func go(_ n: Node) {
            if n == Self.never { return }
            if n == Self.always { result.append(path); return }
            let l = Int(level[Int(n)]), s = Int(start[Int(n)])
            var groups: [(child: Node, values: [Int])] = []
            for value in 0..<sizes[l] {
                let c = children[s + value]
                if c == Self.never { continue }
                if let i = groups.firstIndex(where: { $0.child == c }) { groups[i].values.append(value) } else { groups.append((c, [value])) }
            }
            for group in groups {
                path.append((l, group.values))
                go(group.child)
                path.removeLast()
            }
        }
        go(a)
        return result
    }

    /// An irredundant sum of products equal to `a`: each product a list of (variable, value) literals, variables in
    /// order (Minato–Morreale's ISOP, with one branch per value and products free of the variable shared).
    func cover(_ a: Node) -> [[(Int, Int)]] { cover(a, upTo: a) }

    /// An irredundant sum of products that contains `lower` and lies inside `upper` (assignments between the two
    /// are "don't care").
    func cover(_ lower: Node, upTo upper: Node) -> [[(Int, Int)]] {
        let found = coverChains(lower, upTo: upper)
        return found.heads.map { head in
            var product: [(Int, Int)] = []
            var cell = head
            while cell >= 0 {
                product.append((Int(found.literals[Int(cell)].0), Int(found.literals[Int(cell)].1)))
                cell = found.next[Int(cell)]
            }
            return product
        }
    }

    /// The cover of `cover(_:upTo:)` as its products' chains: a product is the literals (variable, value) from its
    /// head along `next` to -1, variables in order. `ProductPacker` reads them without a list per literal.
    func coverChains(_ lower: Node, upTo upper: Node) -> (literals: [(Int32, Int32)], next: [Int32], heads: [Int32]) {
        // Products share their tails (a branch prefixes one literal to every product below it), so each is a chain of
        // cells in `literals`/`next` (-1 ends it) and a list of products is a list of chain heads; they are written
        // out as literal lists once, at the end.
        var literals: [(Int32, Int32)] = []
        var next: [Int32] = []
        var memo: [UInt64: (Node, [Int32])] = [:]
        let empty: Int32 = -1
        func isop(_ lower: Node, _ upper: Node) -> (Node, [Int32]) {
            if lower == Self.never { return (Self.never, []) }
            if upper == Self.always { return (Self.always, [empty]) }
            let key = UInt64(UInt32(lower)) << 32 | UInt64(UInt32(upper))
            if let known = memo[key] { return known }
            let v = min(level[Int(lower)], level[Int(upper)])
            let k = sizes[Int(v)]
            var shared = Self.always
            for value in 0..<k {
                shared = and(shared, child(upper, v, value))
                if shared == Self.never { break }
            }
            var node = Self.never
            var products: [Int32] = []
            var rest = Self.never
            for value in 0..<k {
                let low = child(lower, v, value)
                // What only this value of v can cover: the part of the lower bound outside every other value's reach.
                let (part, own) = isop(minus(low, shared), child(upper, v, value))
                if part != Self.never {
                    // `part` tests only variables after `v`: "v = value and part" is one node.
                    let base = scratch.count
                    scratch.append(repeating: Self.never, count: k)
                    scratch[base + value] = part
                    node = or(node, makeFromScratch(Int(v), base))
                    scratch.removeLast(k)
                    for tail in own {
                        literals.append((v, Int32(value)))
                        next.append(tail)
                        products.append(Int32(next.count - 1))
                    }
                }
                rest = or(rest, minus(low, part))
            }
            let (free, freeProducts) = isop(rest, shared)
            node = or(node, free)
            products += freeProducts
            memo[key] = (node, products)
            return (node, products)
        }
        let heads = isop(lower, upper).1
        return (literals, next, heads)
    }
}

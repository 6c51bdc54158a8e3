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
    /// `sizes` again, read without an array's bounds check on the hot paths.
    @exclusivity(unchecked) private var widths = DiagramBuffer<Int32>(capacity: 16)

    // The nodes, and their children. No access to one of these tables overlaps another to it: the runtime's
    // exclusivity check on each would cost more than the work itself, so it is off for them.
    @exclusivity(unchecked) private var nodes = DiagramBuffer<DiagramNode>(capacity: 4096)
    @exclusivity(unchecked) private var children = DiagramBuffer<Int32>(capacity: 16384)

    // Per node: a bitset of the values whose child is not `never`, `(size + 63) / 64` words from its `liveStart`. A
    // variable with hundreds of values (a code list) gives wide nodes of which conditions use one or two children;
    // and/or/minus of two such nodes then visit only the values the bitsets leave possible, not every child.
    @exclusivity(unchecked) private var live = DiagramBuffer<UInt64>(capacity: 4096)

    // Hash-consing: open addressing over node ids (-1 empty), keyed by (variable, children).
    @exclusivity(unchecked) private var slots = DiagramBuffer<Int32>(repeating: -1, count: 1024)
    @exclusivity(unchecked) private var used = 0

    /// Results of and/or/minus and simplify, grown with `slots` up to `cacheLimit` slots.
    @exclusivity(unchecked) private var cache = DiagramCache(count: 1024)
    private static let cacheLimit = 1 << 16

    init(sizes: [Int]) {
        self.sizes = sizes
        let terminal = Int32(sizes.count)
        for _ in 0..<2 { nodes.append(DiagramNode(hash: 0, level: terminal, start: 0, liveStart: 0, negation: 0)) }
        for size in sizes { widths.append(Int32(size)) }
    }

    deinit {
        for buffer in [children, slots, scratch, widths] { buffer.free() }
        nodes.free()
        live.free()
        cache.free()
        existsMemo?.free()
        visits.free()
        tested.free()
        walk.free()
    }

    var nodeCount: Int { nodes.count }

    func variable(of node: Node) -> Int? {
        let v = Int(nodes[Int(node)].level)
        return v < sizes.count ? v : nil
    }

    /// The child of `node` for value `value` of variable `v`, which `node` may not test (then it is its own child).
    @inline(__always)
    func child(_ node: Node, _ v: Int32, _ value: Int) -> Node {
        nodes[Int(node)].level == v ? children[Int(nodes[Int(node)].start) + value] : node
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
        // Index arithmetic wraps (`&+`): indices are the diagram's own and in range, and a checked add per child
        // is a good part of the cost of a node of a few children.
        let k = Int(widths[v])
        let kids = scratch.base + base
        let first = kids[0]
        var same = true
        var hash = UInt64(truncatingIfNeeded: v) &* 0x9E37_79B9_7F4A_7C15
        for j in 0..<k {
            let kid = kids[j]
            if kid != first { same = false }
            hash = (hash ^ UInt64(UInt32(bitPattern: kid))) &* 0x1000_0000_01B3
        }
        if same { return first }
        let mask = slots.count &- 1
        var i = Int(truncatingIfNeeded: hash >> 7) & mask
        while slots[i] >= 0 {
            let n = Int(slots[i])
            // The stored hash rejects almost every other node before a child is compared.
            if nodes[n].hash == hash, Int(nodes[n].level) == v {
                let other = children.base + Int(nodes[n].start)
                var equal = true
                for j in 0..<k where other[j] != kids[j] { equal = false; break }
                if equal { return Node(n) }
            }
            i = (i &+ 1) & mask
        }
        let node = Node(truncatingIfNeeded: nodes.count)
        nodes.append(DiagramNode(hash: hash, level: Int32(truncatingIfNeeded: v),
                                 start: Int32(truncatingIfNeeded: children.count),
                                 liveStart: Int32(truncatingIfNeeded: live.count), negation: 0))
        children.append(copying: kids, count: k)
        var word = 0
        while word << 6 < k {
            var bits: UInt64 = 0
            for j in word << 6..<min(k, word << 6 &+ 64) where kids[j] != Self.never { bits |= 1 << UInt64(j & 63) }
            live.append(bits)
            word &+= 1
        }
        slots[i] = node
        used &+= 1
        if used &* 2 > slots.count { grow() }
        return node
    }

    private func grow() {
        let bigger = DiagramBuffer<Int32>(repeating: -1, count: slots.count * 2)
        let mask = bigger.count - 1
        for n in 2..<nodes.count {
            var i = Int(truncatingIfNeeded: nodes[n].hash >> 7) & mask
            while bigger[i] >= 0 { i = (i + 1) & mask }
            bigger[i] = Int32(n)
        }
        slots.free()
        slots = bigger
        if cache.count < min(slots.count, Self.cacheLimit) { cache.grow(to: min(slots.count, Self.cacheLimit)) }
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
        let known = nodes[Int(a)].negation
        if known != 0 { return known }
        let result = mapChildren(a) { self.not($0) }
        nodes[Int(a)].negation = result
        nodes[Int(result)].negation = a
        return result
    }

    /// The node testing `n`'s variable with `transform` of each of `n`'s children, in value order (built on the
    /// scratch stack: an array per node would cost an allocation for each).
    @inline(__always)
    private func mapChildren(_ n: Node, _ transform: (Node) -> Node) -> Node {
        let l = Int(nodes[Int(n)].level), s = Int(nodes[Int(n)].start), k = Int(widths[l])
        let base = scratch.count
        for j in 0..<k {
            let kid = transform(children[s + j])
            scratch.append(kid)
        }
        let result = sameChildren(s, base, k) ? n : makeFromScratch(l, base)
        scratch.removeLast(k)
        return result
    }

    /// Whether the `k` children at `scratch[base...]` are those starting at `children[start]` (`start` < 0: none).
    /// A result whose children are an operand's is that operand: no lookup in the unique table, whose random
    /// reads are most of the cost of making a node.
    @inline(__always)
    private func sameChildren(_ start: Int, _ base: Int, _ k: Int) -> Bool {
        guard start >= 0 else { return false }
        let kids = scratch.base + base, other = children.base + start
        for j in 0..<k where kids[j] != other[j] { return false }
        return true
    }

    func and(_ a: Node, _ b: Node) -> Node {
        if a == Self.never || b == Self.never { return Self.never }
        if a == Self.always { return b }
        if b == Self.always || a == b { return a }
        return cached(0, min(a, b), max(a, b))
    }

    func or(_ a: Node, _ b: Node) -> Node {
        if a == Self.always || b == Self.always { return Self.always }
        if a == Self.never { return b }
        if b == Self.never || a == b { return a }
        return cached(1, min(a, b), max(a, b))
    }

    /// `a` and not `b`, without building the negation of `b` (most of which `a` never reaches).
    func minus(_ a: Node, _ b: Node) -> Node {
        if a == Self.never || b == Self.always || a == b { return Self.never }
        if b == Self.never { return a }
        if a == Self.always { return not(b) }
        return cached(2, a, b)
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

    /// Whether `a` and `b` share an assignment: `and(a, b) != never`, decided without making the conjunction's
    /// nodes (most of an and's cost), stopping at the first shared assignment. Pairs found disjoint go into the
    /// and cache as what they are, `never`.
    func intersects(_ a: Node, _ b: Node) -> Bool {
        if a == Self.never || b == Self.never { return false }
        if a == Self.always || b == Self.always || a == b { return true }
        let x = min(a, b), y = max(a, b)
        let key = UInt64(UInt32(x)) << 31 | UInt64(UInt32(y))
        if let known = cache.value(for: key) { return known != Self.never }
        let la = nodes[Int(x)].level, lb = nodes[Int(y)].level
        let v = min(la, lb)
        let k = Int(widths[Int(v)]), w = (k &+ 63) >> 6
        let ca = la == v ? Int(nodes[Int(x)].start) : -1, cb = lb == v ? Int(nodes[Int(y)].start) : -1
        let sa = ca >= 0 ? Int(nodes[Int(x)].liveStart) : -1, sb = cb >= 0 ? Int(nodes[Int(y)].liveStart) : -1
        for i in 0..<w {
            var bits = (sa < 0 ? ~0 : live[sa &+ i]) & (sb < 0 ? ~0 : live[sb &+ i])
            while bits != 0 {
                let value = i << 6 | bits.trailingZeroBitCount
                guard value < k else { break }
                bits &= bits &- 1
                if intersects(ca < 0 ? x : children[ca &+ value], cb < 0 ? y : children[cb &+ value]) { return true }
            }
        }
        cache.store(Self.never, for: key)
        return false
    }

    /// The result of and (op 0), or (op 1) or minus (op 2) from the lossy cache, else computed. Inlined into the
    /// operations (and so into `apply`'s own recursion): most calls are hits, which then cost no call.
    @inline(__always)
    private func cached(_ op: UInt64, _ a: Node, _ b: Node) -> Node {
        let key = op << 62 | UInt64(UInt32(a)) << 31 | UInt64(UInt32(b))
        if let known = cache.value(for: key) { return known }
        switch op {
        case 0: return applyAnd(a, b, key)
        case 1: return applyOr(a, b, key)
        default: return applyMinus(a, b, key)
        }
    }

    // `apply` once per operation, each with its operation a constant: the tests on it leave the loop over children.
    private func applyAnd(_ a: Node, _ b: Node, _ key: UInt64) -> Node { apply(0, a, b, key) }
    private func applyOr(_ a: Node, _ b: Node, _ key: UInt64) -> Node { apply(1, a, b, key) }
    private func applyMinus(_ a: Node, _ b: Node, _ key: UInt64) -> Node { apply(2, a, b, key) }

    @inline(__always)
    private func apply(_ op: UInt64, _ a: Node, _ b: Node, _ key: UInt64) -> Node {
        let la = nodes[Int(a)].level, lb = nodes[Int(b)].level
        let v = min(la, lb)
        let k = Int(widths[Int(v)]), w = (k &+ 63) >> 6
        // Where each side's children start; -1: the side does not test `v` and is its own child for every value.
        let ca = la == v ? Int(nodes[Int(a)].start) : -1, cb = lb == v ? Int(nodes[Int(b)].start) : -1
        // A child can be other than `never` only at values live in both sides (and: op 0), in either (or: op 1), or
        // in `a` (minus: op 2); a side not testing `v` is live everywhere. Only those values are visited, in value
        // order, so nodes are made in the order a walk over every value would make them.
        let sa = ca >= 0 ? Int(nodes[Int(a)].liveStart) : -1
        let sb = op != 2 && cb >= 0 ? Int(nodes[Int(b)].liveStart) : -1
        if op == 0, sa >= 0, sb >= 0, !(0..<w).contains(where: { live[sa &+ $0] & live[sb &+ $0] != 0 }) {
            return Self.never
        }
        let base = scratch.count
        scratch.append(repeating: Self.never, count: k)
        var any = false
        for i in 0..<w {
            let liveA = sa < 0 ? ~0 : live[sa &+ i], liveB = sb < 0 ? ~0 : live[sb &+ i]
            var bits = op == 1 ? liveA | liveB : liveA & liveB
            while bits != 0 {
                let value = i << 6 | bits.trailingZeroBitCount
                guard value < k else { break }
                bits &= bits &- 1
                let x = ca < 0 ? a : children[ca &+ value], y = cb < 0 ? b : children[cb &+ value]
                let kid = op == 0 ? and(x, y) : op == 1 ? or(x, y) : minus(x, y)
                scratch[base &+ value] = kid
                if kid != Self.never { any = true }
            }
        }
        let result = !any ? Self.never : sameChildren(ca, base, k) ? a : sameChildren(cb, base, k) ? b : makeFromScratch(Int(v), base)
        scratch.removeLast(k)
        cache.store(result, for: key)
        return result
    }

    /// The condition with variable `v` fixed to `value`.
    func restrict(_ a: Node, _ v: Int, _ value: Int) -> Node {
        var seen: [Node: Node] = [:]
        func go(_ n: Node) -> Node {
            let l = Int(nodes[Int(n)].level)
            if l > v { return n }
            if let known = seen[n] { return known }
            let result = l == v ? children[Int(nodes[Int(n)].start) + value] : mapChildren(n, go)
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
            if let known = cache.value(for: key) { return known }
            let lf = Int(nodes[Int(f)].level), lc = Int(nodes[Int(c)].level)
            let result: Node
            if lc < lf {
                // `a` does not test this variable of the care set: the result should not either.
                let s = Int(nodes[Int(c)].start)
                var any = Self.never
                for j in 0..<sizes[lc] {
                    any = or(any, children[s + j])
                    if any == Self.always { break }
                }
                result = go(f, any)
            } else {
                // Children are built on the scratch stack (the recursion pushes and pops its own above them): a wide
                // variable (a code list) would otherwise cost arrays of its width at every node.
                let v = lf, sf = Int(nodes[Int(f)].start), k = sizes[v]
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
                    result = sameChildren(sf, base, k) ? f : makeFromScratch(v, base)
                    scratch.removeLast(k)
                }
            }
            cache.store(result, for: key)
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
        // Grown here only, never inside the walk, which holds the table's storage.
        let memo: DiagramCache
        if let known = existsMemo, known.count >= cache.count {
            memo = known
        } else {
            var grown = existsMemo ?? DiagramCache(count: cache.count)
            if grown.count < cache.count { grown.grow(to: cache.count) }
            memo = grown
            existsMemo = grown
        }
        var quantified = [Bool](repeating: false, count: sizes.count)
        for v in variables where v < sizes.count { quantified[v] = true }
        func go(_ n: Node) -> Node {
            if n <= Self.always { return n }
            let key = set << 32 | UInt64(UInt32(n))
            if let known = memo.value(for: key) { return known }
            let l = Int(nodes[Int(n)].level), s = Int(nodes[Int(n)].start)
            let result: Node
            if quantified[l] {
                var any = Self.never
                for j in 0..<sizes[l] {
                    any = or(any, go(children[s + j]))
                    if any == Self.always { break }
                }
                result = any
            } else {
                result = mapChildren(n, go)
            }
            memo.store(result, for: key)
            return result
        }
        return go(a)
    }

    /// Ids of the variable sets `exists` has quantified, for its cache keys.
    private var quantifiedSets: [Set<Int>: Int32] = [:]
    /// `exists` results, made on the first `exists` (most assessments never quantify) as large as `cache`.
    private var existsMemo: DiagramCache?

    /// The variables the condition depends on.
    func support(_ a: Node, into found: inout Set<Int>) {
        // Nodes reached in this walk carry its number in `visits` (a set of nodes would hash each one), marked when
        // pushed so that a node many parents share is pushed once; the stack and the variables' marks are kept
        // between walks.
        while visits.count < nodes.count { visits.append(0) }
        visit &+= 1
        if visit == 0 {
            for i in 0..<visits.count { visits[i] = 0 }
            for v in 0..<tested.count { tested[v] = 0 }
            visit = 1
        }
        while tested.count < sizes.count { tested.append(0) }
        guard a > Self.always else { return }
        visits[Int(a)] = visit
        walk.append(a)
        var count = 0
        while walk.count > 0 {
            let n = Int(walk[walk.count &- 1])
            walk.removeLast(1)
            let l = Int(nodes[n].level), s = Int(nodes[n].start)
            if tested[l] != visit {
                tested[l] = visit
                count &+= 1
            }
            for j in 0..<Int(widths[l]) {
                let kid = children[s &+ j]
                if kid > Self.always, visits[Int(kid)] != visit {
                    visits[Int(kid)] = visit
                    walk.append(kid)
                }
            }
        }
        // One allocation for a fresh set rather than one per doubling.
        if found.isEmpty { found.reserveCapacity(count) }
        for v in 0..<sizes.count where tested[v] == visit { found.insert(v) }
    }

    /// Per node, the number of the last `support` walk that reached it; per variable, of the last that found it
    /// tested; the walk's stack.
    @exclusivity(unchecked) private var visits = DiagramBuffer<UInt32>(capacity: 4096)
    @exclusivity(unchecked) private var visit: UInt32 = 0
    @exclusivity(unchecked) private var tested = DiagramBuffer<UInt32>(capacity: 64)
    @exclusivity(unchecked) private var walk = DiagramBuffer<Node>(capacity: 256)

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
            let l = Int(nodes[Int(n)].level), s = Int(nodes[Int(n)].start)
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
            let l = Int(nodes[Int(n)].level), s = Int(nodes[Int(n)].start)
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
        // A list of products is a range of `lists`, where each call leaves its own (the one of `always`, the empty
        // product, first); the memo keeps ranges, not an array per call. A call gathers its new heads on `pending`
        // above what its callers gathered, and moves them into `lists` when it ends.
        var lists: [Int32] = [-1]
        var pending: [Int32] = []
        var memo: [UInt64: (node: Node, start: Int32, count: Int32)] = [:]
        func isop(_ lower: Node, _ upper: Node) -> (node: Node, start: Int32, count: Int32) {
            if lower == Self.never { return (Self.never, 0, 0) }
            if upper == Self.always { return (Self.always, 0, 1) }
            let key = UInt64(UInt32(lower)) << 32 | UInt64(UInt32(upper))
            if let known = memo[key] { return known }
            let v = min(nodes[Int(lower)].level, nodes[Int(upper)].level)
            let k = sizes[Int(v)]
            // An upper bound that does not test `v` is every value's child: what all values share is itself.
            var shared = nodes[Int(upper)].level == v ? Self.always : upper
            if nodes[Int(upper)].level == v {
                for value in 0..<k {
                    shared = and(shared, child(upper, v, value))
                    if shared == Self.never { break }
                }
            }
            var node = Self.never
            let base = pending.count
            var rest = Self.never
            // A value where the lower bound is `never` has nothing to cover and adds nothing to the rest: only the
            // others are visited (a code list's node has hundreds of values, of which a condition uses a few).
            let lowerTests = nodes[Int(lower)].level == v
            let lowStart = lowerTests ? Int(nodes[Int(lower)].start) : -1
            for value in 0..<k {
                let low = lowerTests ? children[lowStart &+ value] : lower
                if low == Self.never { continue }
                // What only this value of v can cover: the part of the lower bound outside every other value's reach.
                let own = isop(minus(low, shared), child(upper, v, value))
                let part = own.node
                if part != Self.never {
                    // `part` tests only variables after `v`: "v = value and part" is one node.
                    let at = scratch.count
                    scratch.append(repeating: Self.never, count: k)
                    scratch[at + value] = part
                    node = or(node, makeFromScratch(Int(v), at))
                    scratch.removeLast(k)
                    for i in Int(own.start)..<Int(own.start + own.count) {
                        literals.append((v, Int32(value)))
                        next.append(lists[i])
                        pending.append(Int32(next.count - 1))
                    }
                }
                rest = or(rest, minus(low, part))
            }
            let free = isop(rest, shared)
            node = or(node, free.node)
            let start = Int32(lists.count)
            lists.append(contentsOf: pending[base...])
            for i in Int(free.start)..<Int(free.start + free.count) { lists.append(lists[i]) }
            pending.removeLast(pending.count - base)
            let found = (node: node, start: start, count: Int32(lists.count) - start)
            memo[key] = found
            return found
        }
        let top = isop(lower, upper)
        return (literals, next, Array(lists[Int(top.start)..<Int(top.start + top.count)]))
    }
}

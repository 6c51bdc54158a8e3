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
    // The arrays below are touched millions of times per assessment by one thread (a diagram is never shared), and
    // no access overlaps another to the same array: the runtime's exclusivity check on each costs more than the
    // work itself, so it is off for them.
    @exclusivity(unchecked) private var level: [Int32]
    @exclusivity(unchecked) private var start: [Int32]
    @exclusivity(unchecked) private var children: [Int32] = []

    // Per node: a bitset of the values whose child is not `never`, `words[v]` words from `liveStart`. A variable
    // with hundreds of values (a code list) gives wide nodes of which conditions use one or two children; `and`
    // of two such nodes is then decided on the bitsets, not child by child.
    @exclusivity(unchecked) private var liveStart: [Int32]
    @exclusivity(unchecked) private var live: [UInt64] = []
    private let words: [Int]

    // Hash-consing: open addressing over node ids (-1 empty), keyed by (variable, children).
    @exclusivity(unchecked) private var slots: [Int32]
    @exclusivity(unchecked) private var used = 0

    // A lossy cache of and/or results (as decision-diagram packages keep): a miss only costs recomputation.
    @exclusivity(unchecked) private var cacheKeys = [UInt64](repeating: .max, count: 1 << 16)
    @exclusivity(unchecked) private var cacheValues = [Node](repeating: 0, count: 1 << 16)
    private var negations: [Node: Node] = [:]

    init(sizes: [Int]) {
        self.sizes = sizes
        let terminal = Int32(sizes.count)
        level = [terminal, terminal]
        start = [0, 0]
        liveStart = [0, 0]
        words = sizes.map { ($0 + 63) / 64 }
        slots = Array(repeating: -1, count: 1024)
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
        scratch.append(contentsOf: kids)
        let node = makeFromScratch(v, base)
        scratch.removeLast(kids.count)
        return node
    }

    /// Children being built, as a stack (recursive operations push and pop their own).
    @exclusivity(unchecked) private var scratch: [Node] = []

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
        children.append(contentsOf: scratch[base..<(base + k)])
        liveStart.append(Int32(live.count))
        let w = live.count
        live.append(contentsOf: repeatElement(0, count: words[v]))
        for j in 0..<k where scratch[base + j] != Self.never { live[w + j >> 6] |= 1 << UInt64(j & 63) }
        slots[i] = node
        used += 1
        if used * 2 > slots.count { grow() }
        return node
    }

    private func grow() {
        var bigger = Array(repeating: Int32(-1), count: slots.count * 2)
        let mask = bigger.count - 1
        for n in 2..<level.count {
            let v = Int(level[n]), s = Int(start[n])
            var hash = UInt64(v) &* 0x9E37_79B9_7F4A_7C15
            for j in 0..<sizes[v] { hash = (hash ^ UInt64(UInt32(bitPattern: children[s + j]))) &* 0x1000_0000_01B3 }
            var i = Int(truncatingIfNeeded: hash >> 7) & mask
            while bigger[i] >= 0 { i = (i + 1) & mask }
            bigger[i] = Int32(n)
        }
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

    /// `a` and not `b`.
    func minus(_ a: Node, _ b: Node) -> Node { and(a, not(b)) }

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
        let slot = Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 48)
        if cacheKeys[slot] == key { return cacheValues[slot] }
        let la = level[Int(a)], lb = level[Int(b)]
        let v = min(la, lb)
        let k = sizes[Int(v)]
        let base = scratch.count
        if op == 0 {
            // Only values live in both (or in the one node testing `v`) can give a child other than `never`.
            let w = words[Int(v)]
            let sa = la == v ? Int(liveStart[Int(a)]) : -1, sb = lb == v ? Int(liveStart[Int(b)]) : -1
            if sa >= 0, sb >= 0, !(0..<w).contains(where: { live[sa + $0] & live[sb + $0] != 0 }) { return Self.never }
            scratch.append(contentsOf: repeatElement(Self.never, count: k))
            var any = false
            for i in 0..<w {
                var bits = (sa < 0 ? ~0 : live[sa + i]) & (sb < 0 ? ~0 : live[sb + i])
                while bits != 0 {
                    let value = i << 6 | bits.trailingZeroBitCount
                    bits &= bits - 1
                    guard value < k else { break }
                    let kid = and(child(a, v, value), child(b, v, value))
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
        var seen: [UInt64: Node] = [:]
        func go(_ f: Node, _ c: Node) -> Node {
            if c == Self.never { return Self.never }
            if c == Self.always || f <= Self.always { return f }
            let key = UInt64(UInt32(f)) << 32 | UInt64(UInt32(c))
            if let known = seen[key] { return known }
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
                    scratch.append(contentsOf: repeatElement(Self.never, count: k))
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
            seen[key] = result
            return result
        }
        return go(a, care)
    }

    /// The assignments of the other variables that some values of `variables` complete into `a`.
    func exists(_ a: Node, _ variables: Set<Int>) -> Node {
        var seen: [Node: Node] = [:]
        func go(_ n: Node) -> Node {
            if n <= Self.always { return n }
            if let known = seen[n] { return known }
            let l = Int(level[Int(n)]), s = Int(start[Int(n)])
            let kids = (0..<sizes[l]).map { go(children[s + $0]) }
            let result = variables.contains(l) ? or(kids) : make(l, kids)
            seen[n] = result
            return result
        }
        return go(a)
    }

    /// The variables the condition depends on.
    func support(_ a: Node, into found: inout Set<Int>) {
        var seen: Set<Node> = []
        var stack = [a]
        while let n = stack.popLast() {
            guard n > Self.always, seen.insert(n).inserted else { continue }
            found.insert(Int(level[Int(n)]))
            let s = Int(start[Int(n)])
            for j in 0..<sizes[Int(level[Int(n)])] { stack.append(children[s + j]) }
        }
    }

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
        var memo: [UInt64: (Node, [[(Int, Int)]])] = [:]
        func isop(_ lower: Node, _ upper: Node) -> (Node, [[(Int, Int)]]) {
            if lower == Self.never { return (Self.never, []) }
            if upper == Self.always { return (Self.always, [[]]) }
            let key = UInt64(UInt32(lower)) << 32 | UInt64(UInt32(upper))
            if let known = memo[key] { return known }
            let v = min(level[Int(lower)], level[Int(upper)])
            let k = sizes[Int(v)]
            let lows = (0..<k).map { child(lower, v, $0) }, highs = (0..<k).map { child(upper, v, $0) }
            let shared = and(highs)
            var node = Self.never
            var products: [[(Int, Int)]] = []
            var rest = Self.never
            for value in 0..<k {
                // What only this value of v can cover: the part of the lower bound outside every other value's reach.
                let (part, own) = isop(minus(lows[value], shared), highs[value])
                if part != Self.never {
                    node = or(node, and(literal(Int(v), [value]), part))
                    products += own.map { [(Int(v), value)] + $0 }
                }
                rest = or(rest, minus(lows[value], part))
            }
            let (free, freeProducts) = isop(rest, shared)
            node = or(node, free)
            products += freeProducts
            memo[key] = (node, products)
            return (node, products)
        }
        return isop(lower, upper).1
    }
}

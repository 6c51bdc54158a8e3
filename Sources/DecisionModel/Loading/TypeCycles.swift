/// Item definitions whose typeRef chain comes back to them (`tA` → `tB` → `tA`): such a type has no base type,
/// and checking a value against it never ended (a fuzzed model overflowed the stack).
enum TypeCycles {
    /// Each item definition on a cycle, with the cycle spelled from it (`tA → tB → tA`). The typeRefs form a
    /// graph with at most one edge per item, so each item is walked once.
    static func find(_ items: [String: ItemDefinition]) -> [(name: String, cycle: String)] {
        var found: [(name: String, cycle: String)] = []
        var state: [String: Bool] = [:]   // false: on the current walk, true: done
        for start in items.keys.sorted() where state[start] == nil {
            var walk: [String] = []
            var next: String? = start
            while let name = next, state[name] == nil, let item = items[name] {
                state[name] = false
                walk.append(name)
                // A collection, structure or function type checks parts of the value, never the value itself again.
                let plain = !item.isCollection && item.components.isEmpty && item.functionItem == nil
                next = plain ? item.typeRef.map(DMNModel.localTypeName) : nil
            }
            if let name = next, state[name] == false, let first = walk.firstIndex(of: name) {
                let cycle = Array(walk[first...])
                for (index, member) in cycle.enumerated() {
                    let path = cycle[index...] + cycle[..<index] + [member]
                    found.append((member, path.joined(separator: " → ")))
                }
            }
            for name in walk { state[name] = true }
        }
        return found.sorted { $0.name < $1.name }
    }
}

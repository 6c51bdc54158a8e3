/// A cache that keeps what is in use when more comes than it holds: entries go to a newer half; when that fills up,
/// it becomes the older half and the previous older half is dropped; an entry found in the older half moves back to
/// the newer. At most `2 × limit` entries, and an entry met again within `limit` insertions always survives, so a
/// batch meeting more plans than fit keeps its common ones instead of starting from nothing every `limit` plans.
struct RecentCache<Key: Hashable, Value> {
    let limit: Int
    private var newer: [Key: Value] = [:]
    private var older: [Key: Value] = [:]

    init(limit: Int) {
        self.limit = max(limit, 1)
    }

    var count: Int { newer.count + older.count }

    mutating func value(for key: Key) -> Value? {
        if let known = newer[key] { return known }
        guard let known = older.removeValue(forKey: key) else { return nil }
        insert(known, for: key)
        return known
    }

    mutating func insert(_ value: Value, for key: Key) {
        if newer[key] == nil && newer.count >= limit {
            older = newer
            newer = [:]
        }
        newer[key] = value
    }

    mutating func removeAll() {
        newer = [:]
        older = [:]
    }
}

extension RecentCache: Sendable where Key: Sendable, Value: Sendable {}

extension JSON: Equatable, Hashable {
    /// JSON equality: numbers by value, strings by code points, objects regardless of order.
    ///
    /// Nested values are compared from an explicit work list, not by recursion, so values nested
    /// as deeply as the parser allows cannot overflow the stack.
    public static func == (a: JSON, b: JSON) -> Bool {
        var pending: [(JSON, JSON)] = []
        guard shallowEqual(a, b, deferringTo: &pending) else { return false }
        while let (x, y) = pending.popLast() {
            guard shallowEqual(x, y, deferringTo: &pending) else { return false }
        }
        return true
    }

    /// Compares scalars and container sizes; queues the children of containers in `pending`.
    private static func shallowEqual(_ a: JSON, _ b: JSON, deferringTo pending: inout [(JSON, JSON)]) -> Bool {
        switch (a, b) {
        case (.null, .null): return true
        case (.bool(let x), .bool(let y)): return x == y
        case (.number(let x), .number(let y)): return x == y
        case (.string(let x), .string(let y)): return ExactKey.bytesEqual(x, y)
        case (.array(let x), .array(let y)):
            guard x.count == y.count else { return false }
            for i in x.indices { pending.append((x[i], y[i])) }
            return true
        case (.object(let x), .object(let y)):
            guard x.count == y.count else { return false }
            for m in x.members {
                guard let other = y[m.key] else { return false }
                pending.append((m.value, other))
            }
            return true
        default: return false
        }
    }

    /// Hashes consistently with `==`. Only the outer `hashDepth` levels contribute their
    /// contents (deeper containers contribute their kind and size), which keeps hashing bounded
    /// in stack and time for deeply nested values.
    public func hash(into hasher: inout Hasher) {
        hash(into: &hasher, level: 0)
    }

    /// Levels of nesting whose contents feed the hash.
    static let hashDepth = 4

    func hash(into hasher: inout Hasher, level: Int) {
        switch self {
        case .null: hasher.combine(0)
        case .bool(let b): hasher.combine(b)
        case .number(let n): hasher.combine(n)
        case .string(let s): hasher.combine(ExactKey(s))
        case .array(let a):
            hasher.combine(5)
            hasher.combine(a.count)
            if level < Self.hashDepth {
                for e in a { e.hash(into: &hasher, level: level + 1) }
            }
        case .object(let o): o.hash(into: &hasher, level: level)
        }
    }
}

extension JSONObject: Equatable, Hashable {
    /// Same keys with equal values, in any order.
    public static func == (a: JSONObject, b: JSONObject) -> Bool {
        JSON.object(a) == JSON.object(b)
    }

    /// Hashes consistently with `==` (see `JSON.hash(into:)` for the depth bound).
    public func hash(into hasher: inout Hasher) {
        hash(into: &hasher, level: 0)
    }

    func hash(into hasher: inout Hasher, level: Int) {
        hasher.combine(6)
        hasher.combine(count)
        // Order-independent: combine per-member hashes commutatively.
        var sum = 0
        for m in members {
            var h = Hasher()
            h.combine(ExactKey(m.key))
            if level < JSON.hashDepth { m.value.hash(into: &h, level: level + 1) }
            sum = sum &+ h.finalize()
        }
        hasher.combine(sum)
    }
}

/// A fast path for the most common `pattern`s: a plain sequence of ASCII atoms (a character or
/// a class of ASCII characters), each repeated a bounded or unbounded number of times, with an
/// optional leading `^` and trailing `$`: `^[A-Z]{3}-[0-9]{4}$`, `^\d+$`, `^[a-z0-9_-]{3,16}$`.
/// It runs over the UTF-8 bytes with no thread lists and no allocation.
///
/// Each atom is matched greedily and never gives anything back. That finds a match exactly when
/// one exists because `init` only accepts patterns in which every variable repeat is disjoint
/// from each later atom up to and including the first one that must consume something: a byte
/// given back could then never be used by what follows. Atoms never match a byte ≥ 0x80, so a
/// multi-byte scalar is simply a mismatch, as it is for the scalar-based engines.
struct AtomSequenceMatcher: Sendable {
    struct Atom: Sendable {
        let low: UInt64
        let high: UInt64
        let min: Int
        let max: Int

        @inline(__always)
        func contains(_ byte: UInt8) -> Bool {
            byte < 64 ? (low >> UInt64(byte)) & 1 == 1 : byte < 128 && (high >> UInt64(byte - 64)) & 1 == 1
        }
    }

    let atoms: [Atom]
    let anchoredAtStart: Bool
    let anchoredAtEnd: Bool

    /// Nil when the pattern has any other shape (alternation, non-ASCII or negated classes,
    /// assertions other than a leading `^` / trailing `$`, overlapping repeats...).
    init?(_ node: RegexNode) {
        var elements: [RegexNode] = []
        guard Self.flatten(node, into: &elements) else { return nil }
        var start = false, end = false
        if case .assertion(.start) = elements.first {
            start = true
            elements.removeFirst()
        }
        if case .assertion(.end) = elements.last {
            end = true
            elements.removeLast()
        }
        var atoms: [Atom] = []
        for element in elements {
            switch element {
            case .quantified(let inner, let min, let max, _):
                guard let bits = Self.bits(inner) else { return nil }
                atoms.append(Atom(low: bits.low, high: bits.high, min: min, max: max ?? Int.max))
            default:
                guard let bits = Self.bits(element) else { return nil }
                atoms.append(Atom(low: bits.low, high: bits.high, min: 1, max: 1))
            }
        }
        for (i, atom) in atoms.enumerated() where atom.min < atom.max {
            for later in atoms[(i + 1)...] {
                guard atom.low & later.low == 0, atom.high & later.high == 0 else { return nil }
                if later.min > 0 { break }
            }
        }
        self.atoms = atoms
        anchoredAtStart = start
        anchoredAtEnd = end
    }

    /// Concatenations and groups without a quantifier spliced into one list.
    private static func flatten(_ node: RegexNode, into list: inout [RegexNode]) -> Bool {
        switch node {
        case .empty: return true
        case .concat(let nodes):
            for n in nodes where !flatten(n, into: &list) { return false }
            return true
        case .group(let inner, _): return flatten(inner, into: &list)
        case .scalar, .set, .quantified, .assertion(.start), .assertion(.end):
            list.append(node)
            return true
        default: return false
        }
    }

    /// The ASCII bitmap of a single-character atom (possibly inside groups).
    private static func bits(_ node: RegexNode) -> (low: UInt64, high: UInt64)? {
        switch node {
        case .scalar(let value) where value < 128:
            return value < 64 ? (1 << UInt64(value), 0) : (0, 1 << UInt64(value - 64))
        case .set(let set): return set.asciiOnlyBits
        case .group(let inner, _): return bits(inner)
        default: return nil
        }
    }

    func matches(_ string: String) -> Bool {
        if let answer = string.utf8.withContiguousStorageIfAvailable(matches) { return answer }
        return Array(string.utf8).withUnsafeBufferPointer(matches)
    }

    private func matches(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        atoms.withUnsafeBufferPointer { atoms in
            let lastStart = anchoredAtStart ? 0 : bytes.count
            for start in 0...lastStart where matches(bytes, from: start, atoms) { return true }
            return false
        }
    }

    @inline(__always)
    private func matches(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, _ atoms: UnsafeBufferPointer<Atom>) -> Bool {
        var position = start
        for atom in atoms {
            var count = 0
            while count < atom.max, position < bytes.count, atom.contains(bytes[position]) {
                count += 1
                position += 1
            }
            if count < atom.min { return false }
        }
        return !anchoredAtEnd || position == bytes.count
    }
}

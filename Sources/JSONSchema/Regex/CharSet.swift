/// A set of Unicode scalar values: sorted, merged ranges plus Unicode property tests, optionally
/// negated. Scalars are `UInt32` so that lone surrogates written as `\uD800` can be represented
/// (they never match: a Swift string holds no lone surrogates).
struct CharSet: Sendable {
    private(set) var ranges: [ClosedRange<UInt32>] = []
    private(set) var properties: [UnicodePropertyTest] = []
    var negated = false {
        didSet { asciiBits = nil }
    }
    /// Membership of the 128 ASCII scalars (negation applied), filled in by `normalized()` so
    /// that the common case is one bit test.
    private var asciiBits: (low: UInt64, high: UInt64)? = nil

    init() {}

    init(ranges: [ClosedRange<UInt32>], negated: Bool = false) {
        for range in ranges { insert(range) }
        self.negated = negated
    }

    init(property: UnicodePropertyTest) {
        properties = [property]
    }

    mutating func insert(_ range: ClosedRange<UInt32>) {
        ranges.append(range)
        asciiBits = nil
    }

    mutating func insert(_ property: UnicodePropertyTest) {
        properties.append(property)
        asciiBits = nil
    }

    /// Adds every member of `other` (which must itself be a class escape, never a negated
    /// bracket class) as a union; a negated escape like `\D` becomes a negated property test.
    mutating func formUnion(_ other: CharSet) {
        if other.negated {
            properties.append(.complement(other.with(negated: false).normalized()))
        } else {
            ranges.append(contentsOf: other.ranges)
            properties.append(contentsOf: other.properties)
        }
        asciiBits = nil
    }

    /// Sorted and merged so that `contains` can binary-search.
    func normalized() -> CharSet {
        var copy = self
        let sorted = ranges.sorted { $0.lowerBound < $1.lowerBound }
        var merged: [ClosedRange<UInt32>] = []
        merged.reserveCapacity(sorted.count)
        for range in sorted {
            if let last = merged.last, range.lowerBound <= last.upperBound &+ 1 {
                merged[merged.count - 1] = last.lowerBound...max(last.upperBound, range.upperBound)
            } else {
                merged.append(range)
            }
        }
        copy.ranges = merged
        copy.asciiBits = nil
        var bits: (low: UInt64, high: UInt64) = (0, 0)
        for value in UInt32(0)..<128 where copy.contains(value) {
            if value < 64 { bits.low |= 1 << UInt64(value) } else { bits.high |= 1 << UInt64(value - 64) }
        }
        copy.asciiBits = bits
        return copy
    }

    func contains(_ value: UInt32) -> Bool {
        if value < 128, let bits = asciiBits {
            return (value < 64 ? bits.low >> UInt64(value) : bits.high >> UInt64(value - 64)) & 1 == 1
        }
        return containsIgnoringNegation(value) != negated
    }

    private func containsIgnoringNegation(_ value: UInt32) -> Bool {
        var low = 0
        var high = ranges.count - 1
        while low <= high {
            let mid = (low + high) / 2
            let range = ranges[mid]
            if value < range.lowerBound {
                high = mid - 1
            } else if value > range.upperBound {
                low = mid + 1
            } else {
                return true
            }
        }
        if properties.isEmpty { return false }
        guard let scalar = Unicode.Scalar(value) else { return false }
        for property in properties where property.matches(scalar) { return true }
        return false
    }
}

extension CharSet {
    /// `\d`: ASCII digits only, as ECMA-262 defines it.
    static let digits = CharSet(ranges: [0x30...0x39])
    /// `\w`: `[A-Za-z0-9_]`.
    static let word = CharSet(ranges: [0x30...0x39, 0x41...0x5A, 0x5F...0x5F, 0x61...0x7A])
    /// `\s`: ECMA-262 WhiteSpace (incl. U+FEFF and every Zs) plus LineTerminator.
    static let space: CharSet = {
        var set = CharSet(ranges: [0x09...0x0D, 0x20...0x20, 0xA0...0xA0, 0x2028...0x2029, 0xFEFF...0xFEFF])
        set.insert(.generalCategories(UnicodePropertyTest.mask([.spaceSeparator])))
        return set.normalized()
    }()
    /// `.`: everything but the four line terminators.
    static let dot = CharSet(ranges: [0x0A...0x0A, 0x0D...0x0D, 0x2028...0x2029], negated: true)

    static func isWordScalar(_ value: UInt32) -> Bool {
        (value >= 0x30 && value <= 0x39) || (value >= 0x41 && value <= 0x5A) || value == 0x5F
            || (value >= 0x61 && value <= 0x7A)
    }
}

extension CharSet {
    /// The members as a 128-bit ASCII bitmap, when every member is ASCII (no negation, no
    /// property test, no range past U+007F); nil otherwise.
    var asciiOnlyBits: (low: UInt64, high: UInt64)? {
        guard !negated, properties.isEmpty else { return nil }
        var bits: (low: UInt64, high: UInt64) = (0, 0)
        for range in ranges {
            guard range.upperBound < 128 else { return nil }
            for value in range {
                if value < 64 { bits.low |= 1 << UInt64(value) } else { bits.high |= 1 << UInt64(value - 64) }
            }
        }
        return bits
    }
}

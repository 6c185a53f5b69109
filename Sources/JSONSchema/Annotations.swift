/// Property names and item positions that keywords evaluated successfully.
///
/// Annotations are only ever gathered for one instance (in-place applicators share it), so the
/// evaluated properties are kept as positions among that object's members: no hashing of names.
struct Annotations {
    var allProperties = false
    /// Positions in the instance object's `members` of the evaluated properties.
    var properties = PositionSet()
    var allItems = false
    /// Items `0..<prefixItems` were evaluated.
    var prefixItems = 0
    var items: Set<Int> = []
    /// Set while the keywords of a schema known to hold are annotating (not merged): then the
    /// subschemas that must hold with it (`$ref`, `allOf`) need not be checked again.
    var knownValid = false

    mutating func merge(_ other: Annotations) {
        allProperties = allProperties || other.allProperties
        if !allProperties { properties.formUnion(other.properties) }
        allItems = allItems || other.allItems
        prefixItems = max(prefixItems, other.prefixItems)
        items.formUnion(other.items)
    }

    /// Whether the member at position `i` of the instance object was evaluated.
    func evaluated(member i: Int) -> Bool { allProperties || properties.contains(i) }
    func evaluated(item i: Int) -> Bool { allItems || i < prefixItems || items.contains(i) }
}

/// A set of non-negative integers as bits: the first 64 inline, more in an array.
struct PositionSet {
    private var low: UInt64 = 0
    private var rest: [UInt64] = []

    mutating func insert(_ i: Int) {
        if i < 64 {
            low |= 1 << UInt64(i)
            return
        }
        let word = i / 64 - 1
        if rest.count <= word { rest.append(contentsOf: repeatElement(0, count: word + 1 - rest.count)) }
        rest[word] |= 1 << UInt64(i % 64)
    }

    func contains(_ i: Int) -> Bool {
        if i < 64 { return low >> UInt64(i) & 1 == 1 }
        let word = i / 64 - 1
        return word < rest.count && rest[word] >> UInt64(i % 64) & 1 == 1
    }

    mutating func formUnion(_ other: PositionSet) {
        low |= other.low
        if rest.count < other.rest.count { rest.append(contentsOf: repeatElement(0, count: other.rest.count - rest.count)) }
        for (w, bits) in other.rest.enumerated() { rest[w] |= bits }
    }
}

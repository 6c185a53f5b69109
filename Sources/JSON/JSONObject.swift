import Glibc

/// A JSON object's members in the order they were written.
///
/// Keys are unique and compared by code points. Lookup is a linear scan for small objects and a
/// hash index for large ones, built once when the object is made.
public struct JSONObject: Sendable {
    /// The members, in order.
    public private(set) var members: [(key: String, value: JSON)]
    private var index: [ExactKey: Int]?

    /// Objects with more members than this get a hash index.
    private static let indexThreshold = 12

    /// An empty object.
    public init() {
        members = []
        index = nil
    }

    /// An object from members whose keys the caller guarantees to be unique (the parser checks).
    public init(uniqueMembers: [(key: String, value: JSON)]) {
        members = uniqueMembers
        index = nil
        if members.count > Self.indexThreshold { rebuildIndex() }
    }

    /// The number of members.
    public var count: Int { members.count }

    /// Whether there are no members.
    public var isEmpty: Bool { members.isEmpty }

    /// The keys, in order.
    public var keys: some Collection<String> { members.lazy.map(\.key) }

    /// The position of `key` in `members`, if present.
    public func position(of key: String) -> Int? {
        if let index { return index[ExactKey(key)] }
        // The searched key's bytes are fetched once; most members then fail on length alone.
        var key = key
        return key.withUTF8 { wanted in
            withMembers { m in
                for i in 0..<m.count where ExactKey.equals(m.key(i).pointee, wanted) { return i }
                return nil
            }
        }
    }

    /// The value of `key`; setting `nil` removes it, setting a new key appends it.
    public subscript(key: String) -> JSON? {
        get { position(of: key).map { members[$0].value } }
        set {
            if let i = position(of: key) {
                if let newValue {
                    members[i].value = newValue
                } else {
                    members.remove(at: i)
                    if index != nil { rebuildIndex() }
                }
            } else if let newValue {
                members.append((key, newValue))
                if index != nil {
                    index![ExactKey(key)] = members.count - 1
                } else if members.count > Self.indexThreshold {
                    rebuildIndex()
                }
            }
        }
    }

    private mutating func rebuildIndex() {
        var built = [ExactKey: Int](minimumCapacity: members.count)
        for (i, m) in members.enumerated() { built[ExactKey(m.key)] = i }
        index = built
    }
}

/// A string key that compares and hashes by UTF-8 bytes (Swift's `String` uses canonical
/// equivalence, under which two keys a data store tells apart would collide).
package struct ExactKey: Hashable, Sendable {
    let string: String
    package init(_ string: String) { self.string = string }
    package static func == (a: ExactKey, b: ExactKey) -> Bool { bytesEqual(a.string, b.string) }

    /// Whether two strings have the same UTF-8 bytes: lengths first (stored, so free for native
    /// strings), then one `memcmp`, far cheaper than a generic `elementsEqual` over the views.
    @inline(__always)
    package static func bytesEqual(_ a: String, _ b: String) -> Bool {
        guard a.utf8.count == b.utf8.count else { return false }
        var a = a
        return a.withUTF8 { equals(b, $0) }
    }

    /// Whether `string` consists of exactly `bytes`: the length first, then one `memcmp`.
    @inline(__always)
    package static func equals(_ string: String, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let count = bytes.count
        guard string.utf8.count == count else { return false }
        guard count > 0 else { return true }
        var string = string
        return string.withUTF8 { memcmp($0.baseAddress!, bytes.baseAddress!, count) == 0 }
    }

    package func hash(into hasher: inout Hasher) {
        var copy = string
        copy.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
    }
}

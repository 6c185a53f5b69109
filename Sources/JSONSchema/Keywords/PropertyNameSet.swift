import Glibc
import JSON

/// A set of property names compared by UTF-8 bytes (as JSON object keys are; Swift's `String`
/// equality would merge canonically equivalent names), hashed once it is large enough to pay.
///
/// The names' bytes sit in one buffer with their lengths alongside, so a lookup fetches the
/// asked name's bytes once and rejects most candidates on length without touching a string.
struct PropertyNameSet: Sendable {
    private let bytes: [UInt8]
    private let starts: [Int]
    private let lengths: [Int]
    private let hashed: [ExactKey: Int]?

    /// Sets up to this size are scanned; a scan of short names beats hashing them.
    static let scanLimit = 8

    /// `names` must be distinct (they are an object's keys).
    init(_ names: [String]) {
        var bytes: [UInt8] = [], starts: [Int] = [], lengths: [Int] = []
        for name in names {
            starts.append(bytes.count)
            lengths.append(name.utf8.count)
            bytes.append(contentsOf: name.utf8)
        }
        self.bytes = bytes
        self.starts = starts
        self.lengths = lengths
        var hashed: [ExactKey: Int]? = nil
        if names.count > Self.scanLimit {
            hashed = [:]
            for (i, name) in names.enumerated() { hashed![ExactKey(name)] = i }
        }
        self.hashed = hashed
    }

    /// The number of names.
    var count: Int { lengths.count }

    func contains(_ name: String) -> Bool { index(of: name) != nil }

    /// The position of `name` in the list given to `init`.
    func index(of name: String) -> Int? { index(of: name, hint: 0) }

    /// The position of `name`, trying position `hint` first: members of an instance tend to come
    /// in the order the schema declares them, so the caller passes one past its previous match
    /// and most lookups compare a single candidate.
    @inline(__always)
    func index(of name: String, hint: Int) -> Int? {
        if let hashed { return hashed[ExactKey(name)] }
        if let found = name.utf8.withContiguousStorageIfAvailable({ lookup($0, hint: hint) }) { return found }
        // Only a string without contiguous UTF-8 (never made by the parser) gets here.
        return Array(name.utf8).withUnsafeBufferPointer { lookup($0, hint: hint) }
    }

    @inline(__always)
    private func lookup(_ wanted: UnsafeBufferPointer<UInt8>, hint: Int) -> Int? {
        let n = wanted.count
        return lengths.withUnsafeBufferPointer { lengths -> Int? in
            guard n > 0 else { return lengths.firstIndex(of: 0) }
            return bytes.withUnsafeBufferPointer { all -> Int? in
                starts.withUnsafeBufferPointer { starts -> Int? in
                    // A non-empty name was asked, so any candidate of its length has bytes here.
                    if hint < lengths.count, lengths[hint] == n, Self.same(all.baseAddress! + starts[hint], wanted) {
                        return hint
                    }
                    for i in lengths.indices where lengths[i] == n && Self.same(all.baseAddress! + starts[i], wanted) {
                        return i
                    }
                    return nil
                }
            }
        }
    }

    /// Whether the `wanted.count` bytes at `a` are `wanted`: eight bytes at a time, inline (names
    /// are short; a `memcmp` call costs more than the comparison).
    @inline(__always)
    private static func same(_ a: UnsafePointer<UInt8>, _ wanted: UnsafeBufferPointer<UInt8>) -> Bool {
        let b = wanted.baseAddress!
        let n = wanted.count
        var i = 0
        while i &+ 8 <= n {
            if UnsafeRawPointer(a + i).loadUnaligned(as: UInt64.self) != UnsafeRawPointer(b + i).loadUnaligned(as: UInt64.self) {
                return false
            }
            i &+= 8
        }
        while i < n {
            if a[i] != b[i] { return false }
            i &+= 1
        }
        return true
    }
}

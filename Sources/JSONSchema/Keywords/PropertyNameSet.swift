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

    func contains(_ name: String) -> Bool { index(of: name) != nil }

    /// The position of `name` in the list given to `init`.
    func index(of name: String) -> Int? {
        if let hashed { return hashed[ExactKey(name)] }
        var name = name
        return name.withUTF8 { wanted in
            bytes.withUnsafeBufferPointer { all in
                lengths.withUnsafeBufferPointer { lengths in
                    for i in lengths.indices where lengths[i] == wanted.count {
                        if wanted.count == 0 || memcmp(all.baseAddress! + starts[i], wanted.baseAddress!, wanted.count) == 0 {
                            return i
                        }
                    }
                    return nil
                }
            }
        }
    }
}

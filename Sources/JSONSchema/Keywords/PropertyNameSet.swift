import JSON

/// A set of property names compared by UTF-8 bytes (as JSON object keys are; Swift's `String`
/// equality would merge canonically equivalent names), hashed once it is large enough to pay.
struct PropertyNameSet: Sendable {
    private let names: [String]
    private let hashed: Set<ExactKey>?

    /// Sets up to this size are scanned; a scan of short names beats hashing them.
    static let scanLimit = 8

    init(_ names: [String]) {
        self.names = names
        hashed = names.count > Self.scanLimit ? Set(names.map(ExactKey.init)) : nil
    }

    func contains(_ name: String) -> Bool {
        if let hashed { return hashed.contains(ExactKey(name)) }
        return names.withUnsafeBufferPointer { buffer in
            for candidate in buffer where ExactKey.bytesEqual(candidate, name) { return true }
            return false
        }
    }
}

/// A set of property names compared by UTF-8 bytes (as JSON object keys are; Swift's `String`
/// equality would merge canonically equivalent names), hashed once it is large enough to pay.
struct PropertyNameSet: Sendable {
    private struct Key: Hashable, Sendable {
        let name: String
        static func == (a: Key, b: Key) -> Bool { a.name.utf8.elementsEqual(b.name.utf8) }
        func hash(into hasher: inout Hasher) {
            var copy = name
            copy.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
        }
    }

    private let names: [String]
    private let hashed: Set<Key>?

    /// Sets up to this size are scanned; a scan of short names beats hashing them.
    static let scanLimit = 8

    init(_ names: [String]) {
        self.names = names
        hashed = names.count > Self.scanLimit ? Set(names.map(Key.init)) : nil
    }

    func contains(_ name: String) -> Bool {
        if let hashed { return hashed.contains(Key(name: name)) }
        return names.contains { $0.utf8.elementsEqual(name.utf8) }
    }
}

extension JSONObject {
    /// The members read in place, for hot loops: `members[i].key` first copies the whole
    /// (key, value) pair, retaining and releasing the value, which dominated key lookups.
    /// Valid only inside `withMembers`.
    package struct MemberPointers {
        fileprivate let base: UnsafeRawPointer?
        /// The number of members.
        package let count: Int

        private static let stride = MemoryLayout<(key: String, value: JSON)>.stride
        // Where the parts sit inside a member: asked, not assumed.
        private static let keyOffset = MemoryLayout<(key: String, value: JSON)>.offset(of: \(key: String, value: JSON).key)!
        private static let valueOffset = MemoryLayout<(key: String, value: JSON)>.offset(of: \(key: String, value: JSON).value)!

        /// The key at position `i` (`0..<count`).
        @inline(__always)
        package func key(_ i: Int) -> UnsafePointer<String> {
            (base.unsafelyUnwrapped + (i &* Self.stride &+ Self.keyOffset)).assumingMemoryBound(to: String.self)
        }

        /// The value at position `i` (`0..<count`).
        @inline(__always)
        package func value(_ i: Int) -> UnsafePointer<JSON> {
            (base.unsafelyUnwrapped + (i &* Self.stride &+ Self.valueOffset)).assumingMemoryBound(to: JSON.self)
        }
    }

    /// Runs `body` with the members borrowed in place.
    @inline(__always)
    package func withMembers<R>(_ body: (MemberPointers) -> R) -> R {
        members.withUnsafeBufferPointer { buffer in
            body(MemberPointers(base: UnsafeRawPointer(buffer.baseAddress), count: buffer.count))
        }
    }
}

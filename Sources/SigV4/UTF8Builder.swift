/// Builds byte buffers and strings from known pieces with one allocation and `memcpy`s.
///
/// The signer assembles a few kilobytes of text per request (canonical request, string to sign,
/// `Authorization`); appending piece by piece to `String` or `[UInt8]` re-checks capacity and
/// walks generic collection code for every piece, which measurably dominated signing.
struct UTF8Builder {
    private let base: UnsafeMutablePointer<UInt8>
    private let capacity: Int
    private(set) var count = 0

    private init(base: UnsafeMutablePointer<UInt8>, capacity: Int) {
        self.base = base
        self.capacity = capacity
    }

    /// Appends the UTF-8 of `text`.
    @inline(__always)
    mutating func append(_ text: String) {
        var text = text
        text.withUTF8 { source in
            precondition(count + source.count <= capacity, "UTF8Builder capacity exceeded")
            if let from = source.baseAddress { (base + count).update(from: from, count: source.count) }
            count += source.count
        }
    }

    /// Appends one byte.
    @inline(__always)
    mutating func append(_ byte: UInt8) {
        precondition(count < capacity, "UTF8Builder capacity exceeded")
        base[count] = byte
        count += 1
    }

    /// Bytes built by `body` into a buffer of exactly `capacity` bytes (it must fill them all or
    /// fewer; more traps).
    static func bytes(capacity: Int, _ body: (inout UTF8Builder) -> Void) -> [UInt8] {
        [UInt8](unsafeUninitializedCapacity: capacity) { buffer, initialized in
            guard let base = buffer.baseAddress else { initialized = 0; return }
            var builder = UTF8Builder(base: base, capacity: capacity)
            body(&builder)
            initialized = builder.count
        }
    }

    /// A string built by `body` (which must append valid UTF-8) in one allocation.
    static func string(capacity: Int, _ body: (inout UTF8Builder) -> Void) -> String {
        String(unsafeUninitializedCapacity: capacity) { buffer in
            guard let base = buffer.baseAddress else { return 0 }
            var builder = UTF8Builder(base: base, capacity: capacity)
            body(&builder)
            return builder.count
        }
    }
}

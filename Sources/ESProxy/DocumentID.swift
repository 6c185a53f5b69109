import CCrypto
#if canImport(Glibc)
import Glibc
#endif

/// How document ids are made (`DOC_ID`).
public enum DocumentIDScheme: String, Sendable {
    /// RFC 9562 version 4: 122 random bits.
    case uuid4
    /// RFC 9562 version 7: a millisecond timestamp then 74 random bits; ids sort by time, which
    /// keeps an index's newest segments together and makes bulk indexing faster.
    case uuid7
}

/// Makes document ids from the kernel's CSPRNG (`getrandom`), never from a seeded generator:
/// an id an attacker can predict lets them overwrite or probe documents.
public struct DocumentIDGenerator: Sendable {
    let scheme: DocumentIDScheme
    let clock: @Sendable () -> UInt64
    let random: @Sendable (inout [UInt8]) -> Void

    /// A generator for `scheme`; `clock` gives Unix milliseconds (for uuid7), `random` fills bytes.
    public init(
        scheme: DocumentIDScheme,
        clock: @escaping @Sendable () -> UInt64 = SystemClock.unixMilliseconds,
        random: @escaping @Sendable (inout [UInt8]) -> Void = SystemRandom.fill
    ) {
        self.scheme = scheme
        self.clock = clock
        self.random = random
    }

    /// A new id in the canonical lower-case 8-4-4-4-12 form.
    public func next() -> String {
        var bytes = [UInt8](repeating: 0, count: 16)
        random(&bytes)
        if scheme == .uuid7 {
            let ms = clock()
            for i in 0..<6 { bytes[i] = UInt8(truncatingIfNeeded: ms >> (40 - 8 * UInt64(i))) }
        }
        let version: UInt8 = scheme == .uuid4 ? 0x40 : 0x70
        bytes[6] = (bytes[6] & 0x0F) | version
        bytes[8] = (bytes[8] & 0x3F) | 0x80  // RFC 9562 variant
        return Self.format(bytes)
    }

    static func format(_ b: [UInt8]) -> String {
        let hex = Array("0123456789abcdef".utf8)
        var out = [UInt8]()
        out.reserveCapacity(36)
        for (i, byte) in b.enumerated() {
            if i == 4 || i == 6 || i == 8 || i == 10 { out.append(UInt8(ascii: "-")) }
            out.append(hex[Int(byte >> 4)])
            out.append(hex[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}

/// The kernel's random bytes.
public enum SystemRandom {
    /// Fills `bytes` from `getrandom(2)`; the call blocks only before the pool is first seeded, and
    /// a failure here is unrecoverable (ids must never come from a weaker source).
    public static func fill(_ bytes: inout [UInt8]) {
        var filled = 0
        while filled < bytes.count {
            let n = bytes.withUnsafeMutableBytes { buf in
                getrandom(buf.baseAddress! + filled, buf.count - filled, 0)
            }
            if n < 0 {
                if errno == EINTR { continue }
                fatalError("getrandom failed: errno \(errno)")
            }
            filled += n
        }
    }
}

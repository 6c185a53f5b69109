import LambdaRuntime

/// How document ids are made (`DOC_ID`).
enum DocumentIDScheme: String, Sendable {
    /// RFC 9562 version 4: 122 random bits.
    case uuid4
    /// RFC 9562 version 7: a millisecond timestamp then 74 random bits; ids sort by time, which
    /// keeps an index's newest segments together and makes bulk indexing faster.
    case uuid7
}

/// Makes document ids from the injected randomness (the kernel's CSPRNG in production, never a
/// seeded generator: an id an attacker can predict lets them probe or pre-empt documents).
struct DocumentIDGenerator: Sendable {
    let scheme: DocumentIDScheme
    let clock: any LambdaClock
    let random: any RandomSource

    /// A generator for `scheme`; `clock` gives the milliseconds of uuid7.
    init(scheme: DocumentIDScheme, clock: any LambdaClock, random: any RandomSource) {
        self.scheme = scheme
        self.clock = clock
        self.random = random
    }

    /// A new id in the canonical lower-case 8-4-4-4-12 form.
    func next() -> String {
        var bytes = [UInt8](repeating: 0, count: 16)
        random.fill(&bytes)
        if scheme == .uuid7 {
            let ms = clock.unixMilliseconds()
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

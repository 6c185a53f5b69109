import CCrypto
import LambdaRuntime

/// How document ids are made (`DOC_ID`).
enum DocumentIDScheme: String, Sendable {
    /// RFC 9562 version 4: 122 random bits.
    case uuid4
    /// RFC 9562 version 7: a millisecond timestamp then 74 random bits; ids sort by time, which
    /// keeps an index's newest segments together and makes bulk indexing faster.
    case uuid7
    /// No id of ours: the domain assigns it (`POST /{index}/_doc`), as OpenSearch Serverless
    /// time-series and vector collections require.
    case none
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

    /// The id of a request that carries an `Idempotency-Key`: an RFC 9562 version 5 UUID (SHA-1)
    /// of the route's index and the key (and the item's position in a batch) in the gateway's own
    /// namespace, so a retry gets the same id on any instance, after any cold start or deployment.
    /// Index names hold no newline and keys are visible ASCII, so the name is unambiguous.
    static func nameBased(index: String, key: String, position: Int? = nil) -> String {
        var name = namespace + Array(index.utf8) + [0x0A] + Array(key.utf8)
        if let position { name += [0x0A] + Array(String(position).utf8) }
        var digest = [UInt8](repeating: 0, count: 20)
        let ok = name.withUnsafeBytes { esp_sha1($0.baseAddress, $0.count, &digest) }
        precondition(ok == 1, "SHA-1 failed")
        var bytes = Array(digest.prefix(16))
        bytes[6] = (bytes[6] & 0x0F) | 0x50
        bytes[8] = (bytes[8] & 0x3F) | 0x80
        return format(bytes)
    }

    /// The namespace of key-derived ids, eacbc2ee-3e98-572e-8e2b-120e0f702908:
    /// `uuid5(NAMESPACE_URL, "urn:esproxy:idempotency-key")` (RFC 9562's URL namespace), as bytes.
    static let namespace: [UInt8] = [
        0xea, 0xcb, 0xc2, 0xee, 0x3e, 0x98, 0x57, 0x2e, 0x8e, 0x2b, 0x12, 0x0e, 0x0f, 0x70, 0x29, 0x08,
    ]

    /// A new id in the canonical lower-case 8-4-4-4-12 form.
    func next() -> String {
        var one = Pool(generator: self, size: 1)
        return one.next()
    }

    /// Ids for a batch: randomness drawn for 256 ids at a time (one `getrandom`, not one each).
    func pool() -> Pool { Pool(generator: self, size: 256) }

    /// Ids made from randomness drawn ahead in blocks.
    struct Pool {
        let generator: DocumentIDGenerator
        let size: Int
        var random: [UInt8] = []
        var used = 0

        init(generator: DocumentIDGenerator, size: Int) {
            self.generator = generator
            self.size = size
        }

        mutating func next() -> String {
            if used == random.count {
                random = [UInt8](repeating: 0, count: 16 * size)
                generator.random.fill(&random)
                used = 0
            }
            var bytes = Array(random[used..<(used + 16)])
            used += 16
            if generator.scheme == .uuid7 {
                let ms = generator.clock.unixMilliseconds()
                for i in 0..<6 { bytes[i] = UInt8(truncatingIfNeeded: ms >> (40 - 8 * UInt64(i))) }
            }
            bytes[6] = (bytes[6] & 0x0F) | (generator.scheme == .uuid7 ? 0x70 : 0x40)
            bytes[8] = (bytes[8] & 0x3F) | 0x80  // RFC 9562 variant
            return DocumentIDGenerator.format(bytes)
        }
    }

    /// The canonical 8-4-4-4-12 lower-case hex form of 16 bytes, written straight into the
    /// string's storage (ids are made per document of a batch).
    static func format(_ b: [UInt8]) -> String {
        String(unsafeUninitializedCapacity: 36) { out in
            var n = 0
            for (i, byte) in b.enumerated() {
                if i == 4 || i == 6 || i == 8 || i == 10 {
                    out[n] = UInt8(ascii: "-")
                    n += 1
                }
                out[n] = hexDigit(byte >> 4)
                out[n + 1] = hexDigit(byte & 0x0F)
                n += 2
            }
            return n
        }
    }

    @inline(__always)
    static func hexDigit(_ v: UInt8) -> UInt8 { v < 10 ? 0x30 + v : 0x57 + v }
}

/// SigV4's percent-encoding: every byte except the RFC 3986 unreserved characters
/// `A-Z a-z 0-9 - _ . ~` becomes `%XY` with upper-case hex; UTF-8 is encoded byte by byte.
///
/// This is stricter than form encoding (`+` is `%2B`, space is `%20`, `/` is `%2F` inside a segment),
/// which is why the signer encodes paths and query components itself rather than trusting the caller.
enum URIEncoding {
    private static let upperHex: StaticString = "0123456789ABCDEF"

    /// Bit `b` of the mask for `b < 64` / `64 <= b < 128` is set when byte `b` is unreserved: a
    /// shift and a mask per byte instead of a chain of range tests on the hot path.
    private static let unreservedLow: UInt64 = (UInt64(0x3ff) << 48) | (1 << 45) | (1 << 46)  // 0-9 - .
    private static let unreservedHigh: UInt64 = (UInt64(0x3ff_ffff) << 1) | (UInt64(0x3ff_ffff) << 33)
        | (1 << (95 - 64)) | (1 << (126 - 64))  // A-Z a-z _ ~

    @inline(__always)
    static func isUnreserved(_ byte: UInt8) -> Bool {
        let mask = byte < 64 ? unreservedLow : (byte < 128 ? unreservedHigh : 0)
        return (mask >> UInt64(byte & 63)) & 1 == 1
    }

    /// Appends the encoding of `bytes` to `out`.
    static func encode(_ bytes: some Sequence<UInt8>, into out: inout [UInt8]) {
        upperHex.withUTF8Buffer { hex in
            for byte in bytes {
                if isUnreserved(byte) {
                    out.append(byte)
                } else {
                    out.append(UInt8(ascii: "%"))
                    out.append(hex[Int(byte >> 4)])
                    out.append(hex[Int(byte & 0x0f)])
                }
            }
        }
    }

    /// The encoding of `bytes` as a string; returns unreserved-only input without copying bytes.
    static func encode(_ text: some StringProtocol) -> String {
        if text.utf8.allSatisfy(isUnreserved) { return String(text) }
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count * 3)
        encode(text.utf8, into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// The encoding of raw bytes (which need not be valid UTF-8) as a string.
    static func encode(bytes: [UInt8]) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count * 3)
        encode(bytes, into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Percent-decodes `text`: each `%XY` with two hex digits becomes one byte; anything else,
    /// including `+` and a stray `%`, is kept as it is. Returns bytes because the decoded form of a
    /// query string need not be valid UTF-8.
    static func decode(_ text: some StringProtocol) -> [UInt8] {
        let utf8 = Array(text.utf8)
        guard utf8.contains(UInt8(ascii: "%")) else { return utf8 }
        var out: [UInt8] = []
        out.reserveCapacity(utf8.count)
        var index = 0
        while index < utf8.count {
            let byte = utf8[index]
            if byte == UInt8(ascii: "%"), index + 2 < utf8.count,
               let high = hexValue(utf8[index + 1]), let low = hexValue(utf8[index + 2]) {
                out.append(high << 4 | low)
                index += 3
            } else {
                out.append(byte)
                index += 1
            }
        }
        return out
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
        default: return nil
        }
    }
}

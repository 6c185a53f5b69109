/// `a=1&b=x%20y` into pairs, percent-decoding names and values. `+` stays `+` (a space is `%20`
/// in a URL query; form encoding is the application's business); a malformed escape stays as
/// written.
enum QueryString {
    static func parse(_ raw: String) -> [(name: String, value: String)] {
        raw.utf8.split(separator: UInt8(ascii: "&"), omittingEmptySubsequences: true).map { part in
            if let eq = part.firstIndex(of: UInt8(ascii: "=")) {
                return (decode(part[..<eq]), decode(part[part.index(after: eq)...]))
            }
            return (decode(part), "")
        }
    }

    static func decode(_ bytes: Substring.UTF8View.SubSequence) -> String {
        let b = Array(bytes)
        var out: [UInt8] = []
        out.reserveCapacity(b.count)
        var i = 0
        while i < b.count {
            if b[i] == UInt8(ascii: "%"), i + 2 < b.count, let hi = hex(b[i + 1]), let lo = hex(b[i + 2]) {
                out.append(hi << 4 | lo)
                i += 3
            } else {
                out.append(b[i])
                i += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static func hex(_ c: UInt8) -> UInt8? {
        switch c {
        case 0x30...0x39: c - 0x30
        case 0x41...0x46: c - 0x41 + 10
        case 0x61...0x66: c - 0x61 + 10
        default: nil
        }
    }
}

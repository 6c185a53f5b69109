extension CanonicalRequest {
    /// Canonical headers: names lower-cased, values made canonical, repeated names joined with `,`
    /// in their order of appearance, sorted by name. Throws `.invalidHeaderName` for a name that is
    /// not an RFC 9110 token.
    static func canonicalHeaders(_ headers: [(name: String, value: String)]) throws(SigV4Error)
        -> [(name: String, value: String)]
    {
        var result: [(name: String, value: String)] = []
        result.reserveCapacity(headers.count)
        for header in headers {
            guard isToken(header.name) else {
                throw SigV4Error(.invalidHeaderName, "header name \"\(header.name)\" is empty or not a token")
            }
            let name = lowercasedASCII(header.name)
            let value = canonicalValue(header.value)
            // A linear scan beats hashing for the handful of headers a request carries.
            if let index = result.firstIndex(where: { $0.name == name }) {
                result[index].value.append(",")
                result[index].value.append(value)
            } else {
                result.append((name, value))
            }
        }
        result.sort { $0.name.utf8.lexicographicallyPrecedes($1.name.utf8) }
        return result
    }

    /// A header value with leading and trailing whitespace removed and every inner run of
    /// whitespace (space, tab, and the CR/LF of folded lines) replaced by one space.
    static func canonicalValue(_ value: String) -> String {
        if isCanonical(value) { return value }
        var out: [UInt8] = []
        out.reserveCapacity(value.utf8.count)
        var pendingSpace = false
        for byte in value.utf8 {
            if isWhitespace(byte) {
                pendingSpace = !out.isEmpty
            } else {
                if pendingSpace { out.append(UInt8(ascii: " ")) }
                pendingSpace = false
                out.append(byte)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// ASCII lower case; header names are tokens, so nothing else can occur.
    static func lowercasedASCII(_ name: String) -> String {
        guard name.utf8.contains(where: { (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains($0) }) else { return name }
        return String(decoding: name.utf8.map { (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains($0) ? $0 | 0x20 : $0 },
                      as: UTF8.self)
    }

    private static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\r") || byte == UInt8(ascii: "\n")
    }

    /// True when no byte would change: no edge whitespace, only single spaces inside.
    private static func isCanonical(_ value: String) -> Bool {
        var previousWasSpace = true  // rejects leading whitespace
        for byte in value.utf8 {
            if byte == UInt8(ascii: " ") {
                if previousWasSpace { return false }
                previousWasSpace = true
            } else if isWhitespace(byte) {
                return false
            } else {
                previousWasSpace = false
            }
        }
        return !previousWasSpace || value.isEmpty
    }
}

extension CanonicalRequest {
    /// Canonical headers of `headers`: see `canonicalHeaders(lowercased:)`. Throws
    /// `.invalidHeaderName` for a name that is not an RFC 9110 token.
    static func canonicalHeaders(_ headers: [(name: String, value: String)]) throws(SigV4Error)
        -> [(name: String, value: String)]
    {
        var lowered: [(name: String, value: String)] = []
        lowered.reserveCapacity(headers.count)
        for header in headers { lowered.append((try lowercasedName(header.name), header.value)) }
        return canonicalHeaders(lowercased: lowered)
    }

    /// Canonical headers from headers whose names are already validated and lower-cased: values
    /// made canonical, repeated names joined with `,` in their order of appearance, sorted by name.
    static func canonicalHeaders(lowercased headers: [(name: String, value: String)]) -> [(name: String, value: String)] {
        var result: [(name: String, value: String)] = headers.map { ($0.name, canonicalValue($0.value)) }
        mergeAndSort(&result)
        return result
    }

    /// Sorts headers with lower-case names and canonical values by name and joins the values of a
    /// repeated name with `,`, in their order of appearance, leaving one entry per name. In place,
    /// because the usual request has no repeats and then nothing needs allocating.
    static func mergeAndSort(_ headers: inout [(name: String, value: String)]) {
        // Names are ASCII tokens, for which String's `<` is byte order; the sort is stable, so
        // repeated names stay in the order they were given.
        headers.sort { $0.name < $1.name }
        var kept = 0
        for index in headers.indices {
            if kept > 0 && headers[kept - 1].name == headers[index].name {
                headers[kept - 1].value.append(",")
                headers[kept - 1].value.append(headers[index].value)
            } else {
                if kept != index { headers.swapAt(kept, index) }
                kept += 1
            }
        }
        headers.removeLast(headers.count - kept)
    }

    /// The lower-cased form of a header name, which must be an RFC 9110 token.
    static func lowercasedName(_ name: String) throws(SigV4Error) -> String {
        let hasUpper = try name.withUTF8Bytes { bytes throws(SigV4Error) in
            guard !bytes.isEmpty else { throw SigV4Error(.invalidHeaderName, "header name is empty") }
            var hasUpper = false
            for byte in bytes {
                guard isTokenByte(byte) else {
                    throw SigV4Error(.invalidHeaderName, "header name \"\(name)\" is not a token")
                }
                if byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") { hasUpper = true }
            }
            return hasUpper
        }
        return hasUpper ? lowercasedASCII(name) : name
    }

    /// ASCII lower case; other bytes unchanged.
    static func lowercasedASCII(_ name: String) -> String {
        String(decoding: name.utf8.map { $0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z") ? $0 | 0x20 : $0 },
               as: UTF8.self)
    }

    /// A header value with leading and trailing whitespace removed and every inner run of
    /// whitespace (space, tab, and the CR/LF of folded lines) replaced by one space.
    static func canonicalValue(_ value: String) -> String {
        // Never throws; the typed-throws helper is reused for its zero-copy access.
        let rewritten: [UInt8]? = try? value.withUTF8Bytes { bytes in
            if isCanonical(bytes) { return nil }
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count)
            var pendingSpace = false
            for byte in bytes {
                if isWhitespace(byte) {
                    pendingSpace = !out.isEmpty
                } else {
                    if pendingSpace { out.append(UInt8(ascii: " ")) }
                    pendingSpace = false
                    out.append(byte)
                }
            }
            return out
        }
        guard let rewritten else { return value }
        return String(decoding: rewritten, as: UTF8.self)
    }

    @inline(__always)
    private static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\r") || byte == UInt8(ascii: "\n")
    }

    /// True when no byte would change: no edge whitespace, only single spaces inside.
    private static func isCanonical(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let first = bytes.first, let last = bytes.last else { return true }
        if isWhitespace(first) || isWhitespace(last) { return false }
        var previous: UInt8 = 0
        for byte in bytes {
            // Ordinary characters skip both tests below.
            if byte <= UInt8(ascii: " ") {
                if byte == UInt8(ascii: " ") {
                    if previous == UInt8(ascii: " ") { return false }
                } else if isWhitespace(byte) {
                    return false
                }
            }
            previous = byte
        }
        return true
    }
}

extension JSONParser {
    /// The string whose opening quote is at `pos`; leaves `pos` after the closing quote.
    ///
    /// Strings without escapes (the common case) are validated in place and become a `String` in
    /// one step; only strings with escapes are decoded through the reused `scratch` buffer.
    mutating func string() throws(JSONParseError) -> String {
        let start = pos + 1
        var i = start
        let n = b.count
        var ascii = true
        while i < n {
            i = skipPlainASCII(from: i)
            guard i < n else { break }
            let c = b[i]
            if c == UInt8(ascii: "\"") {
                pos = i + 1
                return Self.validatedString(UnsafeBufferPointer(rebasing: b[start..<i]), isASCII: ascii)
            }
            if c == UInt8(ascii: "\\") {
                if let end = Self.closingQuote(b, from: i), end - start >= Self.directDecodingThreshold {
                    pos = i
                    return try directEscapedString(start: start, end: end)
                }
                scratch.removeAll(keepingCapacity: true)
                scratch.append(contentsOf: UnsafeBufferPointer(rebasing: b[start..<i]))
                pos = i
                return try escapedString()
            }
            if c < 0x20 { throw controlError(i) }
            if c < 0x80 {
                i += 1
            } else {
                ascii = false
                i = try utf8Sequence(at: i)
            }
        }
        throw fail(.unexpectedEnd, at: n, "unexpected end of input inside a string")
    }

    /// A `String` of bytes this parser has already checked to be well-formed UTF-8 (RFC 3629):
    /// made without validating them a second time, as `String(decoding:as:)` would.
    /// `isASCII` must be true only when every byte is below 0x80.
    @inline(__always)
    static func validatedString(_ bytes: UnsafeBufferPointer<UInt8>, isASCII: Bool) -> String {
        String(copying: UTF8Span(unchecked: bytes.span, isKnownASCII: isASCII))
    }

    /// The rest of a string from the first backslash at `pos`, decoded into `scratch`.
    private mutating func escapedString() throws(JSONParseError) -> String {
        let n = b.count
        var i = pos
        while i < n {
            // Copy a run of plain bytes in one go.
            let runStart = i
            while i < n {
                i = skipPlainASCII(from: i)
                guard i < n else { break }
                let c = b[i]
                if c == UInt8(ascii: "\"") || c == UInt8(ascii: "\\") { break }
                if c < 0x20 { throw controlError(i) }
                i = c < 0x80 ? i + 1 : try utf8Sequence(at: i)
            }
            if i > runStart { scratch.append(contentsOf: UnsafeBufferPointer(rebasing: b[runStart..<i])) }
            guard i < n else { break }
            if b[i] == UInt8(ascii: "\"") {
                pos = i + 1
                // Copied runs were checked above; escapes were encoded by `appendUTF8` from
                // scalars that are not surrogates, so the whole buffer is well-formed.
                return scratch.withUnsafeBufferPointer { Self.validatedString($0, isASCII: false) }
            }
            i = try escape(at: i)
        }
        throw fail(.unexpectedEnd, at: n, "unexpected end of input inside a string")
    }

    /// Strings with escapes at least this long (raw) are decoded straight into the `String`'s
    /// storage: through `scratch` a 6 MB event body would be in memory three times at once (the
    /// input, the scratch buffer and the string made from it), now twice.
    static let directDecodingThreshold = 1 << 16

    /// The index of the quote that closes a string, scanning from `i` inside it and stepping over
    /// escapes (nothing is checked here); nil when the input ends first.
    static func closingQuote(_ b: UnsafeBufferPointer<UInt8>, from i: Int) -> Int? {
        var j = i
        while j < b.count {
            switch b[j] {
            case UInt8(ascii: "\\"): j += 2
            case UInt8(ascii: "\""): return j
            default: j += 1
            }
        }
        return nil
    }

    /// A long string with escapes, from its first backslash at `pos` to its closing quote at
    /// `end`, checked exactly as `escapedString` checks it and written into the string's own
    /// storage: the raw length bounds the decoded one, as no escape is shorter than what it means.
    private mutating func directEscapedString(start: Int, end: Int) throws(JSONParseError) -> String {
        var failure: JSONParseError?
        let text = String(unsafeUninitializedCapacity: end - start) { out -> Int in
            var w = 0
            func put(_ from: Int, _ to: Int) {
                guard to > from else { return }
                (out.baseAddress! + w).update(from: b.baseAddress! + from, count: to - from)
                w += to - from
            }
            put(start, pos)
            var i = pos
            do throws(JSONParseError) {
                while i < end {
                    let runStart = i
                    while i < end {
                        i = skipPlainASCII(from: i)
                        guard i < end else { break }
                        let c = b[i]
                        if c == UInt8(ascii: "\\") { break }
                        if c < 0x20 { throw controlError(i) }
                        i = c < 0x80 ? i + 1 : try utf8Sequence(at: i)
                    }
                    put(runStart, min(i, end))
                    guard i < end else { break }
                    scratch.removeAll(keepingCapacity: true)
                    i = try escape(at: i)
                    for byte in scratch {
                        out[w] = byte
                        w += 1
                    }
                }
            } catch {
                failure = error
            }
            return w
        }
        if let failure { throw failure }
        pos = end + 1
        return text
    }

    /// Decodes the escape whose backslash is at `i` into `scratch`; returns the index after it.
    private mutating func escape(at i: Int) throws(JSONParseError) -> Int {
        guard i + 1 < b.count else { throw fail(.unexpectedEnd, at: b.count, "unexpected end of input inside an escape") }
        let simple: UInt8
        switch b[i + 1] {
        case UInt8(ascii: "\""): simple = 0x22
        case UInt8(ascii: "\\"): simple = 0x5C
        case UInt8(ascii: "/"): simple = 0x2F
        case UInt8(ascii: "b"): simple = 0x08
        case UInt8(ascii: "f"): simple = 0x0C
        case UInt8(ascii: "n"): simple = 0x0A
        case UInt8(ascii: "r"): simple = 0x0D
        case UInt8(ascii: "t"): simple = 0x09
        case UInt8(ascii: "u"): return try unicodeEscape(at: i)
        default:
            throw fail(.invalidEscape, at: i, "invalid escape \\\(describeByte(at: i + 1))")
        }
        scratch.append(simple)
        return i + 2
    }

    /// Decodes `\uXXXX` (and its low-surrogate partner) at `i` into `scratch`.
    private mutating func unicodeEscape(at i: Int) throws(JSONParseError) -> Int {
        let unit = try hex4(at: i + 2, escape: i)
        var scalar: UInt32
        var next = i + 6
        switch unit {
        case 0xD800...0xDBFF:
            guard next + 1 < b.count, b[next] == UInt8(ascii: "\\"), b[next + 1] == UInt8(ascii: "u") else {
                throw fail(.unpairedSurrogate, at: i, "high surrogate \\u\(hexString(unit)) is not followed by a low surrogate")
            }
            let low = try hex4(at: next + 2, escape: next)
            guard (0xDC00...0xDFFF).contains(low) else {
                throw fail(.unpairedSurrogate, at: i, "high surrogate \\u\(hexString(unit)) is not followed by a low surrogate")
            }
            scalar = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00)
            next += 6
        case 0xDC00...0xDFFF:
            throw fail(.unpairedSurrogate, at: i, "low surrogate \\u\(hexString(unit)) without a high surrogate")
        default:
            scalar = unit
        }
        appendUTF8(scalar)
        return next
    }

    private func hex4(at j: Int, escape: Int) throws(JSONParseError) -> UInt32 {
        var value: UInt32 = 0
        for k in j..<(j + 4) {
            guard k < b.count else { throw fail(.unexpectedEnd, at: b.count, "unexpected end of input inside a \\u escape") }
            let c = b[k]
            let d: UInt8
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): d = c &- 48
            case UInt8(ascii: "a")...UInt8(ascii: "f"): d = c &- 87
            case UInt8(ascii: "A")...UInt8(ascii: "F"): d = c &- 55
            default: throw fail(.invalidEscape, at: escape, "invalid \\u escape: expected 4 hex digits")
            }
            value = value << 4 | UInt32(d)
        }
        return value
    }

    private mutating func appendUTF8(_ s: UInt32) {
        switch s {
        case ..<0x80:
            scratch.append(UInt8(s))
        case ..<0x800:
            scratch.append(UInt8(0xC0 | s >> 6))
            scratch.append(UInt8(0x80 | s & 0x3F))
        case ..<0x10000:
            scratch.append(UInt8(0xE0 | s >> 12))
            scratch.append(UInt8(0x80 | s >> 6 & 0x3F))
            scratch.append(UInt8(0x80 | s & 0x3F))
        default:
            scratch.append(UInt8(0xF0 | s >> 18))
            scratch.append(UInt8(0x80 | s >> 12 & 0x3F))
            scratch.append(UInt8(0x80 | s >> 6 & 0x3F))
            scratch.append(UInt8(0x80 | s & 0x3F))
        }
    }

    /// Validates the multi-byte UTF-8 sequence whose lead byte is at `i` (RFC 3629, section 4);
    /// returns the index after it.
    @inline(__always)
    private func utf8Sequence(at i: Int) throws(JSONParseError) -> Int {
        let c = b[i]
        let length: Int
        var low: UInt8 = 0x80, high: UInt8 = 0xBF
        switch c {
        case 0xC2...0xDF: length = 2
        case 0xE0: length = 3; low = 0xA0
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED: length = 3; high = 0x9F
        case 0xF0: length = 4; low = 0x90
        case 0xF1...0xF3: length = 4
        case 0xF4: length = 4; high = 0x8F
        default:
            throw fail(.invalidUTF8, at: i, "invalid UTF-8 lead byte 0x\(String(c, radix: 16, uppercase: true))")
        }
        guard i + length <= b.count else { throw fail(.invalidUTF8, at: i, "truncated UTF-8 sequence") }
        let c1 = b[i + 1]
        guard c1 >= low && c1 <= high else { throw fail(.invalidUTF8, at: i, "invalid UTF-8 sequence") }
        for k in 2..<length where b[i + k] & 0xC0 != 0x80 {
            throw fail(.invalidUTF8, at: i, "invalid UTF-8 sequence")
        }
        return i + length
    }

    /// Skips printable ASCII other than `"` and `\\` eight bytes at a time; returns the index of
    /// the first byte needing a closer look, or the start of the last partial word.
    @inline(__always)
    private func skipPlainASCII(from start: Int) -> Int {
        var i = start
        let n = b.count
        guard let base = b.baseAddress else { return i }
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        while i &+ 8 <= n {
            let w = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
            // Per-byte tests on the whole word (exact "any byte" answers): x - 1 borrows into the
            // high bit only where a byte of x is zero (or, for `- 0x20`, below 0x20).
            let quote = w ^ (ones &* 0x22)
            let backslash = w ^ (ones &* 0x5C)
            let special = ((quote &- ones) & ~quote) | ((backslash &- ones) & ~backslash)
                | ((w &- ones &* 0x20) & ~w) | w
            let flagged = special & highs
            if flagged != 0 {
                // Below the first special byte nothing borrows, so the lowest flag is exact.
                return i &+ flagged.trailingZeroBitCount &>> 3
            }
            i &+= 8
        }
        return i
    }

    private func controlError(_ i: Int) -> JSONParseError {
        fail(.controlCharacterInString, at: i, "raw control character \(describeByte(at: i)) in a string (escape it)")
    }

    private func hexString(_ u: UInt32) -> String {
        let s = String(u, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 4 - s.count)) + s
    }
}

extension RegexParser {
    /// After a backslash outside a class: backreference, class escape or character escape.
    mutating func parseAtomEscape() throws(RegexError) -> RegexNode {
        let start = position
        position += 1 // the backslash
        guard let c = peek() else {
            throw RegexError(code: .invalidEscape, offset: start, detail: "'\\' at end of pattern")
        }
        if c >= 0x31, c <= 0x39 { // \1 .. \9...
            var number = 0
            while let d = peek(), d >= 0x30, d <= 0x39 {
                number = min(number * 10 + Int(d - 0x30), Int(Int32.max))
                position += 1
            }
            numberedReferences.append((number, start))
            return .backreference(number)
        }
        if c == 0x6B { // \k<name>
            position += 1
            guard consume("<") else {
                throw RegexError(code: .invalidEscape, offset: start, detail: "'\\k' must be followed by '<name>'")
            }
            let name = try parseGroupName()
            pendingNames.append((name, start))
            return .backreference(-pendingNames.count)
        }
        if let set = try parseClassEscape() { return .set(set) }
        return .scalar(try parseCharacterEscape(inClass: false, escapeOffset: start))
    }

    /// `\d \D \s \S \w \W \p{..} \P{..}` at the current position (after the backslash).
    mutating func parseClassEscape() throws(RegexError) -> CharSet? {
        guard let c = peek() else { return nil }
        var set: CharSet
        switch c {
        case 0x64, 0x44: set = CharSet.digits
        case 0x73, 0x53: set = CharSet.space
        case 0x77, 0x57: set = CharSet.word
        case 0x70, 0x50: // p P
            let start = position - 1
            position += 1
            guard consume("{") else {
                throw RegexError(code: .invalidProperty, offset: start, detail: "'\\p' must be followed by '{name}'")
            }
            var text = String.UnicodeScalarView()
            while let d = peek(), d != 0x7D {
                guard let scalar = Unicode.Scalar(d), scalar.isASCII,
                      scalar.properties.isAlphabetic || scalar == "_" || scalar == "=" || (d >= 0x30 && d <= 0x39)
                else { throw fail(.invalidProperty, "invalid character in property name") }
                text.append(scalar)
                position += 1
            }
            guard consume("}") else { throw fail(.invalidProperty, "unterminated property escape") }
            let name = String(text)
            switch UnicodePropertyTest.lookup(name) {
            case .found(let property):
                return CharSet(property: property).with(negated: c == 0x50)
            case .unknown:
                throw RegexError(code: .invalidProperty, offset: start, detail: "unknown Unicode property '\(name)'")
            case .unsupported:
                throw RegexError(code: .invalidProperty, offset: start,
                                 detail: "Unicode property '\(name)' is valid ECMA-262 but not supported (no script tables)")
            }
        default:
            return nil
        }
        position += 1
        // Upper-case letters (D S W) are the complements.
        set.negated = c < 0x60
        return set
    }

    /// A single-scalar escape (after the backslash); `escapeOffset` is where the backslash was.
    mutating func parseCharacterEscape(inClass: Bool, escapeOffset: Int) throws(RegexError) -> UInt32 {
        guard let c = peek() else {
            throw RegexError(code: .invalidEscape, offset: escapeOffset, detail: "'\\' at end of pattern")
        }
        position += 1
        switch c {
        case 0x66: return 0x0C // f
        case 0x6E: return 0x0A // n
        case 0x72: return 0x0D // r
        case 0x74: return 0x09 // t
        case 0x76: return 0x0B // v
        case 0x63: // cX
            if let letter = peek(), (letter | 0x20) >= 0x61, (letter | 0x20) <= 0x7A {
                position += 1
                return letter % 32
            }
            throw RegexError(code: .invalidEscape, offset: escapeOffset, detail: "'\\c' must be followed by an ASCII letter")
        case 0x30: // \0, not followed by a digit
            if let d = peek(), d >= 0x30, d <= 0x39 {
                throw RegexError(code: .invalidEscape, offset: escapeOffset, detail: "octal escapes are not allowed")
            }
            return 0
        case 0x78: // xHH
            if let h = peek().flatMap(hexValue), let l = peek(1).flatMap(hexValue) {
                position += 2
                return h << 4 | l
            }
            throw RegexError(code: .invalidEscape, offset: escapeOffset, detail: "'\\x' must be followed by two hex digits")
        case 0x75: // u
            if let value = try parseUnicodeEscapeBody() { return value }
            throw RegexError(code: .invalidEscape, offset: escapeOffset, detail: "malformed '\\u' escape")
        case 0x5E, 0x24, 0x5C, 0x2E, 0x2A, 0x2B, 0x3F, 0x28, 0x29, 0x5B, 0x5D, 0x7B, 0x7D, 0x7C, 0x2F:
            return c // SyntaxCharacter or '/'
        case 0x2D where inClass:
            return c
        default:
            if c >= 0x31, c <= 0x39, inClass {
                throw RegexError(code: .invalidEscape, offset: escapeOffset, detail: "backreferences are not allowed in a class")
            }
            let shown = Unicode.Scalar(c).map { String(Character($0)) } ?? "?"
            throw RegexError(code: .invalidEscape, offset: escapeOffset,
                             detail: "'\\\(shown)' is not a valid escape with the u flag")
        }
    }

    /// After `\u`: `{H..}` or `HHHH`, joining a `\uHHHH\uHHHH` surrogate pair into one scalar.
    /// Returns nil when malformed.
    mutating func parseUnicodeEscapeBody() throws(RegexError) -> UInt32? {
        if consume("{") {
            var value: UInt32 = 0
            var digits = 0
            while let d = peek(), let v = hexValue(d) {
                value = value << 4 | v
                digits += 1
                position += 1
                if value > 0x10FFFF { throw fail(.invalidEscape, "code point above U+10FFFF") }
            }
            guard digits > 0, consume("}") else { return nil }
            return value
        }
        guard let lead = fourHex(at: position) else { return nil }
        position += 4
        if lead >= 0xD800, lead <= 0xDBFF, peek() == 0x5C, peek(1) == 0x75,
           let trail = fourHex(at: position + 2), trail >= 0xDC00, trail <= 0xDFFF {
            position += 6
            return 0x10000 + ((lead - 0xD800) << 10) + (trail - 0xDC00)
        }
        return lead
    }

    private func fourHex(at index: Int) -> UInt32? {
        guard index + 4 <= scalars.count else { return nil }
        var value: UInt32 = 0
        for i in index..<index + 4 {
            guard let v = hexValue(scalars[i]) else { return nil }
            value = value << 4 | v
        }
        return value
    }

    func hexValue(_ c: UInt32) -> UInt32? {
        switch c {
        case 0x30...0x39: return c - 0x30
        case 0x41...0x46: return c - 0x37
        case 0x61...0x66: return c - 0x57
        default: return nil
        }
    }
}

extension CharSet {
    func with(negated: Bool) -> CharSet {
        var copy = self
        copy.negated = negated
        return copy.normalized()
    }
}

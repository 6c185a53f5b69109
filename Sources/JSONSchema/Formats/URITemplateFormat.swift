/// RFC 6570 section 2 syntax (level 4). Literals follow the RFC's ABNF plus the apostrophe,
/// which the RFC's errata and the JSON Schema test suite accept as the sub-delim it is. The
/// reserved operators `= , ! @ |` are rejected (section 2.2: reserved for future extensions).
enum URITemplateFormat {
    static func isURITemplate(_ string: String) -> Bool {
        let s = Array(string.unicodeScalars)
        var index = 0
        while index < s.count {
            let c = s[index]
            if c == "{" {
                guard let close = s[index...].firstIndex(of: "}"), isExpression(s[(index + 1)..<close]) else { return false }
                index = close + 1
            } else if c == "%" {
                guard index + 2 < s.count, isHex(s[index + 1]), isHex(s[index + 2]) else { return false }
                index += 3
            } else {
                guard isLiteral(c) else { return false }
                index += 1
            }
        }
        return true
    }

    private static func isLiteral(_ c: Unicode.Scalar) -> Bool {
        let v = c.value
        switch v {
        case 0x21, 0x23...0x24, 0x26...0x3B, 0x3D, 0x3F...0x5B, 0x5D, 0x5F, 0x61...0x7A, 0x7E: return true
        case 0xA0...0xD7FF, 0xF900...0xFDCF, 0xFDF0...0xFFEF, 0xE000...0xF8FF: return true
        case 0x10000...0x10FFFD: return v & 0xFFFF <= 0xFFFD && !(0xE0000...0xE0FFF).contains(v)
        default: return false
        }
    }

    /// `[ operator ] variable-list` between the braces.
    private static func isExpression(_ e: ArraySlice<Unicode.Scalar>) -> Bool {
        var body = e
        if let first = body.first, "+#./;?&".unicodeScalars.contains(first) { body = body.dropFirst() }
        guard !body.isEmpty else { return false }
        return body.split(separator: ",", omittingEmptySubsequences: false).allSatisfy(isVarspec)
    }

    /// `varname [ ":" max-length / "*" ]`, varname = varchar *( ["."] varchar ).
    private static func isVarspec(_ v: ArraySlice<Unicode.Scalar>) -> Bool {
        var name = v
        if v.last == "*" {
            name = v.dropLast()
        } else if let colon = v.firstIndex(of: ":") {
            let digits = v[(colon + 1)...]
            guard (1...4).contains(digits.count), digits.first != "0", digits.allSatisfy(URIFormat.isDigit) else { return false }
            name = v[..<colon]
        }
        guard let first = name.first, first != ".", name.last != "." else { return false }
        var index = name.startIndex
        var previousDot = false
        while index < name.endIndex {
            let c = name[index]
            if c == "." {
                guard !previousDot else { return false }
                previousDot = true
                index += 1
                continue
            }
            previousDot = false
            if c == "%" {
                guard index + 2 < name.endIndex, isHex(name[index + 1]), isHex(name[index + 2]) else { return false }
                index += 3
                continue
            }
            guard URIFormat.isAlpha(c) || URIFormat.isDigit(c) || c == "_" else { return false }
            index += 1
        }
        return true
    }

    private static func isHex(_ c: Unicode.Scalar) -> Bool {
        c.isASCII && UUIDFormat.isHex(UInt8(c.value))
    }
}

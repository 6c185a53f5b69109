/// RFC 3986 `URI` / `URI-reference` and, with `international`, RFC 3987 `IRI` / `IRI-reference`
/// (ucschar in the unreserved set, iprivate in queries). Structural only: `http://999.999.999.999/`
/// is a valid reg-name.
enum URIFormat {
    static func isValid(_ string: String, allowRelative: Bool, international: Bool) -> Bool {
        let s = Array(string.unicodeScalars)
        let rules = CharacterRules(international: international)
        var end = s.count
        if let hash = s.firstIndex(of: "#") {
            guard rules.isValid(s[(hash + 1)...], extra: "/?", allowPrivate: false) else { return false }
            end = hash
        }
        if let question = s[..<end].firstIndex(of: "?") {
            guard rules.isValid(s[(question + 1)..<end], extra: "/?", allowPrivate: true) else { return false }
            end = question
        }
        var rest = s[..<end]
        if let colon = schemeEnd(rest) {
            rest = rest[(colon + 1)...]
        } else {
            guard allowRelative else { return false }
            // path-noscheme: no colon in the first segment.
            let firstSegment = rest.prefix { $0 != "/" }
            if firstSegment.contains(":") { return false }
        }
        if rest.starts(with: ["/", "/"]) {
            let authorityEnd = rest.dropFirst(2).firstIndex(of: "/") ?? rest.endIndex
            guard isAuthority(rest[(rest.startIndex + 2)..<authorityEnd], rules) else { return false }
            rest = rest[authorityEnd...]
        }
        return rules.isValid(rest, extra: "/", allowPrivate: false)
    }

    /// Index of the colon ending `ALPHA *( ALPHA / DIGIT / "+" / "-" / "." )`, if the text starts
    /// with a scheme.
    private static func schemeEnd(_ s: ArraySlice<Unicode.Scalar>) -> Int? {
        guard let first = s.first, isAlpha(first) else { return nil }
        for index in s.indices.dropFirst() {
            let c = s[index]
            if c == ":" { return index }
            guard isAlpha(c) || isDigit(c) || c == "+" || c == "-" || c == "." else { return nil }
        }
        return nil
    }

    /// `[ userinfo "@" ] host [ ":" port ]`.
    private static func isAuthority(_ a: ArraySlice<Unicode.Scalar>, _ rules: CharacterRules) -> Bool {
        var hostPart = a
        if let at = a.firstIndex(of: "@") {
            guard rules.isValid(a[..<at], extra: ":", allowPrivate: false, allowSlashLike: false) else { return false }
            hostPart = a[(at + 1)...]
        }
        var port: ArraySlice<Unicode.Scalar> = []
        if hostPart.first == "[" {
            guard let close = hostPart.firstIndex(of: "]") else { return false }
            let literal = String(String.UnicodeScalarView(hostPart[(hostPart.startIndex + 1)..<close]))
            guard IPAddressFormat.isIPv6(literal) || isIPvFuture(literal) else { return false }
            let after = hostPart[(close + 1)...]
            if let first = after.first {
                guard first == ":" else { return false }
                port = after.dropFirst()
            }
        } else {
            if let colon = hostPart.firstIndex(of: ":") {
                port = hostPart[(colon + 1)...]
                hostPart = hostPart[..<colon]
            }
            guard rules.isValid(hostPart, extra: "", allowPrivate: false, allowSlashLike: false) else { return false }
        }
        return port.allSatisfy(isDigit)
    }

    /// `"v" 1*HEXDIG "." 1*( unreserved / sub-delims / ":" )`, case-insensitive `v`.
    private static func isIPvFuture(_ text: String) -> Bool {
        let s = Array(text.unicodeScalars)
        guard s.count >= 4, s[0] == "v" || s[0] == "V", let dot = s.firstIndex(of: "."), dot > 1, dot < s.count - 1
        else { return false }
        guard s[1..<dot].allSatisfy({ $0.isASCII && UUIDFormat.isHex(UInt8($0.value)) }) else { return false }
        return s[(dot + 1)...].allSatisfy { CharacterRules.isUnreservedASCII($0) || CharacterRules.isSubDelim($0) || $0 == ":" }
    }

    static func isAlpha(_ c: Unicode.Scalar) -> Bool {
        (c >= "a" && c <= "z") || (c >= "A" && c <= "Z")
    }

    static func isDigit(_ c: Unicode.Scalar) -> Bool {
        c >= "0" && c <= "9"
    }
}

/// Which scalars may appear in a component: unreserved, pct-encoded, sub-delims, ":" and "@"
/// (pchar), plus component-specific extras.
private struct CharacterRules {
    let international: Bool

    /// `allowSlashLike: false` drops "@" (and the extras decide ":") for userinfo and host.
    func isValid(_ s: ArraySlice<Unicode.Scalar>, extra: String, allowPrivate: Bool,
                 allowSlashLike: Bool = true) -> Bool {
        var index = s.startIndex
        while index < s.endIndex {
            let c = s[index]
            if c == "%" {
                guard index + 2 < s.endIndex, isHex(s[index + 1]), isHex(s[index + 2]) else { return false }
                index += 3
                continue
            }
            let ok = Self.isUnreservedASCII(c) || Self.isSubDelim(c) || extra.unicodeScalars.contains(c)
                || (allowSlashLike && (c == ":" || c == "@"))
                || (international && (isUCSChar(c) || (allowPrivate && isPrivate(c))))
            guard ok else { return false }
            index += 1
        }
        return true
    }

    static func isUnreservedASCII(_ c: Unicode.Scalar) -> Bool {
        URIFormat.isAlpha(c) || URIFormat.isDigit(c) || c == "-" || c == "." || c == "_" || c == "~"
    }

    static func isSubDelim(_ c: Unicode.Scalar) -> Bool {
        "!$&'()*+,;=".unicodeScalars.contains(c)
    }

    private func isHex(_ c: Unicode.Scalar) -> Bool {
        c.isASCII && UUIDFormat.isHex(UInt8(c.value))
    }

    /// RFC 3987 `ucschar`.
    private func isUCSChar(_ c: Unicode.Scalar) -> Bool {
        let v = c.value
        if (0xA0...0xD7FF).contains(v) || (0xF900...0xFDCF).contains(v) || (0xFDF0...0xFFEF).contains(v) { return true }
        guard v >= 0x10000, v & 0xFFFF <= 0xFFFD else { return false }
        return !(0xE0000...0xE0FFF).contains(v) && v < 0xF0000
    }

    /// RFC 3987 `iprivate`.
    private func isPrivate(_ c: Unicode.Scalar) -> Bool {
        let v = c.value
        return (0xE000...0xF8FF).contains(v) || ((0xF0000...0x10FFFD).contains(v) && v & 0xFFFF <= 0xFFFD)
    }
}

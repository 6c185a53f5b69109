import JSON

/// RFC 6901 JSON Pointer helpers: escaping reference tokens, reading a pointer out of a URI
/// fragment, and following one through a document.
enum JSONPointer {
    /// `~` → `~0`, `/` → `~1`.
    ///
    /// Works on Unicode scalars, not `Character`s: a combining mark after `~` or `/` forms one
    /// grapheme cluster with it, which must still be escaped (and split on) as the ASCII byte.
    static func escape(_ token: String) -> String {
        guard token.utf8.contains(where: { $0 == UInt8(ascii: "~") || $0 == UInt8(ascii: "/") }) else { return token }
        var out = String.UnicodeScalarView()
        for c in token.unicodeScalars {
            switch c {
            case "~": out.append(contentsOf: "~0".unicodeScalars)
            case "/": out.append(contentsOf: "~1".unicodeScalars)
            default: out.append(c)
            }
        }
        return String(out)
    }

    /// Joins tokens into a pointer string (`""` for the whole document).
    static func render<S: Sequence>(_ tokens: S) -> String where S.Element == String {
        var out = ""
        for t in tokens { out += "/" + escape(t) }
        return out
    }

    /// The tokens of a URI fragment that holds a pointer (percent-decoded first, as RFC 6901
    /// section 6 requires); `nil` when it is not a well-formed pointer.
    static func tokens(fromFragment fragment: String) -> [String]? {
        guard let decoded = percentDecode(fragment) else { return nil }
        return tokens(decoded)
    }

    /// The tokens of a pointer string; `nil` if it does not start with `/` or has a bad escape.
    /// Split by Unicode scalars, for the same reason as `escape`.
    static func tokens(_ pointer: String) -> [String]? {
        if pointer.isEmpty { return [] }
        guard pointer.utf8.first == UInt8(ascii: "/") else { return nil }
        var result: [String] = []
        for raw in pointer.unicodeScalars.dropFirst().split(separator: "/", omittingEmptySubsequences: false) {
            var token = String.UnicodeScalarView()
            var it = raw.makeIterator()
            while let c = it.next() {
                if c == "~" {
                    switch it.next() {
                    case "0": token.append("~")
                    case "1": token.append("/")
                    default: return nil
                    }
                } else {
                    token.append(c)
                }
            }
            result.append(String(token))
        }
        return result
    }

    /// The value at `tokens` inside `root`, if every step exists.
    static func resolve(_ tokens: ArraySlice<String>, in root: JSON) -> JSON? {
        var current = root
        for t in tokens {
            switch current {
            case .object(let o):
                guard let next = o[t] else { return nil }
                current = next
            case .array(let a):
                guard let i = arrayIndex(t), i < a.count else { return nil }
                current = a[i]
            default:
                return nil
            }
        }
        return current
    }

    /// A token as an array index: decimal digits without a leading zero.
    static func arrayIndex(_ t: String) -> Int? {
        guard !t.isEmpty, t.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return nil }
        if t.utf8.count > 1 && t.utf8.first == 48 { return nil }
        return Int(t)
    }

    /// Decodes `%XX` escapes as UTF-8; `nil` on a malformed escape or invalid UTF-8.
    static func percentDecode(_ s: String) -> String? {
        guard s.contains("%") else { return s }
        var bytes: [UInt8] = []
        var u = Array(s.utf8)[...]
        while let c = u.popFirst() {
            if c == UInt8(ascii: "%") {
                guard u.count >= 2, let h = hex(u[u.startIndex]), let l = hex(u[u.startIndex + 1]) else { return nil }
                bytes.append(h << 4 | l)
                u = u.dropFirst(2)
            } else {
                bytes.append(c)
            }
        }
        return String(validating: bytes, as: UTF8.self)
    }

    private static func hex(_ c: UInt8) -> UInt8? {
        switch c {
        case 48...57: c - 48
        case 65...70: c - 55
        case 97...102: c - 87
        default: nil
        }
    }
}

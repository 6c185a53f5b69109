/// An RFC 3986 URI reference split into its five components, with reference resolution
/// (section 5.2) and the normalisation that JSON Schema identifiers need for lookups.
///
/// Only the syntax that `$id`, `$ref` and `$schema` use is handled: no percent-decoding of the
/// path (identifiers are compared as written, after case-normalising scheme and host).
struct URIReference: Sendable, Hashable, CustomStringConvertible {
    var scheme: String?
    var authority: String?
    var path: String
    var query: String?
    var fragment: String?

    /// Splits `text` with the regular expression of RFC 3986 appendix B (which accepts any string).
    init(_ text: String) {
        var rest = Substring(text)
        if let hash = rest.firstIndex(of: "#") {
            fragment = String(rest[rest.index(after: hash)...])
            rest = rest[..<hash]
        }
        if let q = rest.firstIndex(of: "?") {
            query = String(rest[rest.index(after: q)...])
            rest = rest[..<q]
        }
        if let colon = rest.firstIndex(of: ":"), Self.isScheme(rest[..<colon]) {
            scheme = rest[..<colon].lowercased()
            rest = rest[rest.index(after: colon)...]
        }
        if rest.hasPrefix("//") {
            let afterSlashes = rest.index(rest.startIndex, offsetBy: 2)
            let end = rest[afterSlashes...].firstIndex(of: "/") ?? rest.endIndex
            authority = Self.normaliseAuthority(rest[afterSlashes..<end])
            rest = rest[end...]
        }
        path = String(rest)
    }

    init(scheme: String?, authority: String?, path: String, query: String?, fragment: String?) {
        self.scheme = scheme
        self.authority = authority
        self.path = path
        self.query = query
        self.fragment = fragment
    }

    /// The reference with an absent or empty fragment dropped (`x#` names the same resource as `x`).
    var withoutFragment: URIReference {
        var copy = self
        copy.fragment = nil
        return copy
    }

    /// True for a reference with a scheme (an absolute URI, possibly with a fragment).
    var isAbsolute: Bool { scheme != nil }

    /// Resolves this reference against `base` (RFC 3986 section 5.2.2, strict parser).
    func resolved(against base: URIReference) -> URIReference {
        var t = URIReference(scheme: nil, authority: nil, path: "", query: nil, fragment: fragment)
        if let scheme {
            t.scheme = scheme
            t.authority = authority
            t.path = Self.removeDotSegments(path)
            t.query = query
            return t
        }
        t.scheme = base.scheme
        if authority != nil {
            t.authority = authority
            t.path = Self.removeDotSegments(path)
            t.query = query
            return t
        }
        t.authority = base.authority
        if path.isEmpty {
            t.path = base.path
            t.query = query ?? base.query
        } else {
            t.path = path.hasPrefix("/") ? Self.removeDotSegments(path) : Self.removeDotSegments(merge(base))
            t.query = query
        }
        return t
    }

    private func merge(_ base: URIReference) -> String {
        if base.authority != nil && base.path.isEmpty { return "/" + path }
        guard let slash = base.path.lastIndex(of: "/") else { return path }
        return String(base.path[...slash]) + path
    }

    /// RFC 3986 section 5.2.4.
    static func removeDotSegments(_ input: String) -> String {
        guard input.contains(".") else { return input }
        var inp = Substring(input)
        var out: [Substring] = []
        var output = ""
        while !inp.isEmpty {
            if inp.hasPrefix("../") {
                inp = inp.dropFirst(3)
            } else if inp.hasPrefix("./") {
                inp = inp.dropFirst(2)
            } else if inp.hasPrefix("/./") {
                inp = inp.dropFirst(2)
            } else if inp == "/." {
                inp = "/"
            } else if inp.hasPrefix("/../") {
                inp = inp.dropFirst(3)
                if !out.isEmpty { out.removeLast() }
            } else if inp == "/.." {
                inp = "/"
                if !out.isEmpty { out.removeLast() }
            } else if inp == "." || inp == ".." {
                inp = ""
            } else {
                // Move the first segment (with its leading "/", if any) to the output.
                let start = inp.hasPrefix("/") ? inp.index(after: inp.startIndex) : inp.startIndex
                let end = inp[start...].firstIndex(of: "/") ?? inp.endIndex
                out.append(inp[..<end])
                inp = inp[end...]
            }
        }
        for segment in out { output += segment }
        return output
    }

    private static func isScheme(_ s: Substring) -> Bool {
        guard let first = s.utf8.first, isAlpha(first) else { return false }
        return s.utf8.allSatisfy { isAlpha($0) || ($0 >= 48 && $0 <= 57) || $0 == 43 || $0 == 45 || $0 == 46 }
    }

    private static func isAlpha(_ c: UInt8) -> Bool { (c | 0x20) >= 97 && (c | 0x20) <= 122 }

    /// Lower-cases the host (keeping user info as written) so `HTTP://Example.com` and
    /// `http://example.com` name the same resource.
    private static func normaliseAuthority(_ a: Substring) -> String {
        if let at = a.lastIndex(of: "@") {
            return String(a[...at]) + a[a.index(after: at)...].lowercased()
        }
        return a.lowercased()
    }

    var description: String {
        var s = ""
        if let scheme { s += scheme + ":" }
        if let authority { s += "//" + authority }
        s += path
        if let query { s += "?" + query }
        if let fragment { s += "#" + fragment }
        return s
    }
}

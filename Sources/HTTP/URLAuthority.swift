/// The `host:port` part of a URL, for error messages and for the https check. Deliberately
/// forgiving: libcurl does the real parsing, this only has to name the destination.
struct URLAuthority: CustomStringConvertible, Equatable {
    /// Lower-cased scheme, e.g. `https`; empty when the URL has none.
    let scheme: String
    /// The host as written (IPv6 literals keep their brackets).
    let host: String
    /// The explicit port, else the scheme's default, else nil.
    let port: Int?

    init(_ url: String) {
        var rest = Substring(url)
        if let (s, after) = URLScheme.split(rest) {
            scheme = String(s).lowercased()
            rest = after
        } else {
            scheme = ""
        }
        if let end = rest.firstIndex(where: { $0 == "/" || $0 == "?" || $0 == "#" }) {
            rest = rest[..<end]
        }
        if let at = rest.lastIndex(of: "@") { rest = rest[rest.index(after: at)...] }
        // The port separator is the last colon after any IPv6 closing bracket.
        let searchFrom = rest.lastIndex(of: "]") ?? rest.startIndex
        if let colon = rest[searchFrom...].lastIndex(of: ":"), let p = Int(rest[rest.index(after: colon)...]) {
            host = String(rest[..<colon])
            port = p
        } else {
            host = String(rest)
            port = scheme == "https" ? 443 : scheme == "http" ? 80 : nil
        }
    }

    var isHTTPS: Bool { scheme == "https" }

    var description: String {
        guard let port else { return host }
        return "\(host):\(port)"
    }
}

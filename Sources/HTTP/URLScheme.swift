/// Splits `scheme://rest` without the `_StringProcessing` module (its `firstRange(of:)` alone
/// adds 1.25 MB to a static binary; the shipped targets are built without it).
public enum URLScheme {
    /// The scheme before `://` and the text after it; `nil` when there is no `://`.
    public static func split(_ text: Substring) -> (scheme: Substring, rest: Substring)? {
        let u = text.utf8
        var i = u.startIndex
        while i != u.endIndex {
            if u[i] == UInt8(ascii: ":") {
                let a = u.index(after: i)
                if a != u.endIndex, u[a] == UInt8(ascii: "/") {
                    let b = u.index(after: a)
                    if b != u.endIndex, u[b] == UInt8(ascii: "/") {
                        return (text[..<i], text[u.index(after: b)...])
                    }
                }
            }
            i = u.index(after: i)
        }
        return nil
    }
}

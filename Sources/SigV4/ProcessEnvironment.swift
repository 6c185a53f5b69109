#if canImport(Glibc)
import Glibc
#endif

/// The process environment as a dictionary, for callers at the edge that feed
/// `Credentials.fromEnvironment`; the signing core itself never reads it.
public enum ProcessEnvironment {
    /// A snapshot of `environ`. Entries without `=` are skipped; for a repeated name the first wins,
    /// as with `getenv`.
    public static func read() -> [String: String] {
        var result: [String: String] = [:]
        // `environ` is implicitly unwrapped; read it as the optional it really is.
        let start: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = environ
        guard var entry = start else { return result }
        while let pointer = entry.pointee {
            let text = String(cString: pointer)
            if let equals = text.firstIndex(of: "=") {
                let name = String(text[..<equals])
                if result[name] == nil { result[name] = String(text[text.index(after: equals)...]) }
            }
            entry += 1
        }
        return result
    }
}

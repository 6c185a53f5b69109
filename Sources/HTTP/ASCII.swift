/// Header names are ASCII tokens, so folding only A-Z is correct and avoids Unicode tables.
/// `package`: the runtime's header lookups use the same comparison.
package func asciiCaseInsensitiveEquals(_ a: String, _ b: String) -> Bool {
    var ia = a.utf8.makeIterator()
    var ib = b.utf8.makeIterator()
    while true {
        switch (ia.next(), ib.next()) {
        case (nil, nil): return true
        case let (x?, y?):
            if asciiLower(x) != asciiLower(y) { return false }
        default: return false
        }
    }
}

@inline(__always)
package func asciiLower(_ c: UInt8) -> UInt8 { (c >= 65 && c <= 90) ? c + 32 : c }

extension String {
    /// The string with ASCII letters lowered (header names are ASCII).
    package var asciiLowercased: String {
        String(decoding: utf8.map(asciiLower), as: UTF8.self)
    }
}

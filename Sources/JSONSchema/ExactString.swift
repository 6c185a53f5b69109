/// A string compared and hashed by its UTF-8 bytes, for dictionaries keyed by JSON object keys or
/// by pointers built from them. Swift's `String` equality is canonical equivalence, under which
/// distinct JSON keys (U+00E9 and e + U+0301) would share one entry.
struct ExactString: Hashable, Sendable {
    let string: String

    init(_ string: String) {
        self.string = string
    }

    static func == (a: ExactString, b: ExactString) -> Bool {
        a.string.utf8.elementsEqual(b.string.utf8)
    }

    func hash(into hasher: inout Hasher) {
        var copy = string
        copy.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
    }
}

import JSON

/// A compiled schema: its keywords and where it lives.
struct Node: Sendable {
    /// A keyword with its name (the step in `keywordLocation`).
    struct Entry: Sendable {
        let name: String
        /// The keyword, boxed so the validator's hot loop can call it in place.
        let box: KeywordBox

        init(name: String, keyword: any Keyword) {
            self.name = name
            box = Self.boxed(keyword)
        }

        var keyword: any Keyword { box.keyword }

        /// Opens the existential once, at compile time, into a box of the concrete type.
        private static func boxed<K: Keyword>(_ keyword: K) -> KeywordBox { TypedKeywordBox(keyword) }
    }

    var entries: [Entry] = []
    /// The schema resource this schema belongs to (an index into `Compiler.resourceURIs`).
    var resource = 0
    /// The absolute URI of this schema: resource URI + `#` + JSON Pointer inside the resource.
    var location = ""
}

/// One compiled keyword behind a class reference, for the validator's hot loop. Calling a method
/// on an `any Keyword` read from an array element copies the existential first (measured: a
/// value-witness copy and destroy per keyword call); a virtual call on this box reaches the
/// concrete keyword, held in a `let`, without copying it.
class KeywordBox: @unchecked Sendable {
    /// The keyword as an existential, for the paths that report errors and annotations.
    let keyword: any Keyword
    /// Whether it is `unevaluated*`, which sibling annotations leave out (asked once, here).
    let isUnevaluated: Bool
    init(keyword: any Keyword) {
        self.keyword = keyword
        isUnevaluated = keyword is UnevaluatedKeyword
    }
    func isValid(_ instance: JSON, _ v: Validator, _ frame: Frame) -> Bool { fatalError("abstract") }
}

/// Immutable after init and holding a `Sendable` keyword, so sharing it across threads is safe.
final class TypedKeywordBox<K: Keyword>: KeywordBox, @unchecked Sendable {
    let concrete: K
    init(_ keyword: K) {
        concrete = keyword
        super.init(keyword: keyword)
    }
    override func isValid(_ instance: JSON, _ v: Validator, _ frame: Frame) -> Bool {
        concrete.isValid(instance, v, frame)
    }
}

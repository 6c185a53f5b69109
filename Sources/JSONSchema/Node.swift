/// A compiled schema: its keywords and where it lives.
struct Node: Sendable {
    /// A keyword with its name (the step in `keywordLocation`).
    struct Entry: Sendable {
        let name: String
        let keyword: any Keyword
    }

    var entries: [Entry] = []
    /// The schema resource this schema belongs to (an index into `Compiler.resourceURIs`).
    var resource = 0
    /// The absolute URI of this schema: resource URI + `#` + JSON Pointer inside the resource.
    var location = ""
}

/// Where a schema sits: the document it was loaded from (by retrieval URI) and the JSON Pointer
/// tokens from that document's root. One location compiles to one node, however it is reached.
struct SchemaLocation: Hashable, Sendable {
    let document: String
    let path: [String]

    func appending(_ steps: [String]) -> SchemaLocation {
        SchemaLocation(document: document, path: path + steps)
    }

    /// `document#pointer`, for messages.
    var key: String { document + "#" + JSONPointer.render(path) }

    /// `key` for dictionaries: compared by bytes, so canonically equivalent names stay apart.
    var exactKey: ExactString { ExactString(key) }
}

/// What the walk of a document learned about a schema location.
struct LocationInfo: Sendable {
    /// The base URI in effect (the innermost enclosing resource's URI, without fragment).
    var base: URIReference
    var dialect: Dialect
    /// How many path tokens lead to that resource's root (the rest form the fragment pointer).
    var resourceDepth: Int
}

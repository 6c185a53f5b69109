import JSON

/// Documents that `$ref` and `$schema` may name, by URI. Nothing is fetched from the network:
/// a URI that is neither added, nor under a mapped folder, nor one of the bundled metaschemas
/// of draft-04 to 2020-12 (see `Metaschemas`) is unresolvable.
public struct SchemaRegistry: Sendable {
    private var documents: [ExactString: JSON] = [:]
    private var mappings: [(base: String, directory: String)] = []

    /// An empty registry.
    public init() {}

    /// Registers `document` under `uri` (a fragment, if any, is ignored).
    public mutating func add(_ document: JSON, uri: String) {
        documents[ExactString(Self.key(uri))] = document
    }

    /// Serves `<baseURL><relative path>` from `<directory>/<relative path>` (`*.json` files, read
    /// when first referenced). `baseURL` should end with `/`.
    public mutating func addMapping(baseURL: String, directory: String) {
        mappings.append((Self.key(baseURL), directory))
    }

    /// Serves the `*.json` files under `directory` (the folder `schema` was read from) to the
    /// schema's relative references: those resolved against its root `$id` (or draft-04 `id`)
    /// and, for a schema without one, those resolved against the default base.
    public mutating func addSiblings(of schema: JSON, directory: String) {
        let defaultBase = URIReference(Compiler.defaultBase)
        addMapping(baseURL: Compiler.defaultBase, directory: directory)
        for keyword in ["$id", "id"] {
            guard case .string(let id) = schema[keyword] else { continue }
            let uri = URIReference(id).resolved(against: defaultBase)
            // The folder of the identifier: its path up to the last "/" (none: no folder).
            guard let slash = uri.path.utf8.lastIndex(of: UInt8(ascii: "/")) else { continue }
            let folder = String(decoding: uri.path.utf8[...slash], as: UTF8.self)
            let base = URIReference(scheme: uri.scheme, authority: uri.authority, path: folder, query: nil, fragment: nil)
            if base.description != Compiler.defaultBase { addMapping(baseURL: base.description, directory: directory) }
        }
    }

    /// A registry that serves the `*.json` files under `directory` as `baseURL` + relative path.
    public static func mapping(baseURL: String, directory: String) -> SchemaRegistry {
        var r = SchemaRegistry()
        r.addMapping(baseURL: baseURL, directory: directory)
        return r
    }

    /// The document registered or mapped at `uri`, else the bundled metaschema there; `nil` when
    /// there is none, an error when a mapped file exists but cannot be read or parsed.
    func document(at uri: String) throws(SchemaError) -> JSON? {
        let k = Self.key(uri)
        if let d = documents[ExactString(k)] { return d }
        for (base, directory) in mappings where k.utf8.starts(with: base.utf8) {
            let relative = String(decoding: k.utf8.dropFirst(base.utf8.count), as: UTF8.self)
            // Never leave the mapped folder.
            guard !relative.isEmpty, relative.hasSuffix(".json"), !relative.split(separator: "/").contains("..") else { continue }
            let path = directory.hasSuffix("/") ? directory + relative : directory + "/" + relative
            guard let bytes = try? FileBytes.read(path) else { continue }
            do {
                return try JSONParser.parse(bytes)
            } catch {
                throw SchemaError(.unreadableDocument, "\(path) (for \(uri)) is not valid JSON: \(error)")
            }
        }
        return Metaschemas.document(at: k)
    }

    private static func key(_ uri: String) -> String {
        URIReference(uri).withoutFragment.description
    }
}

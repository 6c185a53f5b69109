import JSON

/// Turns a schema document (and whatever it references) into a `Validator`: every reachable
/// schema compiled once into a node, `$ref`s resolved to node indices.
///
/// Compilation is a work list, not recursion: asking for a subschema reserves its index and
/// queues it, so recursive schemas compile to cycles and deep schemas cannot overflow the stack.
final class Compiler {
    let options: SchemaOptions
    /// The base URI of a root schema without `$id`.
    static let defaultBase = "json-schema:///"

    // URIs and names are keyed by their exact bytes (see `ExactString`).
    var documents: [ExactString: JSON] = [:]
    /// Schema resources by absolute URI (without fragment).
    var resources: [ExactString: SchemaLocation] = [:]
    /// Plain-name fragments (`$anchor`, `$dynamicAnchor`, legacy `#foo` ids) by `uri#name`.
    var anchors: [ExactString: SchemaLocation] = [:]
    /// `$dynamicAnchor`s by resource URI, then name.
    var dynamicAnchors: [ExactString: [ExactString: SchemaLocation]] = [:]
    var infos: [ExactString: LocationInfo] = [:]

    private var nodeIndices: [ExactString: Int] = [:]
    private var nodes: [Node] = []
    private var pending: [(Int, SchemaLocation)] = []
    private var resourceIDs: [ExactString: Int] = [:]
    private var resourceURIs: [String] = []
    var usesDynamicRef = false

    init(options: SchemaOptions) {
        self.options = options
    }

    /// Compiles `schema` as the root document; returns the validator and the root node index.
    func compile(_ schema: JSON) throws(SchemaError) -> (Validator, Int) {
        let dialect = try rootDialect(schema)
        let document = Self.defaultBase
        try indexDocument(document, schema, dialect: dialect, forced: options.draft != nil)
        let root = try nodeIndex(for: SchemaLocation(document: document, path: []))
        // Every subschema of the root document is compiled, referenced or not, so a bad keyword
        // or an unresolvable `$ref` in an unused `$defs` entry is still reported now.
        let prefix = document + "#"
        for (key, _) in infos where key.string.utf8.starts(with: prefix.utf8) {
            let pointer = String(decoding: key.string.utf8.dropFirst(prefix.utf8.count), as: UTF8.self)
            let tokens = JSONPointer.tokens(pointer) ?? []
            _ = try nodeIndex(for: SchemaLocation(document: document, path: tokens))
        }
        try drain()
        var dynamic: [[ExactString: Int]] = []
        if usesDynamicRef {
            // Any resource that can be in the dynamic scope needs its dynamic anchors compiled.
            var done = 0
            while done < resourceURIs.count {
                let uri = resourceURIs[done]
                var table: [ExactString: Int] = [:]
                for (name, loc) in dynamicAnchors[ExactString(uri)] ?? [:] { table[name] = try nodeIndex(for: loc) }
                dynamic.append(table)
                try drain()
                done += 1
            }
        }
        try checkReferenceLoops()
        return (Validator(nodes: nodes, dynamicAnchors: dynamic, tracksScope: usesDynamicRef), root)
    }

    /// The node for a location, reserving and queueing it when first asked for.
    func nodeIndex(for location: SchemaLocation) throws(SchemaError) -> Int {
        let key = location.exactKey
        if let i = nodeIndices[key] { return i }
        let i = nodes.count
        nodes.append(Node())
        nodeIndices[key] = i
        pending.append((i, location))
        return i
    }

    private func drain() throws(SchemaError) {
        while let (i, location) = pending.popLast() {
            nodes[i] = try compileNode(i, at: location)
        }
    }

    private func compileNode(_ index: Int, at location: SchemaLocation) throws(SchemaError) -> Node {
        guard let document = documents[ExactString(location.document)],
              let json = JSONPointer.resolve(location.path[...], in: document) else {
            throw SchemaError(.unresolvableReference, "no schema at \(location.key)")
        }
        let info = locationInfo(location)
        var node = Node()
        node.resource = resourceID(info.base.description)
        node.location = absoluteLocation(of: location)
        switch json {
        case .bool(let b):
            if !b { node.entries = [Node.Entry(name: "", keyword: FalseSchema())] }
        case .object(let o):
            let table = Drafts.table(for: info.dialect.release)
            // Before 2019-09, `$ref` replaces the whole schema: its siblings are ignored.
            let legacyRef = info.dialect.release <= .draft7 && o["$ref"] != nil
            if options.strict {
                let prefix = node.location + "/"
                for m in o.members {
                    if let error = Strictness.unknownKeyword(m.key, dialect: info.dialect, location: prefix + JSONPointer.escape(m.key)) {
                        throw error
                    }
                }
            }
            for m in o.members {
                if legacyRef && m.key != "$ref" { continue }
                guard let entry = table[m.key], info.dialect.vocabularies.contains(entry.vocabulary) else { continue }
                let context = KeywordContext(compiler: self, name: m.key, value: m.value, schema: o, node: index,
                                             dialect: info.dialect, location: location)
                if let keyword = try entry.compile(context) {
                    node.entries.append(Node.Entry(name: m.key, keyword: keyword))
                }
            }
        default:
            throw SchemaError(.invalidKeyword, "a schema must be an object or a Boolean, not \(MessageRendering.render(json))",
                              location: node.location)
        }
        return node
    }

    private func resourceID(_ uri: String) -> Int {
        if let id = resourceIDs[ExactString(uri)] { return id }
        resourceIDs[ExactString(uri)] = resourceURIs.count
        resourceURIs.append(uri)
        return resourceURIs.count - 1
    }

    /// The walk's facts about `location`, or those of its nearest known ancestor (for schemas
    /// reached by pointer through keywords we do not know, e.g. `#/examples/0`).
    func locationInfo(_ location: SchemaLocation) -> LocationInfo {
        var path = location.path[...]
        while true {
            if let info = infos[SchemaLocation(document: location.document, path: Array(path)).exactKey] { return info }
            if path.isEmpty { break }
            path = path.dropLast()
        }
        return LocationInfo(base: URIReference(location.document), dialect: Draft.draft2020_12.dialect, resourceDepth: 0)
    }

    /// The absolute URI of a schema location: its resource's URI with a JSON Pointer fragment.
    func absoluteLocation(of location: SchemaLocation) -> String {
        let info = locationInfo(location)
        return info.base.description + "#" + JSONPointer.render(location.path.dropFirst(info.resourceDepth))
    }

    /// Fails on a cycle of in-place applicators and `$ref`s: evaluating it would never touch a
    /// deeper part of the instance, so it could only end by exhausting the depth limit.
    private func checkReferenceLoops() throws(SchemaError) {
        var state = [UInt8](repeating: 0, count: nodes.count)  // 0 new, 1 on stack, 2 done
        let edgesOf = nodes.map { $0.entries.flatMap(\.keyword.inPlaceSubschemas) }
        for start in nodes.indices where state[start] == 0 {
            var stack: [(node: Int, next: Int)] = [(start, 0)]
            state[start] = 1
            while let top = stack.last {
                let edges = edgesOf[top.node]
                if top.next < edges.count {
                    stack[stack.count - 1].next += 1
                    let target = edges[top.next]
                    if state[target] == 1 {
                        throw SchemaError(.referenceLoop, "the schema at \(nodes[target].location) refers back to itself without descending into the instance",
                                          location: nodes[target].location)
                    }
                    if state[target] == 0 {
                        state[target] = 1
                        stack.append((target, 0))
                    }
                } else {
                    state[top.node] = 2
                    stack.removeLast()
                }
            }
        }
    }
}

import JSON

extension Compiler {
    /// The deepest JSON nesting (in pointer tokens) a schema document may have: well beyond any
    /// parsed document (the parser stops at 256), and a guard for hand-built ones (locations
    /// are keyed by their full pointer, so indexing cost grows with depth squared).
    static let maxSchemaDepth = 1_000

    /// One schema still to visit, with what its parent established.
    private struct Visit {
        let json: JSON
        let location: SchemaLocation
        let base: URIReference
        let dialect: Dialect
        let resourceDepth: Int
        let isRoot: Bool
    }

    /// Records a document and walks it for resources (`$id`), anchors and dialect changes.
    /// `forced` keeps the caller's dialect even when the root has its own `$schema`.
    ///
    /// The walk keeps its own stack (children pushed in reverse, so document order is kept:
    /// the first of two equal `$id`s wins), so a deep document cannot overflow the thread's.
    func indexDocument(_ uri: String, _ json: JSON, dialect: Dialect, forced: Bool = false) throws(SchemaError) {
        documents[ExactString(uri)] = json
        let root = SchemaLocation(document: uri, path: [])
        resources[ExactString(uri)] = root
        var stack = [Visit(json: json, location: root, base: URIReference(uri), dialect: dialect, resourceDepth: 0, isRoot: true)]
        while let visit = stack.popLast() {
            guard visit.location.path.count <= Self.maxSchemaDepth else {
                throw SchemaError(.schemaTooDeep, "subschemas nest more than \(Self.maxSchemaDepth) levels deep",
                                  location: visit.location.key)
            }
            let children = try index(visit, forced: forced && visit.isRoot)
            stack.append(contentsOf: children.reversed())
        }
    }

    /// Records one schema's identifiers and returns its subschemas.
    private func index(_ visit: Visit, forced: Bool) throws(SchemaError) -> [Visit] {
        let location = visit.location
        guard case .object(let o) = visit.json else {
            infos[location.exactKey] = LocationInfo(base: visit.base, dialect: visit.dialect, resourceDepth: visit.resourceDepth)
            return []
        }
        var dialect = visit.dialect
        var base = visit.base
        var depth = visit.resourceDepth
        let hasID = o["$id"] != nil || (visit.dialect.release == .draft4 && o["id"] != nil)
        if case .string(let s) = o["$schema"], !forced, visit.isRoot || (visit.dialect.release >= .draft2019 && hasID) {
            dialect = try self.dialect(forSchemaURI: s, at: location)
        }
        let release = dialect.release
        let idKeyword = release == .draft4 ? "id" : "$id"
        // Before 2019-09 a `$ref` hides its siblings, `$id` included.
        if case .string(let id) = o[idKeyword], !(release <= .draft7 && o["$ref"] != nil) {
            let resolved = URIReference(id).resolved(against: base)
            if id.utf8.first != UInt8(ascii: "#") {
                base = resolved.withoutFragment
                depth = location.path.count
                if resources[ExactString(base.description)] == nil { resources[ExactString(base.description)] = location }
            }
            if release <= .draft7, let fragment = resolved.fragment, !fragment.isEmpty {
                anchors[ExactString(base.description + "#" + fragment)] = location
            }
        }
        if release >= .draft2019 {
            if case .string(let name) = o["$anchor"] { anchors[ExactString(base.description + "#" + name)] = location }
            // 2019-09's `"$recursiveAnchor": true` is a dynamic anchor for the resource root, under
            // the empty name (no `$dynamicRef` can name it: its fragment would be empty).
            if release == .draft2019, o["$recursiveAnchor"] == .bool(true), location.path.count == depth {
                dynamicAnchors[ExactString(base.description), default: [:]][ExactString("")] = location
            }
            if case .string(let name) = o["$dynamicAnchor"] {
                anchors[ExactString(base.description + "#" + name)] = location
                dynamicAnchors[ExactString(base.description), default: [:]][ExactString(name)] = location
            }
        }
        infos[location.exactKey] = LocationInfo(base: base, dialect: dialect, resourceDepth: depth)

        func child(_ json: JSON, _ steps: [String]) -> Visit {
            Visit(json: json, location: location.appending(steps), base: base, dialect: dialect, resourceDepth: depth, isRoot: false)
        }
        var children: [Visit] = []
        let keywords = Drafts.subschemaKeywords(for: release)
        for m in o.members {
            if keywords.array.contains(m.key), case .array(let a) = m.value {
                for (i, item) in a.enumerated() { children.append(child(item, [m.key, String(i)])) }
            } else if keywords.single.contains(m.key) {
                children.append(child(m.value, [m.key]))
            } else if keywords.map.contains(m.key), case .object(let members) = m.value {
                for member in members.members {
                    switch member.value {
                    case .object, .bool: children.append(child(member.value, [m.key, member.key]))
                    default: continue
                    }
                }
            }
        }
        return children
    }

    /// The dialect of the root schema: the option, else its `$schema`, else 2020-12. With the
    /// option, a `$schema` naming a custom metaschema of that same release still chooses the
    /// vocabularies (its `$vocabulary`); any other `$schema` is ignored.
    func rootDialect(_ schema: JSON) throws(SchemaError) -> Dialect {
        if let draft = options.draft {
            guard case .string(let s) = schema["$schema"], Dialect.known(s) == nil,
                  let custom = try? dialect(forSchemaURI: s, at: SchemaLocation(document: Self.defaultBase, path: [])),
                  custom.release == draft.dialect.release else { return draft.dialect }
            return custom
        }
        if case .string(let s) = schema["$schema"] {
            return try dialect(forSchemaURI: s, at: SchemaLocation(document: Self.defaultBase, path: []))
        }
        return Draft.draft2020_12.dialect
    }

    /// The dialect a `$schema` URI names: a known release, or a metaschema from the registry
    /// whose own `$schema` gives the release and whose `$vocabulary` the vocabularies.
    func dialect(forSchemaURI uri: String, at location: SchemaLocation) throws(SchemaError) -> Dialect {
        if let known = Dialect.known(uri) { return known }
        let key = URIReference(uri).withoutFragment.description
        let metaschema: JSON
        if let d = documents[ExactString(key)] {
            metaschema = d
        } else if let d = try options.registry.document(at: key) {
            metaschema = d
        } else {
            throw SchemaError(.unresolvableReference, "the metaschema \"\(uri)\" named by \"$schema\" is not in the registry",
                              location: location.key)
        }
        guard case .string(let parent) = metaschema["$schema"], let base = Dialect.known(parent) else {
            throw SchemaError(.unresolvableReference, "the metaschema \"\(uri)\" does not name a known draft in its \"$schema\"",
                              location: location.key)
        }
        var dialect = base
        if base.release >= .draft2019, case .object(let vocabulary) = metaschema["$vocabulary"] {
            var enabled: Vocabularies = [.core]
            for m in vocabulary.members {
                if let v = Vocabularies.named(m.key) {
                    enabled.insert(v)
                    // 2019-09 kept the unevaluated keywords in the applicator vocabulary.
                    if v == .applicator && base.release == .draft2019 { enabled.insert(.unevaluated) }
                } else if m.value == .bool(true) {
                    throw SchemaError(.unsupportedVocabulary, "the metaschema \"\(uri)\" requires the unknown vocabulary \"\(m.key)\"",
                                      location: location.key)
                }
            }
            dialect.vocabularies = enabled
        }
        return dialect
    }
}

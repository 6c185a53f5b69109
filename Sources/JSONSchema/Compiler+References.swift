import JSON

extension Compiler {
    /// The node a `$ref`/`$dynamicRef` value names, resolved against the base URI in effect.
    func resolveReference(_ reference: String, from c: KeywordContext) throws(SchemaError) -> Int {
        let info = locationInfo(c.location)
        let target = URIReference(reference).resolved(against: info.base)
        let location = try locate(target, reference: reference, from: c, dialect: info.dialect)
        return try nodeIndex(for: location)
    }

    /// For a `$dynamicRef`: the anchor name when the reference's fragment is a plain name that
    /// its initial target declares with `$dynamicAnchor` (only then is it dynamic).
    func dynamicAnchorName(_ reference: String, from c: KeywordContext) -> String? {
        let target = URIReference(reference).resolved(against: locationInfo(c.location).base)
        guard let name = target.fragment, !name.isEmpty, name.utf8.first != UInt8(ascii: "/") else { return nil }
        guard dynamicAnchors[ExactString(target.withoutFragment.description)]?[ExactString(name)] != nil else { return nil }
        usesDynamicRef = true
        return name
    }

    /// For a 2019-09 `$recursiveRef`: whether its initial target is a resource root with
    /// `"$recursiveAnchor": true` (only then is it dynamic, with the empty anchor name).
    func isRecursiveAnchored(_ reference: String, from c: KeywordContext) -> Bool {
        let target = URIReference(reference).resolved(against: locationInfo(c.location).base)
        guard (target.fragment ?? "").isEmpty,
              dynamicAnchors[ExactString(target.withoutFragment.description)]?[ExactString("")] != nil else { return false }
        usesDynamicRef = true
        return true
    }

    private func locate(_ target: URIReference, reference: String, from c: KeywordContext,
                        dialect: Dialect) throws(SchemaError) -> SchemaLocation {
        let resourceURI = target.withoutFragment.description
        func unresolvable(_ why: String) -> SchemaError {
            SchemaError(.unresolvableReference, "cannot resolve \"\(c.name)\": \"\(reference)\" (\(target)): \(why)",
                        location: absoluteLocation(of: c.location) + "/" + JSONPointer.escape(c.name))
        }
        if resources[ExactString(resourceURI)] == nil {
            guard let document = try options.registry.document(at: resourceURI) else {
                throw unresolvable("no schema resource \(resourceURI) in the schema or the registry")
            }
            try indexDocument(resourceURI, document, dialect: dialect)
        }
        guard let resource = resources[ExactString(resourceURI)] else { throw unresolvable("no schema resource \(resourceURI)") }
        let fragment = target.fragment ?? ""
        if fragment.isEmpty { return resource }
        if fragment.utf8.starts(with: "/".utf8) || fragment.utf8.starts(with: "%2F".utf8) || fragment.utf8.starts(with: "%2f".utf8) {
            guard let tokens = JSONPointer.tokens(fromFragment: fragment) else {
                throw unresolvable("the fragment is not a valid JSON Pointer")
            }
            let location = resource.appending(tokens)
            guard let document = documents[ExactString(location.document)], JSONPointer.resolve(location.path[...], in: document) != nil else {
                throw unresolvable("nothing at that JSON Pointer")
            }
            return location
        }
        guard let anchor = anchors[ExactString(resourceURI + "#" + fragment)] else {
            throw unresolvable("no anchor \"\(fragment)\" in \(resourceURI)")
        }
        return anchor
    }
}

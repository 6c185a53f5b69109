import JSON

/// `required`: every listed name is a member.
struct RequiredKeyword: Keyword {
    let names: [String]
    /// The names without repeats (a schema may repeat one), for the one-pass check.
    let distinct: PropertyNameSet

    static func compile(_ c: KeywordContext) throws(SchemaError) -> (any Keyword)? {
        let names = try c.strings()
        guard !names.isEmpty else { return nil }
        var seen = Set<ExactKey>(), distinct: [String] = []
        for n in names where seen.insert(ExactKey(n)).inserted { distinct.append(n) }
        return RequiredKeyword(names: names, distinct: PropertyNameSet(distinct))
    }

    func isValid(_ instance: JSON, _ v: Validator, _ frame: Frame) -> Bool {
        guard case .object(let o) = instance else { return true }
        // One pass over the members: their keys are unique, so each required name is matched
        // by at most one member, and all are present exactly when the matches reach the count.
        let wanted = distinct.count
        guard o.count >= wanted else { return false }
        return o.withMembers { m in
            var found = 0, next = 0
            for i in 0..<m.count {
                guard let p = distinct.index(of: m.key(i).pointee, hint: next) else { continue }
                next = p + 1
                found += 1
                if found == wanted { return true }
            }
            return false
        }
    }

    func validate(_ instance: JSON, _ v: Validator, _ frame: Frame, _ sink: inout ErrorSink) {
        guard case .object(let o) = instance else { return }
        for n in names where o.position(of: n) == nil { sink.report(.required(n), instance) }
    }
}

/// `minProperties`/`maxProperties`.
struct PropertyCountKeyword: Assertion {
    let limit: Int
    let isMinimum: Bool

    static func compile(_ c: KeywordContext) throws(SchemaError) -> (any Keyword)? {
        PropertyCountKeyword(limit: try c.nonNegativeInteger(), isMinimum: c.name == "minProperties")
    }

    func isValid(_ instance: JSON) -> Bool {
        guard case .object(let o) = instance else { return true }
        return isMinimum ? o.count >= limit : o.count <= limit
    }

    func failure(for instance: JSON) -> ValidationError.Kind {
        isMinimum ? .minProperties(limit) : .maxProperties(limit)
    }
}

/// `dependentRequired`, `dependentSchemas`, and their draft-04/07 ancestor `dependencies`
/// (whose values are either an array of names or a schema).
struct DependenciesKeyword: Keyword {
    let required: [(property: String, names: [String])]
    let schemas: [(property: String, schema: Int)]

    static func compile(_ c: KeywordContext) throws(SchemaError) -> (any Keyword)? {
        guard case .object(let o) = c.value else { throw c.invalid("an object") }
        var required: [(String, [String])] = []
        var schemas: [(String, Int)] = []
        for m in o.members {
            switch m.value {
            case .array(let a) where c.name != "dependentSchemas":
                var names: [String] = []
                for v in a {
                    guard case .string(let s) = v else { throw c.invalid("an object of string arrays") }
                    names.append(s)
                }
                required.append((m.key, names))
            case .object where c.name != "dependentRequired", .bool where c.name != "dependentRequired":
                schemas.append((m.key, try c.subschema(m.key)))
            default:
                throw c.invalid(c.name == "dependentRequired" ? "an object of string arrays" : "an object of schemas")
            }
        }
        return DependenciesKeyword(required: required, schemas: schemas)
    }

    func isValid(_ instance: JSON, _ v: Validator, _ frame: Frame) -> Bool {
        guard case .object(let o) = instance else { return true }
        for (p, names) in required where o.position(of: p) != nil {
            for n in names where o.position(of: n) == nil { return false }
        }
        for (p, s) in schemas where o.position(of: p) != nil {
            if !v.isValid(s, instance, frame) { return false }
        }
        return true
    }

    func validate(_ instance: JSON, _ v: Validator, _ frame: Frame, _ sink: inout ErrorSink) {
        guard case .object(let o) = instance else { return }
        for (p, names) in required where o.position(of: p) != nil {
            for n in names where o.position(of: n) == nil {
                sink.report(.dependentRequired(property: p, missing: n), instance)
            }
        }
        for (p, s) in schemas where o.position(of: p) != nil {
            sink.descend(nil, keywordStep: p) { sink in v.validate(s, instance, frame, &sink) }
        }
    }

    func annotate(_ instance: JSON, _ v: Validator, _ frame: Frame, _ into: inout Annotations) {
        guard case .object(let o) = instance else { return }
        for (p, s) in schemas where o.position(of: p) != nil {
            if let a = v.annotations(s, instance, frame) { into.merge(a) }
        }
    }

    var inPlaceSubschemas: [Int] { schemas.map(\.schema) }
}

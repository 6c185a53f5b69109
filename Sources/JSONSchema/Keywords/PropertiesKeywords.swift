import JSON

/// `properties`: each named member against its schema.
struct PropertiesKeyword: Keyword {
    let properties: [(name: String, schema: Int)]
    let names: PropertyNameSet

    static func compile(_ c: KeywordContext) throws(SchemaError) -> (any Keyword)? {
        let properties = try c.subschemaMap().map { (name: $0.0, schema: $0.1) }
        return PropertiesKeyword(properties: properties, names: PropertyNameSet(properties.map(\.name)))
    }

    func isValid(_ instance: JSON, _ v: Validator, _ frame: Frame) -> Bool {
        guard case .object(let o) = instance else { return true }
        // One pass over the members (borrowed in place, not copied out), each looked up among
        // the declared names; the order of checks does not change the answer.
        return o.withMembers { m in
            var next = 0
            for i in 0..<m.count {
                guard let p = names.index(of: m.key(i).pointee, hint: next) else { continue }
                next = p + 1
                if !v.isValid(properties[p].schema, m.value(i).pointee, frame) { return false }
            }
            return true
        }
    }

    func validate(_ instance: JSON, _ v: Validator, _ frame: Frame, _ sink: inout ErrorSink) {
        guard case .object(let o) = instance else { return }
        for (name, s) in properties {
            guard let value = o[name] else { continue }
            sink.descend(.key(name), keywordStep: name) { sink in v.validate(s, value, frame, &sink) }
        }
    }

    func annotate(_ instance: JSON, _ v: Validator, _ frame: Frame, _ into: inout Annotations) {
        guard case .object(let o) = instance else { return }
        // The members whose names are declared (the same set as the declared names present).
        o.withMembers { m in
            var next = 0
            for i in 0..<m.count {
                guard let p = names.index(of: m.key(i).pointee, hint: next) else { continue }
                next = p + 1
                into.properties.insert(i)
            }
        }
    }

    func declares(_ name: String) -> Bool { names.contains(name) }
}

/// `patternProperties`: members whose name matches a pattern, against that pattern's schema.
struct PatternPropertiesKeyword: Keyword {
    let patterns: [(regex: ECMARegex, source: String, schema: Int)]

    static func compile(_ c: KeywordContext) throws(SchemaError) -> (any Keyword)? {
        var patterns: [(ECMARegex, String, Int)] = []
        for (p, s) in try c.subschemaMap() {
            patterns.append((try PatternKeyword.compileRegex(p, c), p, s))
        }
        return PatternPropertiesKeyword(patterns: patterns)
    }

    func isValid(_ instance: JSON, _ v: Validator, _ frame: Frame) -> Bool {
        guard case .object(let o) = instance else { return true }
        for m in o.members {
            for p in patterns where p.regex.matches(m.key) {
                if !v.isValid(p.schema, m.value, frame) { return false }
            }
        }
        return true
    }

    func validate(_ instance: JSON, _ v: Validator, _ frame: Frame, _ sink: inout ErrorSink) {
        guard case .object(let o) = instance else { return }
        for m in o.members {
            for p in patterns where p.regex.matches(m.key) {
                sink.descend(.key(m.key), keywordStep: p.source) { sink in v.validate(p.schema, m.value, frame, &sink) }
            }
        }
    }

    func annotate(_ instance: JSON, _ v: Validator, _ frame: Frame, _ into: inout Annotations) {
        guard case .object(let o) = instance else { return }
        for (i, m) in o.members.enumerated() where matches(m.key) { into.properties.insert(i) }
    }

    func matches(_ name: String) -> Bool { patterns.contains { $0.regex.matches(name) } }
}

/// `additionalProperties`: members matched by neither sibling `properties` nor `patternProperties`.
struct AdditionalPropertiesKeyword: Keyword {
    let schema: Int
    let forbidden: Bool
    let properties: PropertiesKeyword?
    let patterns: PatternPropertiesKeyword?

    static func compile(_ c: KeywordContext) throws(SchemaError) -> (any Keyword)? {
        // Sibling keywords are compiled again here only for their names and patterns; their
        // subschema indices are the same ones the siblings themselves get.
        func sibling(_ name: String) -> KeywordContext? {
            c.schema[name].map {
                KeywordContext(compiler: c.compiler, name: name, value: $0, schema: c.schema, node: c.node,
                               dialect: c.dialect, location: c.location)
            }
        }
        var properties: PropertiesKeyword?
        var patterns: PatternPropertiesKeyword?
        if let ctx = sibling("properties") { properties = try PropertiesKeyword.compile(ctx) as? PropertiesKeyword }
        if let ctx = sibling("patternProperties") { patterns = try PatternPropertiesKeyword.compile(ctx) as? PatternPropertiesKeyword }
        return AdditionalPropertiesKeyword(schema: try c.subschema(), forbidden: c.value == .bool(false),
                                           properties: properties, patterns: patterns)
    }

    private func isAdditional(_ name: String) -> Bool {
        !(properties?.declares(name) ?? false) && !(patterns?.matches(name) ?? false)
    }

    func isValid(_ instance: JSON, _ v: Validator, _ frame: Frame) -> Bool {
        guard case .object(let o) = instance else { return true }
        return o.withMembers { m in
            var next = 0
            for i in 0..<m.count {
                let key = m.key(i).pointee
                if let properties, let p = properties.names.index(of: key, hint: next) {
                    next = p + 1
                    continue
                }
                if patterns?.matches(key) ?? false { continue }
                if forbidden || !v.isValid(schema, m.value(i).pointee, frame) { return false }
            }
            return true
        }
    }

    func validate(_ instance: JSON, _ v: Validator, _ frame: Frame, _ sink: inout ErrorSink) {
        guard case .object(let o) = instance else { return }
        for m in o.members where isAdditional(m.key) && !sink.isFull {
            if forbidden {
                sink.report(.additionalProperty(m.key), m.value, instanceStep: .key(m.key))
            } else {
                sink.descend(.key(m.key)) { sink in v.validate(schema, m.value, frame, &sink) }
            }
        }
    }

    func annotate(_ instance: JSON, _ v: Validator, _ frame: Frame, _ into: inout Annotations) {
        into.allProperties = true
    }
}

/// `propertyNames`: every member name, as a string instance, against the schema.
struct PropertyNamesKeyword: Keyword {
    let schema: Int

    static func compile(_ c: KeywordContext) throws(SchemaError) -> (any Keyword)? {
        PropertyNamesKeyword(schema: try c.subschema())
    }

    func isValid(_ instance: JSON, _ v: Validator, _ frame: Frame) -> Bool {
        guard case .object(let o) = instance else { return true }
        for m in o.members where !v.isValid(schema, .string(m.key), frame) { return false }
        return true
    }

    func validate(_ instance: JSON, _ v: Validator, _ frame: Frame, _ sink: inout ErrorSink) {
        guard case .object(let o) = instance else { return }
        for m in o.members where !v.isValid(schema, .string(m.key), frame) {
            sink.report(.propertyName(m.key), .string(m.key), instanceStep: .key(m.key))
        }
    }
}

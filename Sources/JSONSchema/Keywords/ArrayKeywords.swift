import JSON

/// `minItems`/`maxItems`.
struct ItemCountKeyword: Assertion {
    let limit: Int
    let isMinimum: Bool

    static func compile(_ c: KeywordContext) throws(SchemaError) -> (any Keyword)? {
        ItemCountKeyword(limit: try c.nonNegativeInteger(), isMinimum: c.name == "minItems")
    }

    func isValid(_ instance: JSON) -> Bool {
        guard case .array(let a) = instance else { return true }
        return isMinimum ? a.count >= limit : a.count <= limit
    }

    func failure(for instance: JSON) -> ValidationError.Kind { isMinimum ? .minItems(limit) : .maxItems(limit) }
}

/// `uniqueItems: true`: no two items are equal under JSON equality.
struct UniqueItemsKeyword: Assertion {
    static func compile(_ c: KeywordContext) throws(SchemaError) -> (any Keyword)? {
        guard case .bool(let b) = c.value else { throw c.invalid("a Boolean") }
        return b ? UniqueItemsKeyword() : nil
    }

    /// Arrays up to this size are compared pairwise, which allocates nothing.
    static let pairwiseLimit = 32

    func isValid(_ instance: JSON) -> Bool {
        guard case .array(let a) = instance, a.count > 1 else { return true }
        if a.count <= Self.pairwiseLimit {
            for i in a.indices {
                for j in (i + 1)..<a.count where a[i] == a[j] { return false }
            }
            return true
        }
        var seen = Set<JSON>(minimumCapacity: a.count)
        for item in a where !seen.insert(item).inserted { return false }
        return true
    }

    func failure(for instance: JSON) -> ValidationError.Kind { .uniqueItems }
}

/// `prefixItems` (and the array form of `items` before 2020-12): item `i` against schema `i`.
struct PrefixItemsKeyword: Keyword {
    let schemas: [Int]

    static func compile(_ c: KeywordContext) throws(SchemaError) -> (any Keyword)? {
        PrefixItemsKeyword(schemas: try c.subschemaArray())
    }

    func isValid(_ instance: JSON, _ v: Validator, _ frame: Frame) -> Bool {
        guard case .array(let a) = instance else { return true }
        for (i, s) in zip(a.indices, schemas) where !v.isValid(s, a[i], frame) { return false }
        return true
    }

    func validate(_ instance: JSON, _ v: Validator, _ frame: Frame, _ sink: inout ErrorSink) {
        guard case .array(let a) = instance else { return }
        for (i, s) in zip(a.indices, schemas) {
            sink.descend(.index(i), keywordStep: String(i)) { sink in v.validate(s, a[i], frame, &sink) }
        }
    }

    func annotate(_ instance: JSON, _ v: Validator, _ frame: Frame, _ into: inout Annotations) {
        guard case .array(let a) = instance else { return }
        into.prefixItems = max(into.prefixItems, min(a.count, schemas.count))
    }
}

/// One schema for every item from `start` on: `items` (after `prefixItems` in 2020-12, or as a
/// single schema before) and `additionalItems` (after an array-form `items`).
struct RestItemsKeyword: Keyword {
    let start: Int
    let schema: Int
    /// `additionalItems: false`: report each extra item plainly instead of a false-schema error.
    let forbidsExtra: Bool

    /// 2020-12 `items`: applies after the sibling `prefixItems`.
    static func compile2020(_ c: KeywordContext) throws(SchemaError) -> (any Keyword)? {
        let start = c.schema["prefixItems"]?.arrayValue?.count ?? 0
        return RestItemsKeyword(start: start, schema: try c.subschema(), forbidsExtra: c.value == .bool(false))
    }

    /// Before 2020-12, `items` is either one schema for all items or an array (a prefix).
    static func compileLegacy(_ c: KeywordContext) throws(SchemaError) -> (any Keyword)? {
        if case .array = c.value { return try PrefixItemsKeyword.compile(c) }
        return RestItemsKeyword(start: 0, schema: try c.subschema(), forbidsExtra: false)
    }

    /// `additionalItems`: only meaningful beside an array-form `items`.
    static func compileAdditional(_ c: KeywordContext) throws(SchemaError) -> (any Keyword)? {
        guard case .array(let prefix) = c.schema["items"] else { return nil }
        return RestItemsKeyword(start: prefix.count, schema: try c.subschema(), forbidsExtra: c.value == .bool(false))
    }

    func isValid(_ instance: JSON, _ v: Validator, _ frame: Frame) -> Bool {
        guard case .array(let a) = instance, a.count > start else { return true }
        for i in start..<a.count where !v.isValid(schema, a[i], frame) { return false }
        return true
    }

    func validate(_ instance: JSON, _ v: Validator, _ frame: Frame, _ sink: inout ErrorSink) {
        guard case .array(let a) = instance, a.count > start else { return }
        for i in start..<a.count where !sink.isFull {
            if forbidsExtra {
                sink.report(.additionalItem(i), a[i], instanceStep: .index(i))
            } else if !v.itemHolds(schema, a[i], frame) {
                // Most items of a long array hold: the fast check skips their error search.
                sink.descend(.index(i)) { sink in v.validate(schema, a[i], frame, &sink) }
            }
        }
    }

    func annotate(_ instance: JSON, _ v: Validator, _ frame: Frame, _ into: inout Annotations) {
        into.allItems = true
    }
}

/// `contains`, with 2020-12's `minContains`/`maxContains` read from its siblings.
struct ContainsKeyword: Keyword {
    let schema: Int
    let minimum: Int
    let maximum: Int?

    static func compile(_ c: KeywordContext) throws(SchemaError) -> (any Keyword)? {
        var minimum = 1, maximum: Int?
        if c.dialect.release >= .draft2019 {
            if let m = c.schema["minContains"] {
                minimum = try KeywordContext(compiler: c.compiler, name: "minContains", value: m, schema: c.schema,
                                             node: c.node, dialect: c.dialect, location: c.location).nonNegativeInteger()
            }
            if let m = c.schema["maxContains"] {
                maximum = try KeywordContext(compiler: c.compiler, name: "maxContains", value: m, schema: c.schema,
                                             node: c.node, dialect: c.dialect, location: c.location).nonNegativeInteger()
            }
        }
        return ContainsKeyword(schema: try c.subschema(), minimum: minimum, maximum: maximum)
    }

    private func count(_ a: [JSON], _ v: Validator, _ frame: Frame) -> (matches: Int, decided: Bool) {
        var n = 0
        for item in a where v.isValid(schema, item, frame) {
            n += 1
            if maximum == nil && n >= minimum { return (n, true) }
            if let maximum, n > maximum { return (n, true) }
        }
        return (n, false)
    }

    func isValid(_ instance: JSON, _ v: Validator, _ frame: Frame) -> Bool {
        guard case .array(let a) = instance else { return true }
        let n = count(a, v, frame).matches
        return n >= minimum && (maximum.map { n <= $0 } ?? true)
    }

    func validate(_ instance: JSON, _ v: Validator, _ frame: Frame, _ sink: inout ErrorSink) {
        guard case .array(let a) = instance else { return }
        let n = count(a, v, frame).matches
        if n < minimum {
            sink.report(minimum == 1 ? .contains : .minContains(minimum), instance)
        } else if let maximum, n > maximum {
            sink.report(.maxContains(maximum), instance)
        }
    }

    func annotate(_ instance: JSON, _ v: Validator, _ frame: Frame, _ into: inout Annotations) {
        guard case .array(let a) = instance else { return }
        for (i, item) in a.enumerated() where v.isValid(schema, item, frame) { into.items.insert(i) }
    }
}

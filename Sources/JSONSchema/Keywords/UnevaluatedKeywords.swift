import JSON

/// Marks `unevaluatedProperties`/`unevaluatedItems`, which read their siblings' annotations
/// (and so are left out when those are gathered).
protocol UnevaluatedKeyword: Keyword {}

/// `unevaluatedProperties`: members that no adjacent keyword (through in-place applicators and
/// references, counting only subschemas that hold) evaluated.
struct UnevaluatedPropertiesKeyword: UnevaluatedKeyword {
    let node: Int
    let schema: Int
    let forbidden: Bool

    static func compile(_ c: KeywordContext) throws(SchemaError) -> (any Keyword)? {
        UnevaluatedPropertiesKeyword(node: c.node, schema: try c.subschema(), forbidden: c.value == .bool(false))
    }

    func isValid(_ instance: JSON, _ v: Validator, _ frame: Frame) -> Bool {
        guard case .object(let o) = instance, !o.isEmpty else { return true }
        let seen = v.siblingAnnotations(node, instance, frame)
        return o.withMembers { m in
            for i in 0..<m.count where !seen.evaluated(member: i) {
                if forbidden || !v.isValid(schema, m.value(i).pointee, frame) { return false }
            }
            return true
        }
    }

    func validate(_ instance: JSON, _ v: Validator, _ frame: Frame, _ sink: inout ErrorSink) {
        guard case .object(let o) = instance, !o.isEmpty else { return }
        let seen = v.siblingAnnotations(node, instance, frame)
        for (i, m) in o.members.enumerated() where !seen.evaluated(member: i) && !sink.isFull {
            if forbidden {
                sink.report(.unevaluatedProperty(m.key), m.value, instanceStep: .key(m.key))
            } else {
                sink.descend(.key(m.key)) { sink in v.validate(schema, m.value, frame, &sink) }
            }
        }
    }

    func annotate(_ instance: JSON, _ v: Validator, _ frame: Frame, _ into: inout Annotations) {
        into.allProperties = true
    }
}

/// `unevaluatedItems`: items that no adjacent keyword evaluated.
struct UnevaluatedItemsKeyword: UnevaluatedKeyword {
    let node: Int
    let schema: Int
    let forbidden: Bool

    static func compile(_ c: KeywordContext) throws(SchemaError) -> (any Keyword)? {
        UnevaluatedItemsKeyword(node: c.node, schema: try c.subschema(), forbidden: c.value == .bool(false))
    }

    func isValid(_ instance: JSON, _ v: Validator, _ frame: Frame) -> Bool {
        guard case .array(let a) = instance, !a.isEmpty else { return true }
        let seen = v.siblingAnnotations(node, instance, frame)
        for (i, item) in a.enumerated() where !seen.evaluated(item: i) {
            if forbidden || !v.isValid(schema, item, frame) { return false }
        }
        return true
    }

    func validate(_ instance: JSON, _ v: Validator, _ frame: Frame, _ sink: inout ErrorSink) {
        guard case .array(let a) = instance, !a.isEmpty else { return }
        let seen = v.siblingAnnotations(node, instance, frame)
        for (i, item) in a.enumerated() where !seen.evaluated(item: i) && !sink.isFull {
            if forbidden {
                sink.report(.unevaluatedItem(i), item, instanceStep: .index(i))
            } else {
                sink.descend(.index(i)) { sink in v.validate(schema, item, frame, &sink) }
            }
        }
    }

    func annotate(_ instance: JSON, _ v: Validator, _ frame: Frame, _ into: inout Annotations) {
        into.allItems = true
    }
}

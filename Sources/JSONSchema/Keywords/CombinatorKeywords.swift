import JSON

/// `allOf`: every subschema holds.
struct AllOfKeyword: Keyword {
    let schemas: [Int]

    static func compile(_ c: KeywordContext) throws(SchemaError) -> (any Keyword)? {
        AllOfKeyword(schemas: try c.subschemaArray())
    }

    func isValid(_ instance: JSON, _ v: Validator, _ frame: Frame) -> Bool {
        for s in schemas where !v.isValid(s, instance, frame) { return false }
        return true
    }

    func validate(_ instance: JSON, _ v: Validator, _ frame: Frame, _ sink: inout ErrorSink) {
        for (i, s) in schemas.enumerated() {
            sink.descend(nil, keywordStep: String(i)) { sink in v.validate(s, instance, frame, &sink) }
        }
    }

    func annotate(_ instance: JSON, _ v: Validator, _ frame: Frame, _ into: inout Annotations) {
        for s in schemas {
            if into.knownValid {
                into.merge(v.annotationsOfValid(s, instance, frame))
            } else if let a = v.annotations(s, instance, frame) {
                into.merge(a)
            }
        }
    }

    var inPlaceSubschemas: [Int] { schemas }
}

/// `anyOf` (at least one holds) and `oneOf` (exactly one holds).
struct AnyOneOfKeyword: Keyword {
    let schemas: [Int]
    let exactlyOne: Bool

    static func compile(_ c: KeywordContext) throws(SchemaError) -> (any Keyword)? {
        AnyOneOfKeyword(schemas: try c.subschemaArray(), exactlyOne: c.name == "oneOf")
    }

    func isValid(_ instance: JSON, _ v: Validator, _ frame: Frame) -> Bool {
        if !exactlyOne {
            for s in schemas where v.isValid(s, instance, frame) { return true }
            return false
        }
        var matched = false
        for s in schemas where v.isValid(s, instance, frame) {
            if matched { return false }
            matched = true
        }
        return matched
    }

    func validate(_ instance: JSON, _ v: Validator, _ frame: Frame, _ sink: inout ErrorSink) {
        let matches = schemas.lazy.filter { v.isValid($0, instance, frame) }.prefix(2).count
        if matches == 0 {
            sink.report(exactlyOne ? .oneOfNone : .anyOf, instance)
        } else if exactlyOne && matches > 1 {
            sink.report(.oneOfMultiple, instance)
        }
    }

    func annotate(_ instance: JSON, _ v: Validator, _ frame: Frame, _ into: inout Annotations) {
        for s in schemas { if let a = v.annotations(s, instance, frame) { into.merge(a) } }
    }

    var inPlaceSubschemas: [Int] { schemas }
}

/// `not`: the subschema must fail.
struct NotKeyword: Keyword {
    let schema: Int

    static func compile(_ c: KeywordContext) throws(SchemaError) -> (any Keyword)? {
        NotKeyword(schema: try c.subschema())
    }

    func isValid(_ instance: JSON, _ v: Validator, _ frame: Frame) -> Bool {
        !v.isValid(schema, instance, frame)
    }

    func validate(_ instance: JSON, _ v: Validator, _ frame: Frame, _ sink: inout ErrorSink) {
        if v.isValid(schema, instance, frame) { sink.report(.not, instance) }
    }

    var inPlaceSubschemas: [Int] { [schema] }
}

/// `if`/`then`/`else`, compiled at `if` (a lone `then` or `else` does nothing). An `if` without
/// branches still counts for `unevaluated*`: its annotations are kept when it holds.
struct IfThenElseKeyword: Keyword {
    let condition: Int
    let then: Int?
    let otherwise: Int?

    static func compile(_ c: KeywordContext) throws(SchemaError) -> (any Keyword)? {
        let condition = try c.subschema()
        var then: Int?, otherwise: Int?
        if c.schema["then"] != nil { then = try c.compiler.nodeIndex(for: c.location.appending(["then"])) }
        if c.schema["else"] != nil { otherwise = try c.compiler.nodeIndex(for: c.location.appending(["else"])) }
        return IfThenElseKeyword(condition: condition, then: then, otherwise: otherwise)
    }

    func isValid(_ instance: JSON, _ v: Validator, _ frame: Frame) -> Bool {
        if then == nil && otherwise == nil { return true }
        let branch = v.isValid(condition, instance, frame) ? then : otherwise
        return branch.map { v.isValid($0, instance, frame) } ?? true
    }

    func validate(_ instance: JSON, _ v: Validator, _ frame: Frame, _ sink: inout ErrorSink) {
        if then == nil && otherwise == nil { return }
        let holds = v.isValid(condition, instance, frame)
        guard let branch = holds ? then : otherwise else { return }
        // The branch keyword is a sibling of `if`, so the evaluation path swaps the last step.
        let saved = (sink.keywordPath.removeLast(), sink.keyword)
        sink.keyword = holds ? "then" : "else"
        sink.keywordPath.append(sink.keyword)
        v.validate(branch, instance, frame, &sink)
        sink.keywordPath.removeLast()
        sink.keywordPath.append(saved.0)
        sink.keyword = saved.1
    }

    func annotate(_ instance: JSON, _ v: Validator, _ frame: Frame, _ into: inout Annotations) {
        if let a = v.annotations(condition, instance, frame) {
            into.merge(a)
            if let then, let b = v.annotations(then, instance, frame) { into.merge(b) }
        } else if let otherwise, let b = v.annotations(otherwise, instance, frame) {
            into.merge(b)
        }
    }

    var inPlaceSubschemas: [Int] { [condition] + [then, otherwise].compactMap { $0 } }
}

import JSON

/// `$ref` (and a `$dynamicRef` whose target declares no matching `$dynamicAnchor`): the
/// resolved schema, by index, so recursive references are plain cycles.
struct RefKeyword: Keyword {
    let target: Int

    static func compile(_ c: KeywordContext) throws(SchemaError) -> (any Keyword)? {
        guard case .string(let ref) = c.value else { throw c.invalid("a URI reference string") }
        return RefKeyword(target: try c.compiler.resolveReference(ref, from: c))
    }

    func isValid(_ instance: JSON, _ v: Validator, _ frame: Frame) -> Bool {
        v.isValid(target, instance, frame)
    }

    func validate(_ instance: JSON, _ v: Validator, _ frame: Frame, _ sink: inout ErrorSink) {
        v.validate(target, instance, frame, &sink)
    }

    func annotate(_ instance: JSON, _ v: Validator, _ frame: Frame, _ into: inout Annotations) {
        if into.knownValid {
            into.merge(v.annotationsOfValid(target, instance, frame))
        } else if let a = v.annotations(target, instance, frame) {
            into.merge(a)
        }
    }

    var inPlaceSubschemas: [Int] { [target] }
}

/// 2019-09's `$recursiveRef`: a `$ref`, unless its target is a resource root with
/// `"$recursiveAnchor": true`; then, like a `$dynamicRef`, the outermost resource in the dynamic
/// scope whose root has `"$recursiveAnchor": true`.
enum RecursiveRefKeyword {
    static func compile(_ c: KeywordContext) throws(SchemaError) -> (any Keyword)? {
        guard case .string(let ref) = c.value else { throw c.invalid("a URI reference string") }
        let target = try c.compiler.resolveReference(ref, from: c)
        guard c.compiler.isRecursiveAnchored(ref, from: c) else { return RefKeyword(target: target) }
        return DynamicRefKeyword(anchor: ExactString(""), initial: target)
    }
}

/// `$dynamicRef` to a plain-name fragment that the initial target declares as `$dynamicAnchor`:
/// resolved at validation time to the outermost resource in the dynamic scope that declares it.
struct DynamicRefKeyword: Keyword {
    let anchor: ExactString
    let initial: Int

    static func compile(_ c: KeywordContext) throws(SchemaError) -> (any Keyword)? {
        guard case .string(let ref) = c.value else { throw c.invalid("a URI reference string") }
        let target = try c.compiler.resolveReference(ref, from: c)
        guard let anchor = c.compiler.dynamicAnchorName(ref, from: c) else { return RefKeyword(target: target) }
        return DynamicRefKeyword(anchor: ExactString(anchor), initial: target)
    }

    func isValid(_ instance: JSON, _ v: Validator, _ frame: Frame) -> Bool {
        v.isValid(v.dynamicTarget(anchor, fallback: initial, frame), instance, frame)
    }

    func validate(_ instance: JSON, _ v: Validator, _ frame: Frame, _ sink: inout ErrorSink) {
        v.validate(v.dynamicTarget(anchor, fallback: initial, frame), instance, frame, &sink)
    }

    func annotate(_ instance: JSON, _ v: Validator, _ frame: Frame, _ into: inout Annotations) {
        if let a = v.annotations(v.dynamicTarget(anchor, fallback: initial, frame), instance, frame) { into.merge(a) }
    }

    /// None: the target is chosen at run time, so a static cycle through `initial` may never
    /// happen (the depth bound catches the ones that do).
    var inPlaceSubschemas: [Int] { [] }
}

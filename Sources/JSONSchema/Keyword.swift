import JSON

/// One compiled keyword of a schema.
///
/// `isValid` is the fast path: it answers yes or no and must not allocate when the instance is
/// valid. `validate` reports why not into an `ErrorSink`. `annotate` adds what the keyword
/// evaluated (property names, item positions) for `unevaluatedProperties`/`unevaluatedItems`;
/// it is only called for a schema already known to be valid, and only when a schema uses them.
protocol Keyword: Sendable {
    func isValid(_ instance: JSON, _ v: Validator, _ frame: Frame) -> Bool
    func validate(_ instance: JSON, _ v: Validator, _ frame: Frame, _ sink: inout ErrorSink)
    func annotate(_ instance: JSON, _ v: Validator, _ frame: Frame, _ into: inout Annotations)
    /// Subschemas applied to the same instance (for finding `$ref` loops that never descend).
    var inPlaceSubschemas: [Int] { get }
}

/// A keyword that checks the instance itself and applies no subschemas: its only error is
/// `failure(for:)`.
protocol Assertion: Keyword {
    func isValid(_ instance: JSON) -> Bool
    func failure(for instance: JSON) -> ValidationError.Kind
}

extension Assertion {
    func isValid(_ instance: JSON, _ v: Validator, _ frame: Frame) -> Bool { isValid(instance) }

    func validate(_ instance: JSON, _ v: Validator, _ frame: Frame, _ sink: inout ErrorSink) {
        if !isValid(instance) { sink.report(failure(for: instance), instance) }
    }

    func annotate(_ instance: JSON, _ v: Validator, _ frame: Frame, _ into: inout Annotations) {}
    var inPlaceSubschemas: [Int] { [] }
}

extension Keyword {
    func annotate(_ instance: JSON, _ v: Validator, _ frame: Frame, _ into: inout Annotations) {}
    var inPlaceSubschemas: [Int] { [] }
}

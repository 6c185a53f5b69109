import JSON

/// A JSON Schema (draft-04, draft-07 or 2020-12) compiled once into a validator.
///
/// Compilation resolves every `$ref` (through the registry only), compiles every regular
/// expression and format, and fails with a `SchemaError` on anything it cannot use, so
/// validation itself never fails: it only answers.
public struct Schema: Sendable {
    private let validator: Validator
    private let root: Int
    private let maxErrors: Int

    /// Compiles `schema`; throws when a keyword is malformed, a regex is invalid, a reference
    /// cannot be resolved, or `$ref`s form a loop that never descends into the instance.
    public init(_ schema: JSON, options: SchemaOptions = .init()) throws(SchemaError) {
        let compiler = Compiler(options: options)
        (validator, root) = try compiler.compile(schema)
        maxErrors = options.maxErrors
    }

    /// Whether `instance` is valid. Stops at the first failure; allocates nothing for schemas
    /// without `unevaluated*` keywords.
    public func isValid(_ instance: JSON) -> Bool {
        validator.isValid(root, instance, Frame(depth: 0, scope: nil))
    }

    /// Every error found (up to `SchemaOptions.maxErrors`); empty exactly when `isValid` is true.
    public func validate(_ instance: JSON) -> [ValidationError] {
        var sink = ErrorSink(limit: maxErrors)
        validator.validate(root, instance, Frame(depth: 0, scope: nil), &sink)
        return sink.errors
    }

    /// The 2020-12 "basic" output format: `{"valid": true}` or `{"valid": false, "errors": [...]}`
    /// with `keywordLocation`, `absoluteKeywordLocation`, `instanceLocation` and `error` per error.
    public func basicOutput(_ instance: JSON) -> JSON {
        let errors = validate(instance)
        if errors.isEmpty { return .object(JSONObject(uniqueMembers: [("valid", .bool(true))])) }
        let units: [JSON] = errors.map { e in
            .object(JSONObject(uniqueMembers: [
                ("keywordLocation", .string(e.keywordLocation)),
                ("absoluteKeywordLocation", .string(e.absoluteKeywordLocation)),
                ("instanceLocation", .string(e.instanceLocation)),
                ("error", .string(e.message)),
            ]))
        }
        return .object(JSONObject(uniqueMembers: [("valid", .bool(false)), ("errors", .array(units))]))
    }
}

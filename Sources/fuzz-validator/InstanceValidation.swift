import JSON
import JSONSchema

/// The validator oracle: the first byte picks a schema from `InterestingSchemas`, the rest is the
/// instance. For every instance that parses, the fast path (`isValid`) and the full validation
/// (`validate`, `basicOutput`) must agree.
enum InstanceValidation {
    /// Runs the oracle; traps (a finding for libFuzzer) on any disagreement.
    static func run(_ input: UnsafeRawBufferPointer) {
        guard let selector = input.first else { return }
        let schemas = InterestingSchemas.compiled
        let schema = schemas[Int(selector) % schemas.count]
        let instance: JSON
        do { instance = try JSONParser.parse(UnsafeRawBufferPointer(rebasing: input.dropFirst())) } catch { return }
        let valid = schema.isValid(instance)
        let errors = schema.validate(instance)
        guard valid == errors.isEmpty else {
            fatalError("schema \(Int(selector) % schemas.count): isValid \(valid) but \(errors.count) errors")
        }
        guard schema.basicOutput(instance)["valid"] == .bool(valid) else {
            fatalError("schema \(Int(selector) % schemas.count): basicOutput disagrees with isValid \(valid)")
        }
        for error in errors {
            // Rendering every error exercises the message and location code on odd instances.
            _ = error.message
            _ = error.instanceLocation
        }
    }
}

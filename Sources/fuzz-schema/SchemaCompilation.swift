import JSON
import JSONSchema

/// The compiler oracle: any JSON value, compiled as a schema of each draft, must either throw a
/// `SchemaError` or give a schema that answers every instance consistently; never crash or hang.
enum SchemaCompilation {
    /// Instances of every JSON type, so a hostile schema that compiles is also exercised.
    private static let probes: [JSON] = try! JSONParser.parse("""
        [null, true, 0, -1.5, 1e300, 12345678901234567890, "", "a\\u0000b", "2020-01-01T00:00:00Z",
         [], [1, "1", [1]], {}, {"a": 1, "b": {"c": [null, false]}}, [{"": []}]]
        """).arrayValue!

    /// Whether any object in `value` has a key that can name another schema.
    private static func mentionsReference(_ value: JSON) -> Bool {
        var pending = [value]
        while let next = pending.popLast() {
            switch next {
            case .object(let o):
                for m in o.members {
                    if ["$ref", "$dynamicRef", "$recursiveRef", "$schema"].contains(m.key) { return true }
                    pending.append(m.value)
                }
            case .array(let a): pending.append(contentsOf: a)
            default: break
            }
        }
        return false
    }

    /// Runs the oracle; traps (a finding for libFuzzer) when `isValid` and `validate` disagree or
    /// a schema without references fails to resolve one.
    static func run(_ input: UnsafeRawBufferPointer) {
        let schema: JSON
        do { schema = try JSONParser.parse(input, options: JSONParser.Options(maxDepth: 64)) } catch { return }
        for draft in [nil] + Draft.allCases {
            for formats in [true, false] {
                let options = SchemaOptions(draft: draft, formatAssertion: formats, maxErrors: 5)
                let compiled: Schema
                do { compiled = try Schema(schema, options: options) } catch {
                    // Without references the compiler can only fail to find a subschema its own
                    // walk recorded: an internal inconsistency, not a fault of the schema.
                    if error.code == .unresolvableReference || error.code == .referenceLoop, !mentionsReference(schema) {
                        fatalError("\(error.code) in a schema without references: \(error)")
                    }
                    continue
                }
                for probe in probes {
                    let valid = compiled.isValid(probe)
                    let errors = compiled.validate(probe)
                    guard valid == errors.isEmpty, errors.count <= 5 else {
                        fatalError("isValid \(valid) but \(errors.count) errors for \(probe.serialized())")
                    }
                }
            }
        }
    }
}

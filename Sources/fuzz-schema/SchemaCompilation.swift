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

    /// Runs the oracle; traps (a finding for libFuzzer) when `isValid` and `validate` disagree.
    static func run(_ input: UnsafeRawBufferPointer) {
        let schema: JSON
        do { schema = try JSONParser.parse(input, options: JSONParser.Options(maxDepth: 64)) } catch { return }
        for draft in [nil] + Draft.allCases {
            for formats in [true, false] {
                let options = SchemaOptions(draft: draft, formatAssertion: formats, maxErrors: 5)
                guard let compiled = try? Schema(schema, options: options) else { continue }
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

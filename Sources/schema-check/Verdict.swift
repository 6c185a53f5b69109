import JSON
import JSONSchema

/// The answer for one document: what to print, and whether it passed.
struct Verdict {
    /// Whether the document is JSON and valid.
    let valid: Bool
    /// The output lines, without the file prefix for text output.
    let lines: [String]

    /// Parses `bytes` and validates the result against `schema`, the way the gateway does with a
    /// request body. Text output asks for the errors only after the fast check failed.
    static func judge<Bytes: Collection<UInt8>>(_ bytes: Bytes, schema: Schema, output: CheckOptions.Output) -> Verdict {
        let instance: JSON
        do {
            instance = try JSONParser.parse(bytes)
        } catch {
            let message = "not JSON: " + error.message
            switch output {
            case .text: return Verdict(valid: false, lines: [message])
            case .basic: return Verdict(valid: false, lines: [notJSONUnit(message)])
            }
        }
        switch output {
        case .text:
            if schema.isValid(instance) { return Verdict(valid: true, lines: ["valid"]) }
            return Verdict(valid: false, lines: schema.validate(instance).map(\.description))
        case .basic:
            let unit = schema.basicOutput(instance)
            return Verdict(valid: unit["valid"]?.boolValue == true, lines: [unit.serialized()])
        }
    }

    /// Only whether the document is JSON and valid (what `--lines` prints as `true`/`false`).
    static func isValid<Bytes: Collection<UInt8>>(_ bytes: Bytes, schema: Schema) -> Bool {
        guard let instance = try? JSONParser.parse(bytes) else { return false }
        return schema.isValid(instance)
    }

    /// A basic output unit for a document that could not be parsed, so every input still gets
    /// exactly one JSON line: the error sits at the root of both the instance and the schema.
    private static func notJSONUnit(_ message: String) -> String {
        let error: JSON = .object(JSONObject(uniqueMembers: [
            ("keywordLocation", .string("")),
            ("instanceLocation", .string("")),
            ("error", .string(message)),
        ]))
        return JSON.object(JSONObject(uniqueMembers: [("valid", .bool(false)), ("errors", .array([error]))])).serialized()
    }
}

import JSON
import JSONSchema

/// `esproxy-bench differential-schema`: the Swift side of scripts/tests/test_differential_schema.py.
///
/// Reads JSON Lines from standard input, each `{"draft": "4"|"7"|"2020-12", "schema": …,
/// "instances": […]}`, and answers each with one line: `{"valid": [true, false, …]}` (one verdict
/// per instance, `isValid` and `validate` cross-checked) or `{"error": "…"}` when the schema does
/// not compile or the line is malformed. Format assertion is on, as in the gateway. One process
/// answers thousands of cases, so the differential test is not dominated by process start-up.
enum DifferentialSchema {
    static func run(_ arguments: [String]) -> Int32 {
        DifferentialInput.serve(arguments, usage: "esproxy-bench differential-schema < cases.jsonl", answer: answer)
    }

    static func answer(_ document: JSON) -> JSON {
        guard let instances = document["instances"]?.arrayValue, let schemaJSON = document["schema"] else {
            return DifferentialInput.error("input: a line needs \"schema\" and \"instances\"")
        }
        let draft: Draft
        switch document["draft"]?.stringValue {
        case "4": draft = .draft4
        case "7": draft = .draft7
        case "2020-12": draft = .draft2020_12
        default: return DifferentialInput.error("input: \"draft\" must be \"4\", \"7\" or \"2020-12\"")
        }
        let schema: Schema
        do {
            schema = try Schema(schemaJSON, options: SchemaOptions(draft: draft, formatAssertion: true))
        } catch {
            return DifferentialInput.error("schema: \(error)")
        }
        var verdicts: [JSON] = []
        for instance in instances {
            let valid = schema.isValid(instance)
            // The two entry points must agree; a disagreement is a bug of its own, reported as such.
            if valid != schema.validate(instance).isEmpty {
                return DifferentialInput.error("isValid and validate disagree on \(instance.serialized())")
            }
            verdicts.append(.bool(valid))
        }
        return .object(JSONObject(uniqueMembers: [("valid", .array(verdicts))]))
    }
}

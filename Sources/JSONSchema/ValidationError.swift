import JSON

/// Why an instance does not match a schema, and where.
public struct ValidationError: Sendable, CustomStringConvertible {
    /// The failed constraint, with the schema values needed to explain it.
    public enum Kind: Sendable, Equatable {
        case falseSchema
        case type(expected: [String])
        case enumeration(options: [JSON])
        case constant(expected: JSON)
        case minimum(JSONNumber)
        case maximum(JSONNumber)
        case exclusiveMinimum(JSONNumber)
        case exclusiveMaximum(JSONNumber)
        case multipleOf(JSONNumber)
        case minLength(Int)
        case maxLength(Int)
        case pattern(String)
        case format(String)
        case minItems(Int)
        case maxItems(Int)
        case uniqueItems
        case contains
        case minContains(Int)
        case maxContains(Int)
        case additionalItem(Int)
        case unevaluatedItem(Int)
        case required(String)
        case dependentRequired(property: String, missing: String)
        case minProperties(Int)
        case maxProperties(Int)
        case additionalProperty(String)
        case unevaluatedProperty(String)
        case propertyName(String)
        case anyOf
        case oneOfNone
        case oneOfMultiple
        case not
        /// Evaluation went deeper than the validator allows (a `$ref` loop or a hostile instance).
        case depthExceeded
    }

    /// The failed constraint.
    public let kind: Kind
    /// The part of the instance that failed.
    public let instance: JSON
    /// JSON Pointer to `instance` inside the validated document (`""` for the whole document).
    public let instanceLocation: String
    /// JSON Pointer along the evaluation path through the schema, `$ref`s included.
    public let keywordLocation: String
    /// The keyword's absolute URI: its schema resource plus a JSON Pointer fragment.
    public let absoluteKeywordLocation: String

    /// `<instanceLocation or />: <message>`, e.g. `/anumber: "one" is not of type "number"`.
    public var description: String {
        (instanceLocation.isEmpty ? "/" : instanceLocation) + ": " + message
    }
}

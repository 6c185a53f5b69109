import JSON

/// Why an instance does not match a schema, and where.
public struct ValidationError: Sendable, CustomStringConvertible {
    /// The failed constraint, with the schema values needed to explain it.
    public enum Kind: Sendable, Equatable {
        /// The schema is `false`: nothing is allowed here.
        case falseSchema
        /// `type`: the instance is none of the expected type names.
        case type(expected: [String])
        /// `enum`: the instance equals none of the options.
        case enumeration(options: [JSON])
        /// `const`: the instance differs from the value.
        case constant(expected: JSON)
        /// `minimum`: below the bound.
        case minimum(JSONNumber)
        /// `maximum`: above the bound.
        case maximum(JSONNumber)
        /// `exclusiveMinimum` (or draft-04 `minimum` + `exclusiveMinimum: true`).
        case exclusiveMinimum(JSONNumber)
        /// `exclusiveMaximum` (or draft-04 `maximum` + `exclusiveMaximum: true`).
        case exclusiveMaximum(JSONNumber)
        /// `multipleOf`: not an exact multiple of the divisor.
        case multipleOf(JSONNumber)
        /// `minLength`, in code points.
        case minLength(Int)
        /// `maxLength`, in code points.
        case maxLength(Int)
        /// `pattern`: the regular expression (given) finds no match.
        case pattern(String)
        /// `format` (asserting): the string is not a valid instance of the named format.
        case format(String)
        /// `minItems`.
        case minItems(Int)
        /// `maxItems`.
        case maxItems(Int)
        /// `uniqueItems`: two items are equal.
        case uniqueItems
        /// `contains`: no item matches.
        case contains
        /// `minContains`: fewer matching items than required.
        case minContains(Int)
        /// `maxContains`: more matching items than allowed.
        case maxContains(Int)
        /// `items: false` after `prefixItems` (or `additionalItems: false`): the item at this index is extra.
        case additionalItem(Int)
        /// `unevaluatedItems: false`: no keyword evaluated the item at this index.
        case unevaluatedItem(Int)
        /// `required`: the named member is missing.
        case required(String)
        /// `dependentRequired`/`dependencies`: `property` is present but `missing` is not.
        case dependentRequired(property: String, missing: String)
        /// `minProperties`.
        case minProperties(Int)
        /// `maxProperties`.
        case maxProperties(Int)
        /// `additionalProperties: false`: the named member is not declared.
        case additionalProperty(String)
        /// `unevaluatedProperties: false`: no keyword evaluated the named member.
        case unevaluatedProperty(String)
        /// `propertyNames`: the member name fails the schema.
        case propertyName(String)
        /// `anyOf`: no subschema holds.
        case anyOf
        /// `oneOf`: no subschema holds.
        case oneOfNone
        /// `oneOf`: more than one subschema holds.
        case oneOfMultiple
        /// `not`: the subschema holds.
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

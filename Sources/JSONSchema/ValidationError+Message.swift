import JSON

extension ValidationError {
    /// The sentence a person reads: the offending value and the constraint it breaks.
    public var message: String {
        let value = MessageRendering.render(instance)
        switch kind {
        case .falseSchema:
            return "\(value) is not allowed here (the schema is false)"
        case .type(let expected):
            let names = expected.map { "\"\($0)\"" }.joined(separator: ", ")
            return expected.count == 1 ? "\(value) is not of type \(names)" : "\(value) is not of types \(names)"
        case .enumeration(let options):
            return "\(value) is not one of \(MessageRendering.render(.array(options)))"
        case .constant(let expected):
            return "\(MessageRendering.render(expected)) was expected, not \(value)"
        case .minimum(let n): return "\(value) is less than the minimum of \(n)"
        case .maximum(let n): return "\(value) is greater than the maximum of \(n)"
        case .exclusiveMinimum(let n): return "\(value) is less than or equal to the exclusive minimum of \(n)"
        case .exclusiveMaximum(let n): return "\(value) is greater than or equal to the exclusive maximum of \(n)"
        case .multipleOf(let n): return "\(value) is not a multiple of \(n)"
        case .minLength(let n): return "\(value) is shorter than \(n) character\(n == 1 ? "" : "s")"
        case .maxLength(let n): return "\(value) is longer than \(n) character\(n == 1 ? "" : "s")"
        case .pattern(let p): return "\(value) does not match \(MessageRendering.render(.string(p)))"
        case .format(let f): return "\(value) is not a valid \(Self.formatNoun(f))"
        case .minItems(let n): return "\(value) has fewer than \(n) item\(n == 1 ? "" : "s")"
        case .maxItems(let n): return "\(value) has more than \(n) item\(n == 1 ? "" : "s")"
        case .uniqueItems: return "\(value) has non-unique items"
        case .contains: return "\(value) does not contain an item that matches the \"contains\" schema"
        case .minContains(let n): return "\(value) contains fewer than \(n) matching item\(n == 1 ? "" : "s")"
        case .maxContains(let n): return "\(value) contains more than \(n) matching item\(n == 1 ? "" : "s")"
        case .additionalItem: return "additional item is not allowed"
        case .unevaluatedItem: return "unevaluated item is not allowed"
        case .required(let name): return "\(MessageRendering.render(.string(name))) is a required property"
        case .dependentRequired(let property, let missing):
            return "\(MessageRendering.render(.string(missing))) is a required property when \(MessageRendering.render(.string(property))) is present"
        case .minProperties(let n): return "\(value) has fewer than \(n) propert\(n == 1 ? "y" : "ies")"
        case .maxProperties(let n): return "\(value) has more than \(n) propert\(n == 1 ? "y" : "ies")"
        case .additionalProperty: return "additional property is not allowed"
        case .unevaluatedProperty: return "unevaluated property is not allowed"
        case .propertyName(let name): return "property name \(MessageRendering.render(.string(name))) is not valid"
        case .anyOf: return "\(value) is not valid under any of the \"anyOf\" schemas"
        case .oneOfNone: return "\(value) is not valid under any of the \"oneOf\" schemas"
        case .oneOfMultiple: return "\(value) is valid under more than one of the \"oneOf\" schemas"
        case .not: return "\(value) must not be valid under the \"not\" schema"
        case .depthExceeded: return "schema evaluation is nested too deeply (a reference loop or an over-deep instance)"
        }
    }

    private static func formatNoun(_ format: String) -> String {
        switch format {
        case "ipv4", "ipv6": "\(format) address"
        case "email", "idn-email": "\(format) address"
        default: "\"\(format)\""
        }
    }
}

/// A pattern that is not a valid ECMA-262 regular expression (with the `u` flag), or one this
/// engine does not support. `offset` counts Unicode scalars from the start of the pattern.
struct RegexError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What is wrong; one flat list so callers can switch on it.
    enum Code: Sendable, Equatable {
        case unbalancedParenthesis
        case unterminatedClass
        case invalidEscape
        case invalidGroup
        case invalidGroupName
        case duplicateGroupName
        case unknownGroupName
        case invalidBackreference
        case nothingToRepeat
        case invalidQuantifier
        case loneBracket
        case invalidRange
        case invalidProperty
        case patternTooLarge
    }

    let code: Code
    let offset: Int
    let detail: String

    var description: String { "invalid regular expression at offset \(offset): \(detail)" }
}

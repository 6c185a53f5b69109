/// Why a schema could not be compiled.
public struct SchemaError: Error, Sendable, CustomStringConvertible {
    /// What went wrong, as a flat list of causes.
    public enum Code: String, Sendable {
        /// A `$ref`, `$dynamicRef` or `$schema` names a document or location that is not there.
        case unresolvableReference
        /// `$ref`s lead back to the same schema without ever moving into the instance, so
        /// evaluation would never end (e.g. `{"$ref": "#"}`).
        case referenceLoop
        /// Subschemas nest deeper than `Compiler.maxSchemaDepth` (no parsed document can).
        case schemaTooDeep
        /// A keyword's value has the wrong shape (for example `"type": 5`).
        case invalidKeyword
        /// A `pattern` or `patternProperties` key is not an ECMA-262 regular expression.
        case invalidRegex
        /// The metaschema requires a vocabulary this implementation does not know.
        case unsupportedVocabulary
        /// A registry document could not be read or parsed.
        case unreadableDocument
        /// Strict mode: a keyword the schema's dialect does not define (for example a typo).
        case unknownKeyword
        /// Strict mode: a `format` name that no draft defines.
        case unknownFormat
    }

    /// The cause.
    public let code: Code
    /// A sentence naming the keyword, reference or file at fault.
    public let message: String
    /// Where in the schema it happened (absolute URI with a JSON Pointer fragment), if known.
    public let location: String?

    /// Makes an error.
    public init(_ code: Code, _ message: String, location: String? = nil) {
        self.code = code
        self.message = message
        self.location = location
    }

    /// `message` with the location, for logs.
    public var description: String {
        location.map { "\(message) (at \($0))" } ?? message
    }
}

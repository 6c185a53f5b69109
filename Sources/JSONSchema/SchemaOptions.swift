/// How `Schema` compiles and validates.
public struct SchemaOptions: Sendable {
    /// The release to read the schema as; `nil` means "from `$schema`", 2020-12 when absent.
    public var draft: Draft?
    /// Whether `format` asserts (the default) or is only an annotation.
    public var formatAssertion: Bool
    /// The most errors `validate` collects before it stops looking (at least one is always kept).
    public var maxErrors: Int
    /// Where `$ref`s to other documents are looked up; nothing is ever fetched from the network.
    public var registry: SchemaRegistry
    /// Strict mode (the default): a keyword outside the dialect's vocabularies (other than the
    /// annotations `title`, `description`, `default`, `examples`, `$comment`, `deprecated`,
    /// `readOnly`, `writeOnly`) and a `format` name no draft defines fail compilation with
    /// `SchemaError.Code.unknownKeyword`/`.unknownFormat`, naming the keyword's location and the
    /// nearest known name. Off, both are ignored as annotations, as the specification says.
    public var strict: Bool

    /// Options with the defaults: draft from `$schema`, asserting formats, 20 errors, empty
    /// registry (plus the bundled metaschemas), strict.
    public init(draft: Draft? = nil, formatAssertion: Bool = true, maxErrors: Int = 20, registry: SchemaRegistry = .init(),
                strict: Bool = true) {
        self.draft = draft
        self.formatAssertion = formatAssertion
        self.maxErrors = maxErrors
        self.registry = registry
        self.strict = strict
    }
}

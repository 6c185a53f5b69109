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

    /// Options with the defaults: draft from `$schema`, asserting formats, 20 errors, empty registry.
    public init(draft: Draft? = nil, formatAssertion: Bool = true, maxErrors: Int = 20, registry: SchemaRegistry = .init()) {
        self.draft = draft
        self.formatAssertion = formatAssertion
        self.maxErrors = maxErrors
        self.registry = registry
    }
}

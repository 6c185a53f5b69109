import JSON

/// Compiles one keyword; `nil` when it contributes nothing on its own (e.g. `then`, read by `if`).
typealias KeywordCompiler = @Sendable (KeywordContext) throws(SchemaError) -> (any Keyword)?

/// The keyword tables: for each release, which keywords exist, which vocabulary each belongs
/// to, and how it compiles. Unknown keywords are ignored (they are annotations), unless strict
/// (see `Strictness`, which also knows the keywords that compile to nothing on their own).
enum Drafts {
    struct Entry: Sendable {
        let vocabulary: Vocabularies
        let compile: KeywordCompiler
    }

    static func table(for release: Dialect.Release) -> [String: Entry] {
        switch release {
        case .draft4: draft4
        case .draft6, .draft7: draft7
        case .draft2019: draft2019
        case .draft2020: draft2020
        }
    }

    private static let validation: [String: Entry] = [
        "type": Entry(vocabulary: .validation, compile: TypeKeyword.compile),
        "enum": Entry(vocabulary: .validation, compile: EnumKeyword.compile),
        "minimum": Entry(vocabulary: .validation, compile: BoundKeyword.compile),
        "maximum": Entry(vocabulary: .validation, compile: BoundKeyword.compile),
        "multipleOf": Entry(vocabulary: .validation, compile: MultipleOfKeyword.compile),
        "minLength": Entry(vocabulary: .validation, compile: LengthKeyword.compile),
        "maxLength": Entry(vocabulary: .validation, compile: LengthKeyword.compile),
        "pattern": Entry(vocabulary: .validation, compile: PatternKeyword.compile),
        "minItems": Entry(vocabulary: .validation, compile: ItemCountKeyword.compile),
        "maxItems": Entry(vocabulary: .validation, compile: ItemCountKeyword.compile),
        "uniqueItems": Entry(vocabulary: .validation, compile: UniqueItemsKeyword.compile),
        "required": Entry(vocabulary: .validation, compile: RequiredKeyword.compile),
        "minProperties": Entry(vocabulary: .validation, compile: PropertyCountKeyword.compile),
        "maxProperties": Entry(vocabulary: .validation, compile: PropertyCountKeyword.compile),
        "format": Entry(vocabulary: .format, compile: FormatKeyword.compile),
    ]

    private static let applicators: [String: Entry] = [
        "properties": Entry(vocabulary: .applicator, compile: PropertiesKeyword.compile),
        "patternProperties": Entry(vocabulary: .applicator, compile: PatternPropertiesKeyword.compile),
        "additionalProperties": Entry(vocabulary: .applicator, compile: AdditionalPropertiesKeyword.compile),
        "allOf": Entry(vocabulary: .applicator, compile: AllOfKeyword.compile),
        "anyOf": Entry(vocabulary: .applicator, compile: AnyOneOfKeyword.compile),
        "oneOf": Entry(vocabulary: .applicator, compile: AnyOneOfKeyword.compile),
        "not": Entry(vocabulary: .applicator, compile: NotKeyword.compile),
        "$ref": Entry(vocabulary: .core, compile: RefKeyword.compile),
    ]

    static let draft4: [String: Entry] = validation.merging(applicators) { a, _ in a }.merging([
        "exclusiveMinimum": Entry(vocabulary: .validation, compile: BoundKeyword.compileDraft4Flag),
        "exclusiveMaximum": Entry(vocabulary: .validation, compile: BoundKeyword.compileDraft4Flag),
        "items": Entry(vocabulary: .applicator, compile: RestItemsKeyword.compileLegacy),
        "additionalItems": Entry(vocabulary: .applicator, compile: RestItemsKeyword.compileAdditional),
        "dependencies": Entry(vocabulary: .applicator, compile: DependenciesKeyword.compile),
    ]) { _, b in b }

    static let draft7: [String: Entry] = draft4.merging([
        "exclusiveMinimum": Entry(vocabulary: .validation, compile: BoundKeyword.compile),
        "exclusiveMaximum": Entry(vocabulary: .validation, compile: BoundKeyword.compile),
        "const": Entry(vocabulary: .validation, compile: ConstKeyword.compile),
        "contains": Entry(vocabulary: .applicator, compile: ContainsKeyword.compile),
        "propertyNames": Entry(vocabulary: .applicator, compile: PropertyNamesKeyword.compile),
        "if": Entry(vocabulary: .applicator, compile: IfThenElseKeyword.compile),
    ]) { _, b in b }

    static let draft2019: [String: Entry] = draft7.merging([
        "dependentRequired": Entry(vocabulary: .validation, compile: DependenciesKeyword.compile),
        "dependentSchemas": Entry(vocabulary: .applicator, compile: DependenciesKeyword.compile),
        "unevaluatedProperties": Entry(vocabulary: .unevaluated, compile: UnevaluatedPropertiesKeyword.compile),
        "unevaluatedItems": Entry(vocabulary: .unevaluated, compile: UnevaluatedItemsKeyword.compile),
        "$recursiveRef": Entry(vocabulary: .core, compile: RecursiveRefKeyword.compile),
    ]) { _, b in b }

    static let draft2020: [String: Entry] = draft2019.filter { $0.key != "additionalItems" && $0.key != "$recursiveRef" }.merging([
        "prefixItems": Entry(vocabulary: .applicator, compile: PrefixItemsKeyword.compile),
        "items": Entry(vocabulary: .applicator, compile: RestItemsKeyword.compile2020),
        "$dynamicRef": Entry(vocabulary: .core, compile: DynamicRefKeyword.compile),
    ]) { _, b in b }

    /// Keywords whose values hold subschemas, by shape, for finding embedded resources and
    /// anchors (an `$id` anywhere else, e.g. inside `const`, is just data).
    static func subschemaKeywords(for release: Dialect.Release) -> (single: Set<String>, array: Set<String>, map: Set<String>) {
        var single: Set<String> = ["additionalProperties", "not", "items"]
        var array: Set<String> = ["allOf", "anyOf", "oneOf"]
        var map: Set<String> = ["properties", "patternProperties", "definitions", "dependencies"]
        if release >= .draft6 { single.formUnion(["contains", "propertyNames"]) }
        if release >= .draft7 { single.formUnion(["if", "then", "else"]) }
        if release < .draft2020 { single.insert("additionalItems"); array.insert("items") }
        if release >= .draft2019 {
            single.formUnion(["unevaluatedProperties", "unevaluatedItems", "contentSchema"])
            map.formUnion(["$defs", "dependentSchemas"])
        }
        if release >= .draft2020 { array.insert("prefixItems") }
        return (single, array, map)
    }
}

import JSON

/// The metaschemas of draft-04, draft-06, draft-07, 2019-09 and 2020-12 (with the vocabulary
/// metaschemas of the last two), bundled so that a schema may `$ref` or `$schema` them without
/// a registry entry: every `SchemaRegistry` serves them, after what its user added or mapped.
///
/// Source and license: the metaschemas are published by json-schema.org; their repository,
/// json-schema-org/json-schema-spec, licenses its material under the BSD 3-Clause license or
/// the Academic Free License 3.0 ("Copyright (c) 2022 JSON Schema Specification Authors").
/// The texts in `Metaschemas+*.swift` are byte for byte those of the jsonschema-specifications
/// Python package (2025.9.1), which copies what json-schema.org serves (the json-schema-spec
/// branches were edited after publication, e.g. draft-07 gained `writeOnly` there only).
///
/// Each text is parsed only when a compilation first asks for its URI, so an unused metaschema
/// costs nothing at start-up.
enum Metaschemas {
    /// The text published at `uri` (without fragment, `http` or `https` for the drafts that used
    /// both), or `nil` for any other URI.
    static func text(at uri: String) -> String? {
        switch uri {
        case "http://json-schema.org/draft-04/schema", "https://json-schema.org/draft-04/schema": draft4
        case "http://json-schema.org/draft-06/schema", "https://json-schema.org/draft-06/schema": draft6
        case "http://json-schema.org/draft-07/schema", "https://json-schema.org/draft-07/schema": draft7
        case "https://json-schema.org/draft/2019-09/schema": draft2019
        case "https://json-schema.org/draft/2019-09/meta/core": draft2019Core
        case "https://json-schema.org/draft/2019-09/meta/applicator": draft2019Applicator
        case "https://json-schema.org/draft/2019-09/meta/validation": draft2019Validation
        case "https://json-schema.org/draft/2019-09/meta/meta-data": draft2019MetaData
        case "https://json-schema.org/draft/2019-09/meta/format": draft2019Format
        case "https://json-schema.org/draft/2019-09/meta/content": draft2019Content
        case "https://json-schema.org/draft/2020-12/schema": draft2020
        case "https://json-schema.org/draft/2020-12/meta/core": draft2020Core
        case "https://json-schema.org/draft/2020-12/meta/applicator": draft2020Applicator
        case "https://json-schema.org/draft/2020-12/meta/unevaluated": draft2020Unevaluated
        case "https://json-schema.org/draft/2020-12/meta/validation": draft2020Validation
        case "https://json-schema.org/draft/2020-12/meta/meta-data": draft2020MetaData
        case "https://json-schema.org/draft/2020-12/meta/format-annotation": draft2020FormatAnnotation
        case "https://json-schema.org/draft/2020-12/meta/format-assertion": draft2020FormatAssertion
        case "https://json-schema.org/draft/2020-12/meta/content": draft2020Content
        default: nil
        }
    }

    /// Every URI `text(at:)` answers, each bundled document once under its own `$id`/`id` and
    /// again under the other scheme where the draft used both.
    static let uris: [String] = [
        "http://json-schema.org/draft-04/schema", "https://json-schema.org/draft-04/schema",
        "http://json-schema.org/draft-06/schema", "https://json-schema.org/draft-06/schema",
        "http://json-schema.org/draft-07/schema", "https://json-schema.org/draft-07/schema",
        "https://json-schema.org/draft/2019-09/schema",
    ] + ["core", "applicator", "validation", "meta-data", "format", "content"].map { "https://json-schema.org/draft/2019-09/meta/" + $0 }
      + ["https://json-schema.org/draft/2020-12/schema"]
      + ["core", "applicator", "unevaluated", "validation", "meta-data", "format-annotation", "format-assertion", "content"]
        .map { "https://json-schema.org/draft/2020-12/meta/" + $0 }

    /// The parsed metaschema at `uri` (without fragment); `nil` for a URI not bundled.
    static func document(at uri: String) -> JSON? {
        guard let text = text(at: uri) else { return nil }
        // The texts are checked by the tests; a failure here is a build fault, not a user's.
        guard let document = try? JSONParser.parse(Array(text.utf8)) else {
            preconditionFailure("bundled metaschema \(uri) is not JSON")
        }
        return document
    }
}

/// The rules a schema resource is read with: the release (which decides keyword meanings) and,
/// for 2019-09 and later, the vocabularies its metaschema turns on.
struct Dialect: Sendable, Hashable {
    /// Releases in order; draft-06 reads as draft-07 and 2019-09 as 2020-12 with its own
    /// `items`/`additionalItems`, which is what `$ref`s across drafts in the suite need.
    enum Release: Int, Sendable, Comparable {
        case draft4, draft6, draft7, draft2019, draft2020
        static func < (a: Release, b: Release) -> Bool { a.rawValue < b.rawValue }
    }

    var release: Release
    var vocabularies: Vocabularies

    /// The dialect a `$schema` value names directly, for the releases we know by URI.
    static func known(_ uri: String) -> Dialect? {
        var s = Substring(uri)
        if s.hasSuffix("#") { s = s.dropLast() }
        let release: Release
        switch s {
        case "http://json-schema.org/draft-04/schema", "https://json-schema.org/draft-04/schema": release = .draft4
        case "http://json-schema.org/draft-06/schema", "https://json-schema.org/draft-06/schema": release = .draft6
        case "http://json-schema.org/draft-07/schema", "https://json-schema.org/draft-07/schema": release = .draft7
        case "https://json-schema.org/draft/2019-09/schema": release = .draft2019
        case "https://json-schema.org/draft/2020-12/schema": release = .draft2020
        default: return nil
        }
        return Dialect(release: release, vocabularies: .all)
    }
}

/// The 2019-09/2020-12 vocabularies whose keywords we evaluate; earlier drafts have them all.
struct Vocabularies: OptionSet, Sendable, Hashable {
    let rawValue: UInt8
    static let core = Vocabularies(rawValue: 1)
    static let applicator = Vocabularies(rawValue: 2)
    static let validation = Vocabularies(rawValue: 4)
    static let unevaluated = Vocabularies(rawValue: 8)
    static let format = Vocabularies(rawValue: 16)
    static let content = Vocabularies(rawValue: 32)
    static let metaData = Vocabularies(rawValue: 64)
    /// 2020-12's format-assertion vocabulary: `format` asserts whatever the option says.
    static let formatAssertion = Vocabularies(rawValue: 128)
    static let all: Vocabularies = [.core, .applicator, .validation, .unevaluated, .format, .content, .metaData]

    /// The vocabulary a URI names, for 2019-09 and 2020-12; `nil` for one we do not know.
    static func named(_ uri: String) -> Vocabularies? {
        let prefixes = ["https://json-schema.org/draft/2020-12/vocab/", "https://json-schema.org/draft/2019-09/vocab/"]
        guard let p = prefixes.first(where: { uri.hasPrefix($0) }) else { return nil }
        switch uri.dropFirst(p.count) {
        case "core": return .core
        case "applicator": return .applicator
        case "validation": return .validation
        case "unevaluated": return .unevaluated
        case "format", "format-annotation": return .format
        case "format-assertion": return [.format, .formatAssertion]
        case "content": return .content
        case "meta-data": return .metaData
        default: return nil
        }
    }
}

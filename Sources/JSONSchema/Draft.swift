/// A JSON Schema specification release that `Schema` implements.
public enum Draft: Sendable, Hashable, CaseIterable {
    /// draft-04 (`http://json-schema.org/draft-04/schema#`).
    case draft4
    /// draft-07 (`http://json-schema.org/draft-07/schema#`).
    case draft7
    /// 2020-12 (`https://json-schema.org/draft/2020-12/schema`).
    case draft2020_12

    var dialect: Dialect {
        switch self {
        case .draft4: Dialect(release: .draft4, vocabularies: .all)
        case .draft7: Dialect(release: .draft7, vocabularies: .all)
        case .draft2020_12: Dialect(release: .draft2020, vocabularies: .all)
        }
    }
}

/// The scope a signing key is valid for: `YYYYMMDD/region/service/aws4_request`.
public struct CredentialScope: Sendable, Hashable, CustomStringConvertible {
    /// The `YYYYMMDD` date of the signing time.
    public let date: String
    /// The AWS region, e.g. `eu-west-1`.
    public let region: String
    /// The signing name of the service, e.g. `es` for OpenSearch domains.
    public let service: String

    /// The scope of a signature made at `time`; throws `.invalidScope` when region or service is
    /// empty or holds `/` or whitespace, which would make the scope ambiguous.
    public init(time: AmzDate, region: String, service: String) throws(SigV4Error) {
        try Self.validate(region: region, service: service)
        self.init(date: time.dateStamp, checkedRegion: region, checkedService: service)
    }

    /// A scope from parts already checked by `validate`.
    init(date: String, checkedRegion region: String, checkedService service: String) {
        self.date = date
        self.region = region
        self.service = service
    }

    /// Throws `.invalidScope` unless region and service are non-empty and free of `/`, whitespace
    /// and control characters.
    static func validate(region: String, service: String) throws(SigV4Error) {
        func check(_ what: String, _ value: String) throws(SigV4Error) {
            guard !value.isEmpty, !value.utf8.contains(where: { $0 == UInt8(ascii: "/") || $0 <= 0x20 || $0 == 0x7f })
            else { throw SigV4Error(.invalidScope, "\(what) \"\(value)\" is empty or contains \"/\" or whitespace") }
        }
        try check("region", region)
        try check("service", service)
    }

    /// The terminal string of every SigV4 scope.
    static let terminator = "aws4_request"

    /// `date/region/service/aws4_request`.
    public var description: String { "\(date)/\(region)/\(service)/\(Self.terminator)" }

    /// The UTF-8 length of `description`.
    var utf8Count: Int { date.utf8.count + region.utf8.count + service.utf8.count + Self.terminator.utf8.count + 3 }
}

extension UTF8Builder {
    /// Appends `scope.description` without building it first.
    mutating func append(_ scope: CredentialScope) {
        let slash = UInt8(ascii: "/")
        append(scope.date)
        append(slash)
        append(scope.region)
        append(slash)
        append(scope.service)
        append(slash)
        append(CredentialScope.terminator)
    }
}

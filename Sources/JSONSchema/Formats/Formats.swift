/// The format names JSON Schema drafts 4, 7 and 2020-12 define, each checked against its RFC.
enum Formats {
    /// The checker for `name`, or nil when the format is unknown (unknown formats always pass).
    static func checker(named name: String) -> FormatChecker? {
        guard let predicate = table[name] else { return nil }
        return FormatChecker(name: name, predicate)
    }

    /// Every supported name.
    static var names: [String] { table.keys.sorted() }

    private static let table: [String: @Sendable (String) -> Bool] = [
        "date-time": DateTimeFormat.isDateTime,
        "date": DateTimeFormat.isDate,
        "time": DateTimeFormat.isTime,
        "duration": DurationFormat.isDuration,
        "email": { EmailFormat.isEmail($0, international: false) },
        "idn-email": { EmailFormat.isEmail($0, international: true) },
        "hostname": HostnameFormat.isHostname,
        "idn-hostname": HostnameFormat.isIDNHostname,
        "ipv4": IPAddressFormat.isIPv4,
        "ipv6": IPAddressFormat.isIPv6,
        "uri": { URIFormat.isValid($0, allowRelative: false, international: false) },
        "uri-reference": { URIFormat.isValid($0, allowRelative: true, international: false) },
        "iri": { URIFormat.isValid($0, allowRelative: false, international: true) },
        "iri-reference": { URIFormat.isValid($0, allowRelative: true, international: true) },
        "uri-template": URITemplateFormat.isURITemplate,
        "uuid": UUIDFormat.isUUID,
        "json-pointer": JSONPointerFormat.isJSONPointer,
        "relative-json-pointer": JSONPointerFormat.isRelativeJSONPointer,
        "regex": { (try? ECMARegex($0)) != nil },
    ]
}

import HTTP

/// Header fields in order, with names compared without regard to ASCII case and repeated names
/// kept as separate values.
public struct HTTPHeaders: Sendable, Sequence {
    /// The fields in order, names as received.
    public private(set) var fields: [(name: String, value: String)]

    /// Headers from fields in order.
    public init(_ fields: [(name: String, value: String)] = []) {
        self.fields = fields
    }

    /// Appends a field (never replaces: a name may repeat).
    public mutating func add(_ name: String, _ value: String) {
        fields.append((name, value))
    }

    /// Replaces every field called `name` with one field.
    public mutating func set(_ name: String, _ value: String) {
        fields.removeAll { asciiCaseInsensitiveEquals($0.name, name) }
        fields.append((name, value))
    }

    /// Every value of `name`, in order.
    public func values(_ name: String) -> [String] {
        fields.filter { asciiCaseInsensitiveEquals($0.name, name) }.map(\.value)
    }

    /// The first value of `name`.
    public subscript(name: String) -> String? {
        fields.first { asciiCaseInsensitiveEquals($0.name, name) }?.value
    }

    /// The number of fields.
    public var count: Int { fields.count }

    /// Iterates the fields in order.
    public func makeIterator() -> IndexingIterator<[(name: String, value: String)]> {
        fields.makeIterator()
    }

    /// Fields grouped by name (case-insensitively), in first-seen order, with the first spelling.
    func grouped() -> [(name: String, values: [String])] {
        var groups: [(name: String, values: [String])] = []
        var positions: [String: Int] = [:]
        for field in fields {
            let key = field.name.asciiLowercased
            if let p = positions[key] {
                groups[p].values.append(field.value)
            } else {
                positions[key] = groups.count
                groups.append((field.name, [field.value]))
            }
        }
        return groups
    }
}

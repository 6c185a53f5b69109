import JSON

/// A JSON object of an event with typed, throwing accessors whose errors name the field.
///
/// Missing and `null` are the same (the event libraries write both); a present value of the
/// wrong type is `.invalidEvent`.
struct EventObject {
    let object: JSONObject
    /// Where this object sits in the event, for messages (`requestContext.http`).
    let location: String

    init(_ object: JSONObject, at location: String = "") {
        self.object = object
        self.location = location
    }

    private func field(_ key: String) -> String {
        location.isEmpty ? key : "\(location).\(key)"
    }

    private func value(_ key: String) -> JSON? {
        guard let v = object[key], v != .null else { return nil }
        return v
    }

    func has(_ key: String) -> Bool { value(key) != nil }

    func wrongType(_ key: String, _ expected: String) -> RuntimeError {
        RuntimeError(.invalidEvent, "\(field(key)) must be \(expected), not \(object[key]?.typeName ?? "missing")")
    }

    func string(_ key: String) throws(RuntimeError) -> String {
        guard let s = try optionalString(key) else {
            throw RuntimeError(.invalidEvent, "\(field(key)) is missing")
        }
        return s
    }

    func optionalString(_ key: String) throws(RuntimeError) -> String? {
        guard let v = value(key) else { return nil }
        guard let s = v.stringValue else { throw wrongType(key, "a string") }
        return s
    }

    func optionalBool(_ key: String) throws(RuntimeError) -> Bool? {
        guard let v = value(key) else { return nil }
        guard let b = v.boolValue else { throw wrongType(key, "a Boolean") }
        return b
    }

    func optionalObject(_ key: String) throws(RuntimeError) -> EventObject? {
        guard let v = value(key) else { return nil }
        guard let o = v.objectValue else { throw wrongType(key, "an object") }
        return EventObject(o, at: field(key))
    }

    func optionalStringArray(_ key: String) throws(RuntimeError) -> [String]? {
        guard let v = value(key) else { return nil }
        guard let a = v.arrayValue else { throw wrongType(key, "an array") }
        var out: [String] = []
        for item in a {
            guard let s = item.stringValue else { throw wrongType(key, "an array of strings") }
            out.append(s)
        }
        return out
    }

    /// `{name: "value"}` as pairs; `null` values are skipped.
    func singleValueMap(_ key: String) throws(RuntimeError) -> [(name: String, value: String)]? {
        guard let map = try optionalObject(key) else { return nil }
        var out: [(name: String, value: String)] = []
        for m in map.object.members where m.value != .null {
            guard let s = m.value.stringValue else { throw map.wrongType(m.key, "a string") }
            out.append((m.key, s))
        }
        return out
    }

    /// `{name: ["v1", "v2"]}` as pairs in order; `null` lists are skipped.
    func multiValueMap(_ key: String) throws(RuntimeError) -> [(name: String, value: String)]? {
        guard let map = try optionalObject(key) else { return nil }
        var out: [(name: String, value: String)] = []
        for m in map.object.members where m.value != .null {
            for s in try map.optionalStringArray(m.key) ?? [] { out.append((m.key, s)) }
        }
        return out
    }
}

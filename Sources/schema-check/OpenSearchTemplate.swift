import JSON

/// An OpenSearch composable index template (the body of `PUT _index_template/NAME`) derived from
/// a JSON Schema, for `schema-check --opensearch-template`.
///
/// Each property the schema pins to one type gets an explicit field mapping; a property it does
/// not pin (no `type`, `oneOf`/`anyOf` of different types, several types, `patternProperties`) is
/// left out, so OpenSearch maps it dynamically, and is listed in `unpinned` with the reason. The
/// rules are the table in README "Operating it" (the index template).
struct OpenSearchTemplate {
    /// A place in the document the template leaves to dynamic mapping.
    struct Unpinned: Equatable {
        /// JSON Pointer of the field in the document (array elements share their array's pointer,
        /// as OpenSearch maps an array as its elements' field).
        let pointer: String
        /// Why the schema does not pin one mapping there.
        let reason: String
    }

    /// Templates at a lower priority lose to this one when several match a new index.
    static let priority = 100

    /// The template body.
    let body: JSON
    /// The fields left to dynamic mapping, in schema order.
    let unpinned: [Unpinned]

    /// The template for indices matching `indexPattern`; `schemaName` goes into `_meta`.
    init(indexPattern: String, schema: JSON, schemaName: String) {
        var builder = MappingBuilder(root: schema)
        var properties: [(key: String, value: JSON)] = [("@timestamp", ["type": "date"])]
        for (name, mapping) in builder.rootProperties() where name != "@timestamp" {
            properties.append((name, mapping))
        }
        var meta: [(key: String, value: JSON)] = [
            ("generated_by", "schema-check --opensearch-template"), ("schema", .string(schemaName)),
        ]
        if let title = schema["title"]?.stringValue { meta.append(("schema_title", .string(title))) }
        let mappings = JSON.object(JSONObject(uniqueMembers: [
            ("properties", .object(JSONObject(uniqueMembers: properties))),
        ]))
        body = .object(JSONObject(uniqueMembers: [
            ("index_patterns", [.string(indexPattern)]),
            ("template", .object(JSONObject(uniqueMembers: [("mappings", mappings)]))),
            ("priority", .number(JSONNumber(Self.priority))),
            ("_meta", .object(JSONObject(uniqueMembers: meta))),
        ]))
        // Identical oneOf branches report the same nested field once.
        var listed: [Unpinned] = []
        for u in builder.unpinned where !listed.contains(u) { listed.append(u) }
        unpinned = listed
    }
}

/// Walks a schema document and turns its properties into OpenSearch field mappings.
struct MappingBuilder {
    let root: JSON
    private(set) var unpinned: [OpenSearchTemplate.Unpinned] = []

    /// What one subschema says about a field.
    enum Outcome {
        /// One mapping (a field type, or `properties` of an object).
        case mapped(JSON)
        /// No mapping: the field is left to dynamic mapping, for this reason.
        case unpinned(String)
        /// The field can never be present (`false`); nothing to map or report.
        case absent
    }

    init(root: JSON) { self.root = root }

    /// The mappings of the document's top-level properties (the root schema, after its `$ref`s).
    mutating func rootProperties() -> [(key: String, value: JSON)] {
        var schema = root
        var seen: Set<String> = []
        while let ref = schema["$ref"]?.stringValue, !seen.contains(ref) {
            guard ref == "#" || ref.hasPrefix("#/"), let target = Self.resolve(ref, in: root) else {
                // "/" is the document itself, as in schema-check's other output.
                unpinned.append(.init(pointer: "/", reason: "$ref \"\(ref)\" is not a local \"#/...\" pointer (not followed)"))
                break
            }
            seen.insert(ref)
            schema = target
        }
        return properties(of: schema, at: "", refs: seen)
    }

    /// The mapped members of an object schema's `properties`; unpinned ones are recorded.
    private mutating func properties(of schema: JSON, at pointer: String, refs: Set<String>) -> [(key: String, value: JSON)] {
        var out: [(key: String, value: JSON)] = []
        if let props = schema["properties"]?.objectValue {
            for (name, sub) in props.members {
                let here = pointer + "/" + Self.escape(name)
                switch field(sub, at: here, refs: refs) {
                case .mapped(let m): out.append((name, m))
                case .unpinned(let why): unpinned.append(.init(pointer: here, reason: why))
                case .absent: break
                }
            }
        }
        // `allOf` members add their properties (a common way to extend a shared base object).
        for member in schema["allOf"]?.arrayValue ?? [] {
            var member = member
            var seen = refs
            while let ref = member["$ref"]?.stringValue {
                guard !seen.contains(ref), let target = Self.resolve(ref, in: root) else { member = [:]; break }
                seen.insert(ref)
                member = target
            }
            for (name, m) in properties(of: member, at: pointer, refs: seen) where !out.contains(where: { $0.key == name }) {
                out.append((name, m))
            }
        }
        if let patterns = schema["patternProperties"]?.objectValue, !patterns.isEmpty {
            let listed = patterns.keys.map { "\"\($0)\"" }.joined(separator: ", ")
            unpinned.append(.init(pointer: pointer + "/*",
                                  reason: "members matching patternProperties \(listed) have no fixed name"))
        }
        if let extra = schema["additionalProperties"], extra.objectValue.map({ !$0.isEmpty }) ?? false {
            unpinned.append(.init(pointer: pointer + "/*",
                                  reason: "members under additionalProperties have no fixed name"))
        }
        return out
    }

    /// The mapping of one property's schema.
    mutating func field(_ schema: JSON, at pointer: String, refs: Set<String>) -> Outcome {
        if let b = schema.boolValue { return b ? .unpinned("no \"type\" (the schema is true)") : .absent }
        guard schema.objectValue != nil else { return .unpinned("the schema is not an object") }
        if let ref = schema["$ref"]?.stringValue {
            // `$ref` decides the type (its siblings are annotations in drafts 4 and 7; a sibling
            // `type` in 2020-12 can only narrow what the target allows).
            if refs.contains(ref) { return .unpinned("recursive $ref \"\(ref)\" (cycle not followed)") }
            guard ref == "#" || ref.hasPrefix("#/") else {
                return .unpinned("$ref \"\(ref)\" is not a local \"#/...\" pointer (not followed)")
            }
            guard let target = Self.resolve(ref, in: root) else { return .unpinned("$ref \"\(ref)\" does not resolve in this document") }
            return field(target, at: pointer, refs: refs.union([ref]))
        }
        guard let types = schema["type"] else { return untyped(schema, at: pointer, refs: refs) }
        var names: [String]
        if let one = types.stringValue {
            names = [one]
        } else if let many = types.arrayValue {
            names = many.compactMap(\.stringValue)
        } else {
            return .unpinned("\"type\" is neither a string nor an array")
        }
        // A null is a missing value to OpenSearch, so `["string", "null"]` pins a string; every
        // integer is a number, so `["integer", "number"]` pins a number.
        names.removeAll { $0 == "null" }
        if Set(names) == ["integer", "number"] { names = ["number"] }
        guard names.count == 1 else {
            if names.isEmpty { return .unpinned("\"type\" allows only null") }
            return .unpinned("\"type\" is several types: " + names.joined(separator: ", "))
        }
        return typed(names[0], schema, at: pointer, refs: refs)
    }

    private mutating func typed(_ type: String, _ schema: JSON, at pointer: String, refs: Set<String>) -> Outcome {
        switch type {
        case "boolean": return .mapped(["type": "boolean"])
        case "integer": return .mapped(["type": "long"])
        case "number": return .mapped(["type": "double"])
        case "string": return .mapped(Self.string(schema))
        case "object":
            let props = properties(of: schema, at: pointer, refs: refs)
            if props.isEmpty { return .mapped(["type": "object"]) }
            return .mapped(.object(JSONObject(uniqueMembers: [("properties", .object(JSONObject(uniqueMembers: props)))])))
        case "array":
            if let items = schema["items"], items.arrayValue == nil { return field(items, at: pointer, refs: refs) }
            if let tuple = schema["prefixItems"]?.arrayValue ?? schema["items"]?.arrayValue {
                return same(tuple, keyword: "items", at: pointer, refs: refs)
            }
            return .unpinned("array without an \"items\" schema")
        default:
            return .unpinned("unknown \"type\" \"\(type)\"")
        }
    }

    /// A schema with no `type`: pinned only by an `enum`/`const` of one kind, or by `oneOf`/`anyOf`
    /// branches that all map alike.
    private mutating func untyped(_ schema: JSON, at pointer: String, refs: Set<String>) -> Outcome {
        var values: [JSON]? = schema["enum"]?.arrayValue
        if let c = schema["const"] { values = [c] }
        if let values, !values.isEmpty {
            let kinds = Set(values.map { v in v.numberValue.map { $0.isInteger ? "integer" : "number" } ?? v.typeName }
                .filter { $0 != "null" })
            switch kinds {
            case ["string"]: return .mapped(["type": "keyword"])
            case ["boolean"]: return .mapped(["type": "boolean"])
            case ["integer"]: return .mapped(["type": "long"])
            case ["number"], ["integer", "number"]: return .mapped(["type": "double"])
            default: return .unpinned("no \"type\", and the enum/const values are of several types")
            }
        }
        for keyword in ["oneOf", "anyOf"] {
            if let branches = schema[keyword]?.arrayValue, !branches.isEmpty {
                return same(branches, keyword: keyword, at: pointer, refs: refs)
            }
        }
        return .unpinned("no \"type\"")
    }

    /// The one mapping every schema in `branches` gives, or unpinned when they differ.
    private mutating func same(_ branches: [JSON], keyword: String, at pointer: String, refs: Set<String>) -> Outcome {
        let saved = unpinned
        var mapping: JSON?
        for branch in branches {
            switch field(branch, at: pointer, refs: refs) {
            case .absent: continue
            case .unpinned(let why):
                unpinned = saved
                return .unpinned("a \(keyword) branch is unpinned (\(why))")
            case .mapped(let m):
                if let mapping, mapping != m {
                    unpinned = saved
                    return .unpinned("\(keyword) of different types")
                }
                mapping = m
            }
        }
        guard let mapping else { return .absent }
        return .mapped(mapping)
    }

    /// A string's mapping from its `format`, `enum` and `const`.
    private static func string(_ schema: JSON) -> JSON {
        switch schema["format"]?.stringValue {
        case "ipv4", "ipv6": return ["type": "ip"]
        case "date-time": return ["type": "date", "format": "strict_date_optional_time"]
        case "date": return ["type": "date", "format": "strict_date"]
        case "uuid", "email", "hostname", "uri": return ["type": "keyword"]
        default: break
        }
        if schema["enum"] != nil || schema["const"] != nil { return ["type": "keyword"] }
        // What OpenSearch's dynamic mapping gives a string: text, and a keyword subfield for
        // sorting and aggregations.
        return ["type": "text", "fields": ["keyword": ["type": "keyword", "ignore_above": 256]]]
    }

    /// The value at a local reference (`#`, `#/$defs/x`, percent-encoded as a URI fragment).
    static func resolve(_ ref: String, in document: JSON) -> JSON? {
        guard ref.hasPrefix("#") else { return nil }
        guard let fragment = percentDecoded(String(ref.dropFirst())) else { return nil }
        if fragment.isEmpty { return document }
        guard fragment.hasPrefix("/") else { return nil }  // a plain-name anchor, not a pointer
        var node = document
        for raw in fragment.dropFirst().split(separator: "/", omittingEmptySubsequences: false) {
            let token = unescape(String(raw))
            if let object = node.objectValue {
                guard let next = object[token] else { return nil }
                node = next
            } else if let array = node.arrayValue, let i = Int(token), i >= 0, i < array.count {
                node = array[i]
            } else {
                return nil
            }
        }
        return node
    }

    /// A name as a JSON Pointer reference token (RFC 6901: `~` as `~0`, `/` as `~1`).
    static func escape(_ name: String) -> String {
        var out = ""
        for c in name {
            switch c {
            case "~": out += "~0"
            case "/": out += "~1"
            default: out.append(c)
            }
        }
        return out
    }

    private static func unescape(_ token: String) -> String {
        var out = ""
        var tilde = false
        for c in token {
            if tilde {
                out.append(c == "1" ? "/" : c == "0" ? "~" : c)
                tilde = false
            } else if c == "~" {
                tilde = true
            } else {
                out.append(c)
            }
        }
        if tilde { out.append("~") }
        return out
    }

    private static func percentDecoded(_ text: String) -> String? {
        var bytes: [UInt8] = []
        var it = Array(text.utf8)[...]
        while let b = it.popFirst() {
            guard b == UInt8(ascii: "%") else { bytes.append(b); continue }
            guard let h = it.popFirst().flatMap(hexValue), let l = it.popFirst().flatMap(hexValue) else { return nil }
            bytes.append(h << 4 | l)
        }
        return String(validating: bytes, as: UTF8.self)
    }

    private static func hexValue(_ b: UInt8) -> UInt8? {
        switch b {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): b - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): b - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): b - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}

import JSON
import JSONSchema

/// The schemas the validator target checks instances against: together they use every keyword
/// family (numbers, strings with patterns and formats, arrays, objects, combinators, references,
/// `unevaluated*`) in each draft. `scripts/fuzz` cycles the first seed byte through all of them.
enum InterestingSchemas {
    /// The schema texts, in selection-byte order (the byte is taken modulo the count).
    static let texts: [String] = [
        // 0: the shape of a typical ingest document.
        #"""
        {"$schema": "https://json-schema.org/draft/2020-12/schema", "type": "object",
         "required": ["name", "tags"], "additionalProperties": false,
         "properties": {"name": {"type": "string", "minLength": 1, "maxLength": 64},
                        "age": {"type": "integer", "minimum": 0, "exclusiveMaximum": 150},
                        "tags": {"type": "array", "items": {"type": "string"}, "uniqueItems": true, "maxItems": 8},
                        "email": {"format": "email"}, "when": {"format": "date-time"}}}
        """#,
        // 1: numbers: decimal multipleOf, exclusive bounds, integer type on floats.
        #"{"anyOf": [{"type": "integer", "multipleOf": 7}, {"type": "number", "multipleOf": 0.01, "exclusiveMinimum": -1e10, "maximum": 1e10}]}"#,
        // 2: ECMA-262 patterns: Unicode classes and quantifiers (automaton), and lookahead with a
        // backreference (the step-budgeted backtracker).
        #"""
        {"type": "string", "allOf": [{"pattern": "^(?:[\\p{L}\\d_-]{1,8}|\\u00e9+)(?:\\.[a-z]+)*$"},
                                     {"pattern": "^(?!.*(\\w)\\1{3})(?=.*\\d)"}]}
        """#,
        // 3: patternProperties, propertyNames, additionalProperties with a schema.
        #"""
        {"patternProperties": {"^x-": {"type": "string"}, "\\d{2,}": {"type": "number"}},
         "propertyNames": {"maxLength": 6, "pattern": "^[^A-Z]*$"}, "additionalProperties": {"type": "boolean"},
         "minProperties": 1, "maxProperties": 4}
        """#,
        // 4: 2020-12 arrays: prefixItems, items, contains with bounds.
        #"""
        {"$schema": "https://json-schema.org/draft/2020-12/schema",
         "prefixItems": [{"type": "null"}, {"type": "string"}], "items": {"type": "number"},
         "contains": {"const": 1}, "minContains": 1, "maxContains": 2}
        """#,
        // 5: unevaluatedProperties across allOf, if/then/else and dependentSchemas.
        #"""
        {"$schema": "https://json-schema.org/draft/2020-12/schema",
         "allOf": [{"properties": {"a": true}}], "if": {"required": ["b"]},
         "then": {"properties": {"b": {"type": "string"}}}, "else": {"properties": {"c": true}},
         "dependentSchemas": {"d": {"properties": {"e": true}}}, "unevaluatedProperties": false}
        """#,
        // 6: unevaluatedItems after prefixItems and contains in oneOf branches.
        #"""
        {"$schema": "https://json-schema.org/draft/2020-12/schema",
         "oneOf": [{"prefixItems": [true, true]}, {"contains": {"type": "string"}}],
         "unevaluatedItems": {"type": "integer"}}
        """#,
        // 7: a recursive tree through $ref and $defs.
        #"""
        {"$schema": "https://json-schema.org/draft/2020-12/schema", "$ref": "#/$defs/node",
         "$defs": {"node": {"type": "object", "properties": {"value": {"type": ["number", "null"]},
                   "children": {"type": "array", "items": {"$ref": "#/$defs/node"}}}, "required": ["value"]}}}
        """#,
        // 8: $dynamicRef extension of a recursive list.
        #"""
        {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": "https://example.com/strict",
         "$ref": "list", "$defs": {"item": {"$dynamicAnchor": "item", "type": "string"},
         "list": {"$id": "list", "type": "array", "items": {"$dynamicRef": "#item"},
                  "$defs": {"item": {"$dynamicAnchor": "item"}}}}}
        """#,
        // 9: enum and const with structured values (equality of numbers and objects).
        #"{"enum": [1, 1.5, "a", null, [1, {"b": 2}], {"c": [true]}], "not": {"const": {"c": [true]}}}"#,
        // 10: string formats that allow no assertion shortcuts.
        #"""
        {"$schema": "https://json-schema.org/draft/2020-12/schema", "anyOf": [
          {"format": "ipv4"}, {"format": "ipv6"}, {"format": "hostname"}, {"format": "idn-hostname"},
          {"format": "uri"}, {"format": "uri-reference"}, {"format": "iri"}, {"format": "uuid"},
          {"format": "duration"}, {"format": "date"}, {"format": "time"}, {"format": "regex"},
          {"format": "json-pointer"}, {"format": "relative-json-pointer"}, {"format": "uri-template"},
          {"format": "idn-email"}], "type": "string"}
        """#,
        // 11: draft-07: items array with additionalItems, dependencies, contains.
        #"""
        {"$schema": "http://json-schema.org/draft-07/schema#",
         "items": [{"type": "integer"}, {"type": "string"}], "additionalItems": {"type": "boolean"},
         "contains": {"type": "boolean"}, "dependencies": {"a": ["b"], "c": {"required": ["d"]}}}
        """#,
        // 12: draft-04: boolean exclusiveMaximum, id-based references, definitions.
        #"""
        {"$schema": "http://json-schema.org/draft-04/schema#", "id": "http://example.com/root.json",
         "definitions": {"pos": {"id": "#pos", "type": "number", "minimum": 0, "exclusiveMinimum": true}},
         "type": ["array", "object"], "items": {"$ref": "#pos"}, "additionalProperties": {"$ref": "#/definitions/pos"}}
        """#,
        // 13: string lengths in code points, with not and oneOf overlaps.
        #"{"oneOf": [{"minLength": 2}, {"maxLength": 3}, {"type": "object", "required": ["x"]}], "not": {"type": "array"}}"#,
        // 14: deep instance walk: every nested value must be valid against the same schema.
        #"""
        {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": "https://example.com/any",
         "anyOf": [{"type": ["null", "boolean", "number"]}, {"type": "string", "maxLength": 32},
                   {"type": "array", "items": {"$ref": "#"}}, {"type": "object", "additionalProperties": {"$ref": "#"}}]}
        """#,
        // 15: uniqueItems on mixed structured items and dependentRequired.
        #"""
        {"$schema": "https://json-schema.org/draft/2020-12/schema", "type": ["array", "object"],
         "uniqueItems": true, "dependentRequired": {"a": ["b", "c"]}, "maxItems": 64}
        """#,
    ]

    /// The compiled schemas (compiled once per process; a schema that fails to compile is a bug
    /// in this list, reported by trapping on the first input).
    static let compiled: [Schema] = texts.enumerated().map { index, text in
        do {
            return try Schema(try JSONParser.parse(text), options: SchemaOptions(maxErrors: 50))
        } catch {
            fatalError("interesting schema \(index) does not compile: \(error)")
        }
    }
}

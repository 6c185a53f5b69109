import JSON
import JSONSchema

extension SchemaCheck {
    /// `--opensearch-template PATTERN SCHEMA`: prints the index template on one line and lists the
    /// fields left to dynamic mapping as diagnostics. The schema must compile (so a template never
    /// comes from a schema the gateway would refuse to start with); the exit statuses are the
    /// command's usual ones: 0 printed, 2 bad usage or a schema that cannot be read or compiled.
    mutating func printTemplate(pattern: String, _ options: CheckOptions) -> Status {
        if let why = Self.patternProblem(pattern) {
            sink.diagnostic("--opensearch-template: \(why)")
            sink.diagnostic("try --help")
            return .failure
        }
        guard options.inputs.isEmpty else {
            sink.diagnostic("--opensearch-template takes only SCHEMA, no instances")
            sink.diagnostic("try --help")
            return .failure
        }
        let json: JSON
        do throws(CheckError) {
            let bytes = try readFile(options.schemaPath)
            do {
                json = try JSONParser.parse(bytes)
            } catch {
                throw CheckError(.schemaNotJSON, "\(options.schemaPath): schema is not JSON: \(error.message)")
            }
            do {
                _ = try Schema(json, options: options.schemaOptions)
            } catch {
                throw CheckError(.invalidSchema, "\(options.schemaPath): invalid schema: \(error.description)")
            }
        } catch {
            sink.diagnostic(error.message)
            return .failure
        }
        let template = OpenSearchTemplate(indexPattern: pattern, schema: json, schemaName: options.schemaPath)
        for field in template.unpinned {
            sink.diagnostic("\(field.pointer): left to dynamic mapping: \(field.reason)")
        }
        sink.result(template.body.serialized())
        return .valid
    }

    /// Why OpenSearch would refuse `pattern` in `index_patterns` (the index-name rules, with `*`
    /// allowed), or nil.
    static func patternProblem(_ pattern: String) -> String? {
        if pattern.isEmpty { return "the index pattern is empty" }
        for c in pattern.unicodeScalars {
            if c.value < 0x20 || "\\/?\"<>| ,#:".unicodeScalars.contains(c) {
                return "the index pattern \"\(pattern)\" must not contain \"\(c)\""
            }
            if c.properties.isUppercase { return "the index pattern \"\(pattern)\" must be lowercase" }
        }
        if let first = pattern.first, "_-+".contains(first) {
            return "the index pattern \"\(pattern)\" must not start with \"\(first)\""
        }
        return nil
    }
}

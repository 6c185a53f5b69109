import Foundation
import JSON
import JSONSchema
import TestSupport

/// Loading for the official suite: files as `JSON`, the registry, and the expected-failure list.
enum SuiteSupport {
    static func load(_ url: URL) throws -> JSON {
        try JSONParser.parse(Array(try Data(contentsOf: url)))
    }

    /// The registry `schema-check --remote http://localhost:1234/=<suite>/remotes` builds: the
    /// suite's remotes at `http://localhost:1234/`, and the metaschemas the module bundles.
    static func registry(remotes: URL) -> SchemaRegistry {
        SchemaRegistry.mapping(baseURL: "http://localhost:1234/", directory: remotes.path)
    }

    /// One expected failure: draft folder, file (relative to the draft folder), group and test
    /// descriptions, and why.
    struct ExpectedFailure: Hashable {
        let draft: String
        let file: String
        let group: String
        let test: String
        let reason: String

        var key: String { [draft, file, group, test].joined(separator: "\t") }
    }

    static func expectedFailures() throws -> [String: ExpectedFailure] {
        let url = Corpora.packageRoot.appendingPathComponent("Tests/JSONSchemaTests/expected-failures.tsv")
        var result: [String: ExpectedFailure] = [:]
        for (n, line) in try String(contentsOf: url, encoding: .utf8).split(separator: "\n").enumerated() {
            if line.hasPrefix("#") || line.trimmingCharacters(in: .whitespaces).isEmpty { continue }
            let f = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard f.count == 5, !f[4].isEmpty else {
                throw NSError(domain: "SuiteSupport", code: 3, userInfo: [NSLocalizedDescriptionKey:
                    "expected-failures.tsv line \(n + 1): need 5 tab-separated fields with a reason"])
            }
            let e = ExpectedFailure(draft: f[0], file: f[1], group: f[2], test: f[3], reason: f[4])
            result[e.key] = e
        }
        return result
    }
}

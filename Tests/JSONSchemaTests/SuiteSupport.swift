import Foundation
import JSON
import JSONSchema
import TestSupport

/// Loading for the official suite: files as `JSON`, the metaschemas from the installed
/// `jsonschema-specifications` package, and the expected-failure list.
enum SuiteSupport {
    static func load(_ url: URL) throws -> JSON {
        try JSONParser.parse(Array(try Data(contentsOf: url)))
    }

    /// `.../jsonschema_specifications/schemas`, found by asking python3 (scripts/test installs
    /// the package); `nil` when it is not installed.
    static let metaschemaFolder: URL? = {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", "-c", "import jsonschema_specifications,os;print(os.path.dirname(jsonschema_specifications.__file__))"]
        let out = Pipe()
        p.standardOutput = out
        p.standardError = FileHandle.nullDevice
        do { try p.run() } catch { return nil }
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        guard p.terminationStatus == 0, let path = String(data: data, encoding: .utf8)?
            .trimmingCharacters(in: .whitespacesAndNewlines), !path.isEmpty else { return nil }
        return URL(fileURLWithPath: path).appendingPathComponent("schemas")
    }()

    /// A registry with every metaschema (under its own `$id`/`id`) and the suite's remotes at
    /// `http://localhost:1234/`.
    static func registry(remotes: URL) throws -> SchemaRegistry {
        guard let folder = metaschemaFolder else {
            throw NSError(domain: "SuiteSupport", code: 1, userInfo: [NSLocalizedDescriptionKey:
                "python3 package jsonschema-specifications is not installed (pip install jsonschema-specifications)"])
        }
        var registry = SchemaRegistry.mapping(baseURL: "http://localhost:1234/", directory: remotes.path)
        let files = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil)!
        var count = 0
        for case let url as URL in files {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue else { continue }
            let document = try load(url)
            guard case .string(let id) = document["$id"] ?? document["id"] else { continue }
            registry.add(document, uri: id)
            count += 1
        }
        guard count > 0 else {
            throw NSError(domain: "SuiteSupport", code: 2, userInfo: [NSLocalizedDescriptionKey: "no metaschemas under \(folder.path)"])
        }
        return registry
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

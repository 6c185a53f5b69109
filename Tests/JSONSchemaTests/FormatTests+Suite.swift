import Foundation
import TestSupport
import XCTest
@testable import JSONSchema

/// Runs the JSON-Schema-Test-Suite's `optional/format/*.json` cases (drafts 4, 7, 2020-12)
/// directly against `Formats.checker(named:)`, and the suite's regex cases against `ECMARegex`.
/// Formats apply to strings only, so non-string instances are skipped in this direct run.
final class FormatSuiteTests: XCTestCase {
    /// Cases this implementation is known to get wrong, keyed as "draft/file | group | test",
    /// with the reason. A listed case that starts passing fails the run, so the list stays honest.
    static let expectedFailures: [String: String] = [:]

    private static let drafts = ["draft4", "draft7", "draft2020-12"]

    private struct Tally {
        var pass = 0, fail = 0, xfail = 0
    }

    private func loadGroups(_ url: URL) throws -> [[String: Any]] {
        let data = try Data(contentsOf: url)
        return try XCTUnwrap(JSONSerialization.jsonObject(with: data) as? [[String: Any]], url.path)
    }

    /// Records one case against the expected-failure list.
    private func record(_ key: String, expected: Bool, actual: Bool, tally: inout Tally, seen: inout Set<String>) {
        if let reason = Self.expectedFailures[key] {
            seen.insert(key)
            if actual == expected {
                XCTFail("expected failure now passes, remove it from expectedFailures: \(key) (\(reason))")
                tally.fail += 1
            } else {
                tally.xfail += 1
            }
        } else if actual == expected {
            tally.pass += 1
        } else {
            XCTFail("\(key): expected \(expected ? "valid" : "invalid"), got \(actual ? "valid" : "invalid")")
            tally.fail += 1
        }
    }

    func testSuiteFormatCases() throws {
        let root = try Corpora.require("json-schema-test-suite/tests")
        var tallies: [String: Tally] = [:]
        var seen = Set<String>()
        for draft in Self.drafts {
            let folder = root.appendingPathComponent(draft).appendingPathComponent("optional/format")
            let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".json") }.sorted()
            XCTAssertFalse(files.isEmpty, folder.path)
            for file in files {
                for group in try loadGroups(folder.appendingPathComponent(file)) {
                    let schema = try XCTUnwrap(group["schema"] as? [String: Any])
                    let format = try XCTUnwrap(schema["format"] as? String, "\(draft)/\(file)")
                    let checker = Formats.checker(named: format)
                    if checker == nil { XCTAssertEqual(file, "unknown.json", "no checker for '\(format)'") }
                    for test in try XCTUnwrap(group["tests"] as? [[String: Any]]) {
                        guard let instance = test["data"] as? String else { continue }
                        let expected = try XCTUnwrap(test["valid"] as? Bool)
                        let actual = checker?.check(instance) ?? true
                        let key = "\(draft)/optional/format/\(file) | \(group["description"] as? String ?? "") | \(test["description"] as? String ?? "")"
                        record(key, expected: expected, actual: actual, tally: &tallies[format, default: Tally()], seen: &seen)
                    }
                }
            }
        }
        for (format, tally) in tallies.sorted(by: { $0.key < $1.key }) {
            print("format \(format): pass \(tally.pass), fail \(tally.fail), xfail \(tally.xfail)")
        }
        XCTAssertGreaterThan(tallies.values.reduce(0) { $0 + $1.pass }, 500)
        for key in Self.expectedFailures.keys where key.contains("/optional/format/") && !seen.contains(key) {
            XCTFail("expectedFailures names a case the suite does not have: \(key)")
        }
    }

    /// `pattern` cases, and `patternProperties` cases whose subschemas are all `true` with
    /// `additionalProperties: false` (valid iff every key matches some pattern), from the files
    /// that exercise ECMA-262 semantics.
    func testSuiteRegexCases() throws {
        let root = try Corpora.require("json-schema-test-suite/tests")
        var tally = Tally()
        var seen = Set<String>()
        var skipped = 0
        for draft in Self.drafts {
            for file in ["optional/ecmascript-regex.json", "optional/non-bmp-regex.json", "pattern.json", "patternProperties.json"] {
                for group in try loadGroups(root.appendingPathComponent(draft).appendingPathComponent(file)) {
                    let schema = try XCTUnwrap(group["schema"] as? [String: Any])
                    let tests = try XCTUnwrap(group["tests"] as? [[String: Any]])
                    for test in tests {
                        let expected = try XCTUnwrap(test["valid"] as? Bool)
                        let key = "\(draft)/\(file) | \(group["description"] as? String ?? "") | \(test["description"] as? String ?? "")"
                        if let pattern = schema["pattern"] as? String, schema.count <= 3 {
                            guard let instance = test["data"] as? String else { continue }
                            let actual = try ECMARegex(pattern).matches(instance)
                            record(key, expected: expected, actual: actual, tally: &tally, seen: &seen)
                        } else if let properties = schema["patternProperties"] as? [String: Any],
                                  schema["additionalProperties"] as? Bool == false,
                                  properties.values.allSatisfy({ $0 as? Bool == true }),
                                  let instance = test["data"] as? [String: Any] {
                            let regexes = try properties.keys.map { try ECMARegex($0) }
                            let actual = instance.keys.allSatisfy { key in regexes.contains { $0.matches(key) } }
                            record(key, expected: expected, actual: actual, tally: &tally, seen: &seen)
                        } else {
                            skipped += 1
                        }
                    }
                }
            }
        }
        for key in Self.expectedFailures.keys where !key.contains("/optional/format/") && !seen.contains(key) {
            XCTFail("expectedFailures names a case the suite does not have: \(key)")
        }
        print("regex suite: pass \(tally.pass), fail \(tally.fail), xfail \(tally.xfail), not applicable \(skipped)")
        XCTAssertGreaterThan(tally.pass, 100)
    }
}

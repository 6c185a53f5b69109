import Foundation
import TestSupport
import XCTest
@testable import JSONSchema

/// Runs the JSON-Schema-Test-Suite's `optional/format/*.json` cases (drafts 4, 7, 2020-12)
/// directly against `Formats.checker(named:)`, and the suite's regex cases against `ECMARegex`.
/// Formats apply to strings only, so non-string instances are skipped in this direct run.
final class FormatSuiteTests: XCTestCase {
    /// Cases this implementation is known to get wrong, keyed as "draft/file | group | test",
    /// with the reason. Empty: every case passes. A listed case that starts passing fails the
    /// run, and so does a key the suite does not have, so the list stays honest.
    static let expectedFailures: [String: String] = [:]

    private static let drafts = ["draft4", "draft7", "draft2020-12"]

    private func loadGroups(_ url: URL) throws -> [[String: Any]] {
        let data = try Data(contentsOf: url)
        return try XCTUnwrap(JSONSerialization.jsonObject(with: data) as? [[String: Any]], url.path)
    }

    private func key(_ draft: String, _ file: String, _ group: [String: Any], _ test: [String: Any]) -> String {
        "\(draft)/\(file) | \(group["description"] as? String ?? "") | \(test["description"] as? String ?? "")"
    }

    func testSuiteFormatCases() throws {
        let root = try Corpora.require("json-schema-test-suite/tests")
        var ledgers: [String: SuiteLedger] = [:]
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
                        let name = key(draft, "optional/format/" + file, group, test)
                        if let problem = ledgers[format, default: SuiteLedger(Self.expectedFailures)]
                            .record(name, expected: expected, actual: actual) {
                            XCTFail(problem)
                        }
                        seen.insert(name)
                    }
                }
            }
        }
        for (format, ledger) in ledgers.sorted(by: { $0.key < $1.key }) {
            print("format \(format): \(ledger.summary)")
        }
        XCTAssertGreaterThan(ledgers.values.reduce(0) { $0 + $1.pass }, 1_000)
        for key in Self.expectedFailures.keys where key.contains("/optional/format/") && !seen.contains(key) {
            XCTFail("expectedFailures names a case the suite does not have: \(key)")
        }
    }

    /// `pattern` cases, and `patternProperties` cases whose subschemas are all `true` with
    /// `additionalProperties: false` (valid iff every key matches some pattern), from the files
    /// that exercise ECMA-262 semantics. Other schema shapes need the schema engine.
    func testSuiteRegexCases() throws {
        let root = try Corpora.require("json-schema-test-suite/tests")
        var ledger = SuiteLedger(Self.expectedFailures)
        var seen = Set<String>()
        var notApplicable = 0
        for draft in Self.drafts {
            for file in ["optional/ecmascript-regex.json", "optional/non-bmp-regex.json", "pattern.json", "patternProperties.json"] {
                for group in try loadGroups(root.appendingPathComponent(draft).appendingPathComponent(file)) {
                    let schema = try XCTUnwrap(group["schema"] as? [String: Any])
                    for test in try XCTUnwrap(group["tests"] as? [[String: Any]]) {
                        let expected = try XCTUnwrap(test["valid"] as? Bool)
                        let name = key(draft, file, group, test)
                        let actual: Bool
                        if let pattern = schema["pattern"] as? String, schema.keys.allSatisfy(["pattern", "$schema", "type"].contains) {
                            guard let instance = test["data"] as? String else { continue }
                            actual = try ECMARegex(pattern).matches(instance)
                        } else if let properties = schema["patternProperties"] as? [String: Any],
                                  schema["additionalProperties"] as? Bool == false,
                                  properties.values.allSatisfy({ $0 as? Bool == true }),
                                  let instance = test["data"] as? [String: Any] {
                            let regexes = try properties.keys.map { try ECMARegex($0) }
                            actual = instance.keys.allSatisfy { key in regexes.contains { $0.matches(key) } }
                        } else {
                            notApplicable += 1
                            continue
                        }
                        if let problem = ledger.record(name, expected: expected, actual: actual) { XCTFail(problem) }
                        seen.insert(name)
                    }
                }
            }
        }
        for key in Self.expectedFailures.keys where !key.contains("/optional/format/") && !seen.contains(key) {
            XCTFail("expectedFailures names a case the suite does not have: \(key)")
        }
        print("regex suite: \(ledger.summary), not applicable without the schema engine \(notApplicable)")
        XCTAssertGreaterThan(ledger.pass, 200)
    }

    func testLedgerFailsOnUnexpectedPassAndCountsExpectedFailure() {
        var ledger = SuiteLedger(["known": "reason"])
        XCTAssertNil(ledger.record("known", expected: true, actual: false))
        XCTAssertNotNil(ledger.record("known", expected: true, actual: true))
        XCTAssertNotNil(ledger.record("other", expected: false, actual: true))
        XCTAssertNil(ledger.record("other", expected: false, actual: false))
        XCTAssertEqual(ledger.summary, "pass 1, fail 2, xfail 1")
    }
}

/// Pass/fail/xfail counts against an expected-failure list.
struct SuiteLedger {
    let expectedFailures: [String: String]
    private(set) var pass = 0, fail = 0, xfail = 0

    init(_ expectedFailures: [String: String]) {
        self.expectedFailures = expectedFailures
    }

    var summary: String { "pass \(pass), fail \(fail), xfail \(xfail)" }

    /// Counts one case; returns the failure message when it must fail the test.
    mutating func record(_ key: String, expected: Bool, actual: Bool) -> String? {
        if let reason = expectedFailures[key] {
            if actual == expected {
                fail += 1
                return "expected failure now passes, remove it from expectedFailures: \(key) (\(reason))"
            }
            xfail += 1
            return nil
        }
        if actual == expected {
            pass += 1
            return nil
        }
        fail += 1
        return "\(key): expected \(expected ? "valid" : "invalid"), got \(actual ? "valid" : "invalid")"
    }
}

import Foundation
import JSON
import JSONSchema
import TestSupport
import XCTest

/// Runs every file of the official JSON-Schema-Test-Suite for draft-04, draft-07 and 2020-12,
/// optional and format tests included (format assertion on for optional/format). A case either passes, or is listed
/// in `expected-failures.tsv` and fails; a listed case that passes fails the test too.
final class SuiteTests: XCTestCase {
    func testDraft4() throws { try run(folder: "draft4", draft: .draft4) }
    func testDraft7() throws { try run(folder: "draft7", draft: .draft7) }
    func testDraft2020_12() throws { try run(folder: "draft2020-12", draft: nil) }

    /// Counts per category: required (top level), optional, format (optional/format).
    private struct Tally { var passed = 0, failed = 0, xfail = 0 }

    private func run(folder: String, draft: Draft?) throws {
        let suite = try Corpora.require("json-schema-test-suite")
        let root = suite.appendingPathComponent("tests").appendingPathComponent(folder)
        let registry = SuiteSupport.registry(remotes: suite.appendingPathComponent("remotes"))
        let expected = try SuiteSupport.expectedFailures()
        var seenExpected = Set<String>()
        var tallies: [String: Tally] = [:]

        let files = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)!
            .compactMap { $0 as? URL }.filter { $0.pathExtension == "json" }
            .map { String($0.path.dropFirst(root.path.count + 1)) }.sorted()
        XCTAssertFalse(files.isEmpty, "no test files under \(root.path)")
        for file in files {
            let category = file.hasPrefix("optional/format/") ? "format" : file.hasPrefix("optional/") ? "optional" : "required"
            guard case .array(let groups) = try SuiteSupport.load(root.appendingPathComponent(file)) else {
                XCTFail("\(file): not an array"); continue
            }
            for group in groups {
                guard case .string(let groupName) = group["description"], let schemaJSON = group["schema"],
                      case .array(let tests) = group["tests"] else { XCTFail("\(file): malformed group"); continue }
                // Format asserts for optional/format (as the suite's README asks); elsewhere it is an
                // annotation, which 2020-12's format.json requires by default.
                // Not strict: the suite uses unknown keywords and formats on purpose.
                let options = SchemaOptions(draft: draft, formatAssertion: category == "format", registry: registry, strict: false)
                let schema: Result<Schema, SchemaError> = Result { () throws(SchemaError) in try Schema(schemaJSON, options: options) }
                for test in tests {
                    guard case .string(let testName) = test["description"], let data = test["data"],
                          case .bool(let valid) = test["valid"] else { XCTFail("\(file): malformed test"); continue }
                    var problem: String?
                    switch schema {
                    case .failure(let error):
                        problem = "schema does not compile: \(error)"
                    case .success(let s):
                        let fast = s.isValid(data)
                        let errors = s.validate(data)
                        if fast != errors.isEmpty {
                            problem = "isValid says \(fast) but validate found \(errors.count) errors: \(errors.map(\.description))"
                        } else if fast != valid {
                            problem = "expected \(valid ? "valid" : "invalid"), got \(fast ? "valid" : "invalid \(errors.map(\.description))")"
                        }
                    }
                    let key = [folder, file, groupName, testName].joined(separator: "\t")
                    let listed = expected[key] != nil
                    if listed { seenExpected.insert(key) }
                    switch (problem, listed) {
                    case (nil, false):
                        tallies[category, default: Tally()].passed += 1
                    case (nil, true):
                        tallies[category, default: Tally()].failed += 1
                        XCTFail("\(folder)/\(file) | \(groupName) | \(testName): listed in expected-failures.tsv but passes — remove it")
                    case (let p?, true):
                        _ = p
                        tallies[category, default: Tally()].xfail += 1
                    case (let p?, false):
                        tallies[category, default: Tally()].failed += 1
                        XCTFail("\(folder)/\(file) | \(groupName) | \(testName): \(p)")
                    }
                }
            }
        }
        for (key, e) in expected where e.draft == folder && !seenExpected.contains(key) {
            XCTFail("expected-failures.tsv names a case that does not exist: \(key.replacingOccurrences(of: "\t", with: " | "))")
        }
        // Every test the suite's own COUNTS.tsv lists was run (no file or group silently skipped).
        for (category, count) in try countsFromSuite(suite, folder: folder) {
            let t = tallies[category] ?? Tally()
            XCTAssertEqual(t.passed + t.failed + t.xfail, count, "\(folder) \(category): tests run vs COUNTS.tsv")
        }
        print("\nJSON-Schema-Test-Suite \(folder)")
        print("category   passed  failed  xfail")
        for category in ["required", "optional", "format"] {
            let t = tallies[category] ?? Tally()
            print(category.padding(toLength: 10, withPad: " ", startingAt: 0)
                  + String(format: " %6d  %6d  %5d", t.passed, t.failed, t.xfail))
        }
    }

    /// Tests per category for one draft, from the suite's COUNTS.tsv (draft, category, file,
    /// groups, tests, ...), with optional/format reported as "format".
    private func countsFromSuite(_ suite: URL, folder: String) throws -> [String: Int] {
        var result: [String: Int] = [:]
        let text = try String(contentsOf: suite.appendingPathComponent("COUNTS.tsv"), encoding: .utf8)
        for line in text.split(separator: "\n").dropFirst() {
            let f = line.split(separator: "\t").map(String.init)
            guard f.count >= 5, f[0] == folder, let n = Int(f[4]) else { continue }
            result[f[1] == "optional/format" ? "format" : f[1], default: 0] += n
        }
        XCTAssertFalse(result.isEmpty, "COUNTS.tsv has no rows for \(folder)")
        return result
    }
}

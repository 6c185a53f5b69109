import Foundation
import XCTest

/// Locates the shared test corpora: `$ESPROXY_CORPORA`, else `../shared/corpora` beside the
/// package root. Missing corpora skip loudly in a user's clone and fail under CI (`CI=true`).
public enum Corpora {
    /// The package root (the folder holding Package.swift).
    public static let packageRoot: URL = {
        var url = URL(fileURLWithPath: #filePath)
        while url.path != "/" {
            url.deleteLastPathComponent()
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) {
                return url
            }
        }
        fatalError("Package.swift not found above \(#filePath)")
    }()

    /// The corpora folder, whether or not it exists.
    public static var root: URL {
        if let env = ProcessInfo.processInfo.environment["ESPROXY_CORPORA"], !env.isEmpty {
            return URL(fileURLWithPath: env)
        }
        return packageRoot.deletingLastPathComponent().appendingPathComponent("shared/corpora")
    }

    /// `relative` inside the corpora; throws `XCTSkip` (or fails, under CI) when it is missing.
    public static func require(_ relative: String, file: StaticString = #filePath, line: UInt = #line) throws -> URL {
        let url = root.appendingPathComponent(relative)
        if FileManager.default.fileExists(atPath: url.path) { return url }
        let message = "CORPUS MISSING: \(url.path) — the tests that need it did NOT run. Set ESPROXY_CORPORA."
        if ProcessInfo.processInfo.environment["CI"] == "true" {
            XCTFail(message, file: file, line: line)
            throw CorpusMissing(path: url.path)
        }
        FileHandle.standardError.write(Data(("\n*** " + message + "\n").utf8))
        throw XCTSkip(message)
    }

    /// The number of cases the corpora's README states for `folder` (its table row, e.g.
    /// "38 SigV4 cases" or "suite, 34 cases"), so a suite test can check it ran every one.
    public static func documentedCaseCount(_ folder: String, file: StaticString = #filePath, line: UInt = #line) throws -> Int {
        let readme = try require("README.md", file: file, line: line)
        let text = try String(contentsOf: readme, encoding: .utf8)
        guard let row = text.split(separator: "\n").first(where: { $0.hasPrefix("| `\(folder)`") }) else {
            throw DocumentedCountMissing(description: "no row for `\(folder)` in \(readme.path)")
        }
        let words = row.split(separator: "|").dropFirst().first?.split(separator: " ").map(String.init) ?? []
        guard let cases = words.firstIndex(where: { $0.hasPrefix("cases") }),
              let count = words[..<cases].last(where: { Int($0) != nil }).flatMap({ Int($0) }) else {
            throw DocumentedCountMissing(description: "no \"N cases\" in the row for `\(folder)` in \(readme.path)")
        }
        return count
    }

    /// The README row a suite's documented count comes from is missing or has no count.
    public struct DocumentedCountMissing: Error, CustomStringConvertible { public let description: String }

    /// Raised under CI after the failure is recorded, to stop the test.
    public struct CorpusMissing: Error { public let path: String }
}

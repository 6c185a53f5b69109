import Foundation
import SigV4
import TestSupport
import XCTest

/// Every case of the classic AWS SigV4 suite as botocore ships it: `.req` signed in header mode,
/// compared with `.creq`, `.sts` and `.authz` byte for byte and with the headers of `.sreq`.
final class BotocoreSuiteTests: XCTestCase {
    /// The suite's shared signing parameters (corpora README).
    private static let accessKeyId = "AKIDEXAMPLE"
    private static let secretAccessKey = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"
    private static let region = "us-east-1"
    private static let service = "service"
    private static let time = "20150830T123600Z"
    /// botocore's harness signs `get-vanilla-with-session-token` with this session token.
    private static let harnessSessionToken = "6e86291e8372ff2a2260956d9b8aae1d763fbf315fa00fa31553b73ebf194267"
    /// Upstream fault: this `.sreq` carries a stale signature; its `.authz` is right (corpora README).
    private static let staleSignedRequest = "get-vanilla-with-session-token"

    private struct Case {
        let name: String
        let folder: URL
        func file(_ suffix: String) throws -> String { try readVector(folder.appendingPathComponent(name + suffix)) }
    }

    private func cases(under root: URL) throws -> [Case] {
        let enumerator = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)
        var found: [Case] = []
        while let url = enumerator?.nextObject() as? URL {
            if url.pathExtension == "req" {
                found.append(Case(name: url.deletingPathExtension().lastPathComponent, folder: url.deletingLastPathComponent()))
            }
        }
        return found.sorted { $0.name < $1.name }
    }

    /// The STS token of the `post-sts-token` cases: the last line of their readme.
    private func stsToken(root: URL) throws -> String {
        let readme = try readVector(root.appendingPathComponent("post-sts-token/readme.txt"))
        guard let token = readme.split(separator: "\n").last.map(String.init), token.hasPrefix("AQoD") else {
            throw RawHTTPRequest.ParseError(description: "post-sts-token/readme.txt: token not found")
        }
        return token
    }

    func testEveryCase() throws {
        let folder = "sigv4/botocore/tests/unit/auth/aws4_testsuite/"
        let root = try Corpora.require(folder)
        let cases = try cases(under: root)
        // Every case the corpora README counts (34): none silently missing.
        XCTAssertEqual(cases.count, try Corpora.documentedCaseCount(folder), "cases vs the corpora README")
        let stsToken = try stsToken(root: root)
        let time = try AmzDate(epochSeconds: Self.epoch(Self.time))
        var signedRequestsCompared = 0
        for vector in cases {
            // Session-token handling per the suite's notes: "header-before" carries the token in the
            // request itself; "header-after" adds it after signing.
            var token: String?
            var options = SigningOptions()
            switch vector.name {
            case "get-vanilla-with-session-token": token = Self.harnessSessionToken
            case "post-sts-header-after": token = stsToken; options.omitSessionToken = true
            default: break
            }
            let signer = try Signer(
                credentials: Credentials(accessKeyId: Self.accessKeyId, secretAccessKey: Self.secretAccessKey, sessionToken: token),
                region: Self.region, service: Self.service)
            let request = try RawHTTPRequest(file: vector.folder.appendingPathComponent(vector.name + ".req"))
            let signed = try signer.sign(request.signingRequest(options: options), at: time)

            XCTAssertEqual(signed.canonicalRequest.description, try vector.file(".creq"), vector.name)
            XCTAssertEqual(signed.stringToSign.description, try vector.file(".sts"), vector.name)
            XCTAssertEqual(signed.headerValues("authorization"), [try vector.file(".authz")], vector.name)

            let expected = try RawHTTPRequest(text: vector.file(".sreq"), origin: vector.name)
            if vector.name == Self.staleSignedRequest {
                XCTAssertNotEqual(
                    expected.headers.first { $0.name.lowercased() == "authorization" }?.value.trimmingCharacters(in: .whitespaces),
                    try vector.file(".authz"), "the known stale .sreq was fixed upstream: compare it again")
            } else {
                XCTAssertEqual(
                    RawHTTPRequest.headerMultiset(signed.headers), RawHTTPRequest.headerMultiset(expected.headers), vector.name)
                signedRequestsCompared += 1
            }
        }
        print("botocore aws4_testsuite: \(cases.count) cases checked (.creq/.sts/.authz), \(signedRequestsCompared) .sreq compared")
    }

    private static func epoch(_ amzDate: String) throws -> Int64 {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd'T'HHmmss'Z'"
        guard let date = formatter.date(from: amzDate) else {
            throw RawHTTPRequest.ParseError(description: "bad time \(amzDate)")
        }
        return Int64(date.timeIntervalSince1970)
    }
}

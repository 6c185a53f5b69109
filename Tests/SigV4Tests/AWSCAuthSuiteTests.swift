import Foundation
import SigV4
import TestSupport
import XCTest

/// Every case of aws-c-auth's `aws-signing-test-suite/v4`, signed in header mode and in query
/// (presign) mode: canonical request, string to sign and signature byte for byte, and the signed
/// request's headers or query compared with the vector's signed request.
final class AWSCAuthSuiteTests: XCTestCase {
    private struct Context: Decodable {
        struct Credentials: Decodable {
            let access_key_id: String
            let secret_access_key: String
            let token: String?
        }
        let credentials: Credentials
        let expiration_in_seconds: Int
        let normalize: Bool
        let region: String
        let service: String
        let sign_body: Bool
        let timestamp: String
        let omit_session_token: Bool?
    }

    private struct Case {
        let name: String
        let folder: URL
        let context: Context
        let request: RawHTTPRequest

        func file(_ name: String) throws -> String { try readVector(folder.appendingPathComponent(name)) }

        func signer() throws -> Signer {
            try Signer(
                credentials: Credentials(
                    accessKeyId: context.credentials.access_key_id,
                    secretAccessKey: context.credentials.secret_access_key, sessionToken: context.credentials.token),
                region: context.region, service: context.service)
        }

        var options: SigningOptions {
            SigningOptions(
                normalizePath: context.normalize, signBody: context.sign_body,
                omitSessionToken: context.omit_session_token ?? false)
        }

        func time() throws -> AmzDate {
            let formatter = ISO8601DateFormatter()
            guard let date = formatter.date(from: context.timestamp) else {
                throw RawHTTPRequest.ParseError(description: "\(name): bad timestamp \(context.timestamp)")
            }
            return try AmzDate(epochSeconds: Int64(date.timeIntervalSince1970))
        }
    }

    private static let folder = "sigv4/aws-c-auth/tests/aws-signing-test-suite/v4/"

    /// Every case folder, checked against the corpora README's count (38) and against the folders
    /// on disk, so a case whose context.json went missing is not silently left out.
    private func cases(file: StaticString = #filePath, line: UInt = #line) throws -> [Case] {
        let root = try Corpora.require(Self.folder)
        let names = try FileManager.default.contentsOfDirectory(atPath: root.path).sorted()
        let found = try caseFolders(root: root, names: names)
        let folders = names.filter { name in
            var isDirectory: ObjCBool = false
            return FileManager.default.fileExists(atPath: root.appendingPathComponent(name).path, isDirectory: &isDirectory)
                && isDirectory.boolValue
        }
        XCTAssertEqual(found.count, try Corpora.documentedCaseCount(Self.folder), "cases vs the corpora README", file: file, line: line)
        XCTAssertEqual(found.count, folders.count, "a case folder without context.json", file: file, line: line)
        return found
    }

    private func caseFolders(root: URL, names: [String]) throws -> [Case] {
        try names.compactMap { name in
            let folder = root.appendingPathComponent(name)
            let contextURL = folder.appendingPathComponent("context.json")
            guard FileManager.default.fileExists(atPath: contextURL.path) else { return nil }
            let context = try JSONDecoder().decode(Context.self, from: Data(contentsOf: contextURL))
            let request = try RawHTTPRequest(file: folder.appendingPathComponent("request.txt"))
            return Case(name: name, folder: folder, context: context, request: request)
        }
    }

    func testHeaderSigning() throws {
        let cases = try cases()
        for vector in cases {
            let signed = try vector.signer().sign(vector.request.signingRequest(options: vector.options), at: vector.time())
            XCTAssertEqual(signed.canonicalRequest.description, try vector.file("header-canonical-request.txt"), vector.name)
            XCTAssertEqual(signed.stringToSign.description, try vector.file("header-string-to-sign.txt"), vector.name)
            XCTAssertEqual(signed.signature, try vector.file("header-signature.txt"), vector.name)

            let expected = try RawHTTPRequest(text: vector.file("header-signed-request.txt"), origin: vector.name)
            XCTAssertEqual(
                RawHTTPRequest.headerMultiset(signed.headers), RawHTTPRequest.headerMultiset(expected.headers), vector.name)
            XCTAssertEqual(signed.target, expected.query.isEmpty ? expected.path : expected.path + "?" + expected.query)
        }
        print("aws-c-auth v4 header signing: \(cases.count) cases checked")
    }

    func testQuerySigning() throws {
        let cases = try cases()
        for vector in cases {
            let signed = try vector.signer().presign(
                vector.request.signingRequest(options: vector.options), at: vector.time(),
                expiresIn: vector.context.expiration_in_seconds)
            XCTAssertEqual(signed.canonicalRequest.description, try vector.file("query-canonical-request.txt"), vector.name)
            XCTAssertEqual(signed.stringToSign.description, try vector.file("query-string-to-sign.txt"), vector.name)
            XCTAssertEqual(signed.signature, try vector.file("query-signature.txt"), vector.name)

            let expected = try RawHTTPRequest(text: vector.file("query-signed-request.txt"), origin: vector.name)
            XCTAssertEqual(signed.path, expected.path, vector.name)
            XCTAssertEqual(
                signed.query.split(separator: "&").sorted(), expected.query.split(separator: "&").sorted(), vector.name)
            XCTAssertEqual(
                RawHTTPRequest.headerMultiset(signed.headers), RawHTTPRequest.headerMultiset(expected.headers), vector.name)
        }
        print("aws-c-auth v4 query signing: \(cases.count) cases checked")
    }
}

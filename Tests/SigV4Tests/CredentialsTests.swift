import Foundation
@testable import SigV4
import XCTest

/// Credentials from the environment, their errors, and redaction everywhere they can be printed.
final class CredentialsTests: XCTestCase {
    private let secret = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"
    private let token = "IQoJb3JpZ2luX2VjSECRETTOKEN"

    private func assertRedacted(_ text: String, _ what: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertFalse(text.contains(secret), "\(what) leaks the secret: \(text)", file: file, line: line)
        XCTAssertFalse(text.contains(token), "\(what) leaks the session token: \(text)", file: file, line: line)
    }

    func testEveryPrintedFormRedactsSecretAndToken() throws {
        let credentials = Credentials(accessKeyId: "AKIDEXAMPLE", secretAccessKey: secret, sessionToken: token)
        let signer = try Signer(credentials: credentials, region: "us-east-1", service: "es")
        let signed = try signer.sign(
            SigningRequest(method: "GET", path: "/", headers: [("host", "h")]), at: AmzDate(epochSeconds: 1_440_938_160))
        let key = try signer.keyCache.key(for: signed.stringToSign.scope, secretAccessKey: secret)

        var dumped = ""
        dump(credentials, to: &dumped)
        var dumpedSigner = ""
        dump(signer, to: &dumpedSigner)
        var dumpedKey = ""
        dump(key, to: &dumpedKey)
        let forms: [(String, String)] = [
            (credentials.description, "description"),
            (credentials.debugDescription, "debugDescription"),
            ("\(credentials)", "interpolation"),
            (String(reflecting: credentials), "String(reflecting:)"),
            (dumped, "dump"),
            ("\([credentials])", "array"),
            (String(describing: Optional(credentials)), "optional"),
            (signer.description, "Signer.description"),
            (String(reflecting: signer), "String(reflecting: signer)"),
            (dumpedSigner, "dump(signer)"),
            (key.description, "SigningKey.description"),
            (dumpedKey, "dump(key)"),
        ]
        for (text, what) in forms {
            assertRedacted(text, what)
        }
        XCTAssertTrue(credentials.description.contains("AKIDEXAMPLE"))
        XCTAssertTrue(credentials.description.contains("<redacted>"))
        XCTAssertFalse(dumpedKey.contains(key.bytes.map { String(format: "%02x", $0) }.joined()))
    }

    func testFromEnvironmentReadsTheThreeVariables() throws {
        let credentials = try Credentials.fromEnvironment([
            "AWS_ACCESS_KEY_ID": "ASIAEXAMPLE", "AWS_SECRET_ACCESS_KEY": secret, "AWS_SESSION_TOKEN": token, "OTHER": "x",
        ])
        XCTAssertEqual(credentials.accessKeyId, "ASIAEXAMPLE")
        XCTAssertEqual(credentials.secretAccessKey, secret)
        XCTAssertEqual(credentials.sessionToken, token)
    }

    func testSessionTokenIsOptionalAndEmptyMeansNone() throws {
        let base = ["AWS_ACCESS_KEY_ID": "AKID", "AWS_SECRET_ACCESS_KEY": secret]
        XCTAssertNil(try Credentials.fromEnvironment(base).sessionToken)
        XCTAssertNil(try Credentials.fromEnvironment(base.merging(["AWS_SESSION_TOKEN": ""]) { $1 }).sessionToken)
    }

    func testMissingOrEmptyVariablesNameTheVariableAndNeverTheSecret() {
        let cases: [([String: String], SigV4Error.Code, String)] = [
            ([:], .missingEnvironmentVariable, "AWS_ACCESS_KEY_ID"),
            (["AWS_SECRET_ACCESS_KEY": secret, "AWS_SESSION_TOKEN": token], .missingEnvironmentVariable, "AWS_ACCESS_KEY_ID"),
            (["AWS_ACCESS_KEY_ID": "AKID", "AWS_SESSION_TOKEN": token], .missingEnvironmentVariable, "AWS_SECRET_ACCESS_KEY"),
            (["AWS_ACCESS_KEY_ID": "", "AWS_SECRET_ACCESS_KEY": secret], .emptyEnvironmentVariable, "AWS_ACCESS_KEY_ID"),
            (["AWS_ACCESS_KEY_ID": "AKID", "AWS_SECRET_ACCESS_KEY": ""], .emptyEnvironmentVariable, "AWS_SECRET_ACCESS_KEY"),
        ]
        for (environment, code, variable) in cases {
            XCTAssertThrowsError(try Credentials.fromEnvironment(environment), variable) { error in
                guard let error = error as? SigV4Error else { return XCTFail("not a SigV4Error: \(error)") }
                XCTAssertEqual(error.code, code, variable)
                XCTAssertTrue(error.message.contains(variable), error.message)
                assertRedacted(error.message, "error message")
                assertRedacted(error.description, "error description")
                assertRedacted(String(reflecting: error), "error reflection")
            }
        }
    }
}

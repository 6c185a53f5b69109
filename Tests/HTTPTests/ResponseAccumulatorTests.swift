@testable import HTTP
import XCTest

final class ResponseAccumulatorTests: XCTestCase {
    private func feed(_ accumulator: ResponseAccumulator, _ lines: [String]) {
        for line in lines {
            Array(line.utf8).withUnsafeBytes { accumulator.receiveHeaderLine($0) }
        }
    }

    func testParsesFieldsAndDropsInterimResponses() {
        let accumulator = ResponseAccumulator()
        XCTAssertFalse(accumulator.receivedResponseBytes)
        feed(accumulator, ["HTTP/1.1 100 Continue\r\n", "X-Interim: yes\r\n", "\r\n",
                           "HTTP/1.1 200 OK\r\n", "Content-Type:  text/plain \r\n", "X-Empty:\r\n", "X-Colon: a:b\r\n",
                           "X-Fold: one\r\n", "\t two\r\n", "garbage without colon\r\n", "\r\n"])
        XCTAssertTrue(accumulator.receivedResponseBytes)
        [UInt8]("hello".utf8).withUnsafeBytes { accumulator.receiveBody($0) }
        let response = accumulator.take(status: 200)
        XCTAssertEqual(response.headers.map(\.name), ["Content-Type", "X-Empty", "X-Colon", "X-Fold"])
        XCTAssertEqual(response.headers.map(\.value), ["text/plain", "", "a:b", "one two"])
        XCTAssertEqual(response.body, Array("hello".utf8))
        XCTAssertNil(response.header("X-Interim"))
        XCTAssertFalse(accumulator.receivedResponseBytes, "take resets")
        XCTAssertTrue(accumulator.headers.isEmpty)
    }

    func testHeaderLookupIsCaseInsensitiveAndFirstWins() {
        let response = HTTPResponse(status: 200, headers: [("ETag", "1"), ("etag", "2"), ("X-Ä", "u")])
        XCTAssertEqual(response.header("etag"), "1")
        XCTAssertEqual(response.header("ETAG"), "1")
        XCTAssertNil(response.header("eta"))
        XCTAssertNil(response.header("etags"))
        XCTAssertEqual(response.header("X-Ä"), "u")
    }
}

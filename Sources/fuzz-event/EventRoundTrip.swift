import JSON
import LambdaRuntime

/// The event oracle: arbitrary bytes must decode to an `HTTPEventRequest` or throw a
/// `RuntimeError`; a response echoing a decoded request's headers and body must encode to strict
/// JSON (no duplicate keys, valid UTF-8) from which the same body and header values come back.
enum EventRoundTrip {
    /// Runs the oracle; traps (a finding for libFuzzer) when the encoded response loses data.
    static func run(_ input: UnsafeRawBufferPointer) {
        let request: HTTPEventRequest
        do { request = try HTTPEventRequest(decoding: Array(input)) } catch { return }
        _ = request.queryValues("a")
        let response = HTTPEventResponse(
            status: 100 + request.body.count % 500, headers: request.headers, body: request.body,
            forceBase64: request.body.count % 2 == 1)
        let encoded = response.encoded(for: request)
        let json: JSON
        do { json = try JSONParser.parse(encoded) } catch {
            fatalError("the encoded response is not strict JSON: \(error)")
        }
        guard json["statusCode"] == .number(JSONNumber(response.status)) else { fatalError("statusCode lost") }
        checkBody(json, response)
        if request.usedMultiValueHeaders, request.kind == .restAPI || request.kind == .applicationLoadBalancer {
            // In the multi-value form every field is one array element, none joined or moved.
            let values = json["multiValueHeaders"]?.objectValue?.members.reduce(0) { $0 + ($1.value.arrayValue?.count ?? 0) }
            guard values == request.headers.count else {
                fatalError("\(request.headers.count) header fields became \(values.map(String.init) ?? "none")")
            }
        }
    }

    private static func checkBody(_ json: JSON, _ response: HTTPEventResponse) {
        guard let body = json["body"]?.stringValue, let base64 = json["isBase64Encoded"]?.boolValue else {
            fatalError("body or isBase64Encoded missing")
        }
        let bytes: [UInt8]
        if base64 {
            do { bytes = try Base64.decode(Array(body.utf8)) } catch { fatalError("body is not base64: \(error)") }
        } else {
            guard !response.forceBase64 else { fatalError("forceBase64 ignored") }
            bytes = Array(body.utf8)
        }
        guard bytes == response.body else { fatalError("body changed in the encoded response") }
    }
}

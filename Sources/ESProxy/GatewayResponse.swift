import JSON
import LambdaRuntime

/// The gateway's answer, before it is shaped for the event kind.
struct GatewayResponse: Sendable {
    var status: Int
    var headers: [(name: String, value: String)]
    var body: [UInt8]
}

extension GatewayResponse {
    /// A JSON answer.
    init(json status: Int, _ body: JSON, headers extra: [(name: String, value: String)] = []) {
        self.init(status: status, headers: [("Content-Type", "application/json")] + extra, body: body.serializedBytes())
    }

    /// A refusal in the one error shape (`GatewayError.body`).
    init(error: GatewayError, requestID: String) {
        self.init(json: error.code.status, error.body(requestID: requestID), headers: error.headers)
    }
}

extension HTTPEventResponse {
    /// The answer as the Lambda event layer encodes it.
    init(_ g: GatewayResponse) {
        self.init(status: g.status, headers: HTTPHeaders(g.headers), body: g.body)
    }
}

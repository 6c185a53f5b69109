import JSON
import LambdaRuntime

/// Stand-in for the gateway until it lands: answers every request with 200 and a JSON body
/// echoing `method`, `path` and `body` (the body as UTF-8 text, invalid sequences replaced).
enum EchoFunction {
    static func respond(to request: HTTPEventRequest, context: LambdaContext) -> HTTPEventResponse {
        let echo: JSON = .object(JSONObject(uniqueMembers: [
            ("method", .string(request.method)),
            ("path", .string(request.path)),
            ("body", .string(String(decoding: request.body, as: UTF8.self))),
        ]))
        var headers = HTTPHeaders()
        headers.add("Content-Type", "application/json")
        return HTTPEventResponse(status: 200, headers: headers, body: echo.serializedBytes())
    }
}

/// Adapts an HTTP-shaped function to the Lambda loop: decodes the event (`HTTPEventRequest`),
/// calls the function, writes its `HTTPEventResponse` in the request's format.
///
/// An event that does not decode (not JSON, WebSocket, authorizer, malformed) is thrown as a
/// `RuntimeError`, so the runtime reports it on `/error` with its code and message.
public struct APIGatewayHandler: LambdaHandler {
    private let function: (HTTPEventRequest, LambdaContext) throws -> HTTPEventResponse

    /// Wraps `function`.
    public init(_ function: @escaping (HTTPEventRequest, LambdaContext) throws -> HTTPEventResponse) {
        self.function = function
    }

    /// Decodes, calls, encodes.
    public func handle(_ event: [UInt8], context: LambdaContext) throws -> [UInt8] {
        let request = try HTTPEventRequest(decoding: event)
        return try function(request, context).encoded(for: request)
    }
}

import LambdaRuntime

/// The bootstrap's handler: decodes an API Gateway, Function URL or ALB event, answers it through
/// the gateway and encodes the answer in the event's shape. An event that is no HTTP request
/// (which API Gateway never sends) still gets its invocation log line before the runtime reports
/// the error to Lambda, which the front end turns into 502.
struct GatewayHandler: LambdaHandler {
    let gateway: Gateway

    func handle(_ event: consuming [UInt8], context: LambdaContext) throws -> [UInt8] {
        let started = gateway.clock.monotonicNanoseconds()
        var request: HTTPEventRequest
        do {
            request = try HTTPEventRequest(decoding: event)
        } catch {
            gateway.log.invocation(InvocationRecord(
                requestID: context.requestID, method: "-", path: "-", status: 502,
                error: FunctionError(describing: error).errorType,
                durationMilliseconds: gateway.clock.milliseconds(since: started)))
            throw error
        }
        let gatewayRequest = GatewayRequest(request, context: context)
        request.body = []  // the gateway holds the only copy, and frees it as soon as it can
        return HTTPEventResponse(gateway.handle(gatewayRequest)).encoded(for: request)
    }
}

import LambdaRuntime

/// The bootstrap's handler: decodes an API Gateway, Function URL or ALB event, answers it through
/// the gateway and encodes the answer in the event's shape. An event that is no HTTP request
/// (which API Gateway never sends) still gets its invocation log line before the runtime reports
/// the error to Lambda, which the front end turns into 502.
public struct GatewayHandler: LambdaHandler {
    let gateway: Gateway
    let log: InvocationLogger

    public func handle(_ event: [UInt8], context: LambdaContext) throws -> [UInt8] {
        let started = SystemClock.monotonicNanoseconds()
        let request: HTTPEventRequest
        do {
            request = try HTTPEventRequest(decoding: event)
        } catch {
            var record = InvocationRecord(requestID: context.requestID, method: "-", path: "-")
            record.status = 502
            record.error = FunctionError(describing: error).errorType
            record.durationMilliseconds = Double(SystemClock.monotonicNanoseconds() - started) / 1e6
            log.invocation(record)
            throw error
        }
        return GatewayFunction.respond(gateway.handle(GatewayFunction.gatewayRequest(request, context)))
            .encoded(for: request)
    }
}

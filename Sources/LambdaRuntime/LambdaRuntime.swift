#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// The custom-runtime loop: fetch an event, run the handler, send the result, forever.
///
/// Failure policy:
/// - A handler that throws, or returns more than Lambda's 6 MB response limit, is reported on
///   `/invocation/{id}/error`; the loop goes on.
/// - `/next` that gets no answer is retried per `RuntimeOptions.nextRetry`, then the loop throws
///   `.runtimeAPIUnreachable` (see `NextRetryPolicy`). Posting a result that gets no answer
///   throws at once: the API that just served the event is gone.
/// - An error status from `/response` or `/error` (e.g. the invocation timed out meanwhile) is
///   logged and the loop goes on; an error status from `/next` throws.
/// - An event whose headers lack the request id throws; one with a request id but another
///   required header missing is reported on its `/error` and skipped.
public enum LambdaRuntime {
    /// Runs the loop until `options.invocationLimit` events are handled (never, by default) or
    /// the Runtime API fails as described above.
    public static func run(
        client: some RuntimeAPIClient, handler: some LambdaHandler, options: RuntimeOptions = RuntimeOptions()
    ) throws(RuntimeError) {
        var handled = 0
        let traceID = TraceIDVariable()
        while options.invocationLimit.map({ handled < $0 }) ?? true {
            try process(next(client: client, options: options), client: client, handler: handler, options: options,
                        traceID: traceID)
            handled += 1
        }
    }

    /// What to send back for one event.
    enum Outcome {
        case response([UInt8])
        case error(FunctionError)
    }

    /// Runs the handler and turns what it did into what Lambda is told.
    static func outcome(of handler: some LambdaHandler, event: consuming [UInt8], context: LambdaContext) -> Outcome {
        do {
            let body = try handler.handle(event, context: context)
            guard body.count <= RuntimeAPI.maxResponseBytes else {
                return .error(.responseTooLarge(bytes: body.count))
            }
            return .response(body)
        } catch {
            return .error(FunctionError(describing: error))
        }
    }

    static func next(client: some RuntimeAPIClient, options: RuntimeOptions) throws(RuntimeError) -> Invocation {
        var failures = 0
        while true {
            do {
                return try client.next()
            } catch where error.code == .runtimeAPIUnreachable {
                failures += 1
                switch options.nextRetry.decision(afterFailures: failures) {
                case .retry(let delay):
                    options.clock.sleep(milliseconds: delay)
                case .giveUp:
                    throw RuntimeError(
                        .runtimeAPIUnreachable,
                        "Runtime API did not answer /next after \(failures) attempts; exiting so Lambda restarts the runtime",
                        underlying: error)
                }
            }
        }
    }

    static func process(
        _ invocation: consuming Invocation, client: some RuntimeAPIClient, handler: some LambdaHandler, options: RuntimeOptions,
        traceID: TraceIDVariable
    ) throws(RuntimeError) {
        let context: LambdaContext
        do {
            context = try LambdaContext(invocation: invocation, clock: options.clock)
        } catch {
            guard let requestID = invocation.header(RuntimeAPI.requestIDHeader), !requestID.isEmpty else { throw error }
            options.log("invocation \(requestID) skipped: \(error)")
            try send(.error(FunctionError(errorType: "Runtime.InvalidInvocation", errorMessage: error.description)),
                     requestID: requestID, client: client, options: options)
            return
        }
        traceID.set(context.traceID)
        let result = outcome(of: handler, event: invocation.takeEvent(), context: context)
        if case .error(let error) = result {
            options.log("invocation \(context.requestID) failed: \(error)")
        }
        try send(result, requestID: context.requestID, client: client, options: options)
    }

    private static func send(
        _ outcome: Outcome, requestID: String, client: some RuntimeAPIClient, options: RuntimeOptions
    ) throws(RuntimeError) {
        do {
            switch outcome {
            case .response(let body): try client.respond(requestID: requestID, body: body)
            case .error(let error): try client.reportError(requestID: requestID, error: error)
            }
        } catch where error.code == .unexpectedStatus {
            options.log("Runtime API refused the result of \(requestID): \(error)")
        }
    }
}

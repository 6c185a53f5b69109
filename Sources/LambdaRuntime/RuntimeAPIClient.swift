/// The Runtime API as the loop sees it. `CurlRuntimeAPIClient` talks HTTP to Lambda; tests use
/// an in-memory fake, so the loop runs without sockets.
///
/// Conformances throw `RuntimeError` with code `.runtimeAPIUnreachable` when no answer came
/// (the loop retries `/next` on that) and `.unexpectedStatus` when the API answered with an
/// error status.
public protocol RuntimeAPIClient {
    /// Waits for the next event (`GET /runtime/invocation/next`); blocks for as long as it takes.
    func next() throws(RuntimeError) -> Invocation
    /// Sends a result (`POST /runtime/invocation/{id}/response`).
    func respond(requestID: String, body: [UInt8]) throws(RuntimeError)
    /// Reports a failed invocation (`POST /runtime/invocation/{id}/error`).
    func reportError(requestID: String, error: FunctionError) throws(RuntimeError)
    /// Reports a failed initialisation (`POST /runtime/init/error`).
    func reportInitError(_ error: FunctionError) throws(RuntimeError)
}

/// A function's code: one event in, one result out. Thrown errors are reported to Lambda as the
/// invocation's error and the runtime goes on to the next event.
public protocol LambdaHandler {
    /// Handles one event. The handler owns the event's bytes: it may free them as soon as it has
    /// read them (a 6 MB batch need not stay in memory twice).
    func handle(_ event: consuming [UInt8], context: LambdaContext) throws -> [UInt8]
}

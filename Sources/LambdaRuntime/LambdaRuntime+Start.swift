/// Start-up: read the environment, make the handler, report a failed init, then loop.
extension LambdaRuntime {
    /// Exit status after a failed start or a loop that ended with an error.
    public static let failureExitCode: Int32 = 1

    /// Does everything `main` does except creating the HTTP client and exiting, so it is tested
    /// with a fake client. Returns the process exit status.
    ///
    /// The environment is the initializer's to read, once (the runtime itself needs only
    /// `AWS_LAMBDA_RUNTIME_API`). An initializer that throws is reported on `/init/error` (a
    /// `FunctionError` keeps its type; other errors get their Swift type name) and the status is
    /// non-zero: Lambda then fails the invocation and starts a fresh runtime.
    public static func start<Client: RuntimeAPIClient, Handler: LambdaHandler>(
        environment: LambdaEnvironment,
        makeClient: (RuntimeAPIEndpoint) throws(RuntimeError) -> Client,
        initialize: (LambdaEnvironment) throws -> Handler,
        options: RuntimeOptions = RuntimeOptions()
    ) -> Int32 {
        let client: Client
        do {
            client = try makeClient(try environment.runtimeAPIEndpoint())
        } catch {
            options.log("bootstrap: no usable Runtime API endpoint: \(error)")
            return failureExitCode
        }
        let handler: Handler
        do {
            handler = try initialize(environment)
        } catch {
            let reported = FunctionError(describing: error)
            options.log("bootstrap: initialisation failed: \(reported)")
            do {
                try client.reportInitError(reported)
            } catch {
                options.log("bootstrap: could not report the init error: \(error)")
            }
            return failureExitCode
        }
        do {
            try run(client: client, handler: handler, options: options)
            return 0
        } catch {
            options.log("bootstrap: \(error)")
            return failureExitCode
        }
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

extension LambdaRuntime {
    /// The entry point of a `bootstrap` executable: reads the process environment, connects to
    /// the Runtime API from `AWS_LAMBDA_RUNTIME_API`, makes the handler with `initialize` (a throw is reported on
    /// `/init/error`), then handles events until the Runtime API goes away. Exits with status 0
    /// only if the loop ended normally, 1 otherwise (see `start`).
    public static func main<Handler: LambdaHandler>(initialize: (LambdaEnvironment) throws -> Handler) -> Never {
        let status = start(
            environment: .process,
            makeClient: { endpoint throws(RuntimeError) in try CurlRuntimeAPIClient(endpoint: endpoint) },
            initialize: initialize)
        exit(status)
    }
}

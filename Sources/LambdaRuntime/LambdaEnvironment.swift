#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// The process environment as the initializer sees it: a lookup, so tests pass a dictionary.
public struct LambdaEnvironment: Sendable {
    private let lookup: @Sendable (String) -> String?

    /// An environment backed by `values` (tests, tools).
    public init(_ values: [String: String]) {
        lookup = { values[$0] }
    }

    /// The real process environment, read with `getenv` at each lookup.
    public static var process: LambdaEnvironment {
        LambdaEnvironment(lookup: { name in getenv(name).map { String(cString: $0) } })
    }

    private init(lookup: @escaping @Sendable (String) -> String?) {
        self.lookup = lookup
    }

    /// The value of variable `name`, if set.
    public subscript(name: String) -> String? { lookup(name) }

    /// The Runtime API endpoint from `AWS_LAMBDA_RUNTIME_API`.
    public func runtimeAPIEndpoint() throws(RuntimeError) -> RuntimeAPIEndpoint {
        guard let text = self[RuntimeAPI.endpointVariable] else {
            throw RuntimeError(.missingRuntimeAPIEnvironment,
                               "\(RuntimeAPI.endpointVariable) is not set: this program runs as a Lambda custom runtime")
        }
        return try RuntimeAPIEndpoint(parsing: text)
    }
}

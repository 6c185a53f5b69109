/// Settings Lambda always puts in a function's environment, checked once at start-up so that a
/// broken deployment fails its init (reported on `/init/error`) rather than each invocation.
public struct LambdaFunctionSettings: Equatable, Sendable {
    /// `AWS_REGION`, required: the region the function runs in (SigV4 signs for it).
    public let region: String
    /// `AWS_LAMBDA_FUNCTION_NAME`, if set.
    public let functionName: String?
    /// `AWS_LAMBDA_FUNCTION_VERSION`, if set.
    public let functionVersion: String?
    /// `AWS_LAMBDA_FUNCTION_MEMORY_SIZE` in MB, if set.
    public let memoryMegabytes: Int?

    /// Reads and checks the settings.
    public init(environment: LambdaEnvironment) throws(RuntimeError) {
        guard let region = environment["AWS_REGION"], !region.isEmpty else {
            throw RuntimeError(.invalidFunctionEnvironment, "AWS_REGION is not set or empty")
        }
        guard region.utf8.allSatisfy({ ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2D }) else {
            throw RuntimeError(.invalidFunctionEnvironment,
                               "AWS_REGION=\"\(region)\" is not a region name (lowercase letters, digits, dashes)")
        }
        var memory: Int? = nil
        if let text = environment["AWS_LAMBDA_FUNCTION_MEMORY_SIZE"] {
            guard let value = Int(text), value > 0 else {
                throw RuntimeError(.invalidFunctionEnvironment,
                                   "AWS_LAMBDA_FUNCTION_MEMORY_SIZE=\"\(text)\" is not a positive number of MB")
            }
            memory = value
        }
        self.region = region
        functionName = environment["AWS_LAMBDA_FUNCTION_NAME"]
        functionVersion = environment["AWS_LAMBDA_FUNCTION_VERSION"]
        memoryMegabytes = memory
    }
}

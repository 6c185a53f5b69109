/// Names fixed by version 2018-06-01 of the Lambda Runtime API: paths and headers.
enum RuntimeAPI {
    static let version = "2018-06-01"

    static let nextPath = "/\(version)/runtime/invocation/next"
    static let initErrorPath = "/\(version)/runtime/init/error"

    static func responsePath(requestID: String) -> String {
        "/\(version)/runtime/invocation/\(requestID)/response"
    }

    static func errorPath(requestID: String) -> String {
        "/\(version)/runtime/invocation/\(requestID)/error"
    }

    // `/next` response headers.
    static let requestIDHeader = "Lambda-Runtime-Aws-Request-Id"
    static let deadlineHeader = "Lambda-Runtime-Deadline-Ms"
    static let invokedFunctionARNHeader = "Lambda-Runtime-Invoked-Function-Arn"
    static let traceIDHeader = "Lambda-Runtime-Trace-Id"
    static let clientContextHeader = "Lambda-Runtime-Client-Context"
    static let cognitoIdentityHeader = "Lambda-Runtime-Cognito-Identity"

    // Request header on `/error` and `/init/error`.
    static let functionErrorTypeHeader = "Lambda-Runtime-Function-Error-Type"

    /// The variable Lambda sets to `host:port` of the Runtime API.
    static let endpointVariable = "AWS_LAMBDA_RUNTIME_API"
    /// The variable X-Ray SDKs read the current trace id from.
    static let traceIDVariable = "_X_AMZN_TRACE_ID"

    /// Lambda's limit for a synchronous response payload, in bytes.
    static let maxResponseBytes = 6_291_556
}

import JSON

/// An error the function reports to Lambda: on `/invocation/{id}/error` for one event, or on
/// `/init/error` when the handler could not be made.
///
/// Throw one from a handler or an initializer to choose the `errorType` Lambda shows; any other
/// error is reported with its Swift type name as the type and its description as the message.
public struct FunctionError: Error, CustomStringConvertible, Sendable {
    /// A short category, sent in `Lambda-Runtime-Function-Error-Type` and the body's `errorType`.
    public let errorType: String
    /// What happened, for the caller and the logs.
    public let errorMessage: String

    /// Makes an error with an explicit type.
    public init(errorType: String, errorMessage: String) {
        self.errorType = errorType
        self.errorMessage = errorMessage
    }

    /// Describes any error thrown by a handler or initializer.
    public init(describing error: any Error) {
        if let error = error as? FunctionError {
            self = error
        } else if let error = error as? RuntimeError {
            // `Runtime.InvalidFunctionEnvironment`, `Runtime.UnsupportedEvent`, …
            let code = error.code.rawValue
            errorType = "Runtime." + code.prefix(1).uppercased() + code.dropFirst()
            errorMessage = error.description
        } else {
            errorType = String(describing: type(of: error))
            errorMessage = String(describing: error)
        }
    }

    /// `errorType: errorMessage`.
    public var description: String { "\(errorType): \(errorMessage)" }

    /// The body Lambda expects: `{"errorMessage":…,"errorType":…,"stackTrace":[]}`.
    public var jsonBody: [UInt8] {
        JSON.object(JSONObject(uniqueMembers: [
            ("errorMessage", .string(errorMessage)),
            ("errorType", .string(errorType)),
            ("stackTrace", .array([])),
        ])).serializedBytes()
    }

    /// The error for a result larger than Lambda accepts.
    static func responseTooLarge(bytes: Int) -> FunctionError {
        FunctionError(
            errorType: "Function.ResponseSizeTooLarge",
            errorMessage: "Response payload size (\(bytes) bytes) exceeded maximum allowed payload size (\(RuntimeAPI.maxResponseBytes) bytes).")
    }
}

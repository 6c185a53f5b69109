/// A configuration value that cannot work, reported at init (to `/runtime/init/error`) with the
/// variable's name and how to fix it.
public struct ConfigError: Error, CustomStringConvertible, Sendable {
    /// What is wrong, as a stable code for tests and logs.
    public enum Code: String, Sendable {
        case missing, invalidValue, unreadableFile, invalidSchema, invalidRoutes
    }

    /// The error's code.
    public let code: Code
    /// The environment variable (or file) at fault.
    public let variable: String
    /// What is wrong and how to fix it.
    public let message: String

    /// An error about `variable`.
    public init(_ code: Code, _ variable: String, _ message: String) {
        self.code = code
        self.variable = variable
        self.message = message
    }

    public var description: String { "\(variable): \(message)" }
}

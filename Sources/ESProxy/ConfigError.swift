/// A configuration value that cannot work, reported at init (to `/runtime/init/error`) with the
/// variable's name and how to fix it.
struct ConfigError: Error, CustomStringConvertible, Sendable {
    /// What is wrong, as a stable code for tests and logs.
    enum Code: String, Sendable {
        case missing, invalidValue, unreadableFile, invalidSchema, invalidRoutes
    }

    /// The error's code.
    let code: Code
    /// The environment variable (or file) at fault.
    let variable: String
    /// What is wrong and how to fix it.
    let message: String

    /// An error about `variable`.
    init(_ code: Code, _ variable: String, _ message: String) {
        self.code = code
        self.variable = variable
        self.message = message
    }

    var description: String { "\(variable): \(message)" }
}

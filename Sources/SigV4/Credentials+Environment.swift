extension Credentials {
    /// Names of the variables `fromEnvironment` reads, as the AWS SDKs and the Lambda runtime set them.
    public enum EnvironmentVariable {
        /// The access key id.
        public static let accessKeyId = "AWS_ACCESS_KEY_ID"
        /// The secret access key.
        public static let secretAccessKey = "AWS_SECRET_ACCESS_KEY"
        /// The session token; optional.
        public static let sessionToken = "AWS_SESSION_TOKEN"
    }

    /// Credentials from an environment the caller supplies (the gateway passes the three variables from Lambda's environment).
    ///
    /// `AWS_ACCESS_KEY_ID` and `AWS_SECRET_ACCESS_KEY` are required; `AWS_SESSION_TOKEN` is optional
    /// and ignored when empty. Throws `.missingEnvironmentVariable` or `.emptyEnvironmentVariable`
    /// naming the variable; the message never includes any variable's value.
    public static func fromEnvironment(_ environment: [String: String]) throws(SigV4Error) -> Credentials {
        let accessKeyId = try required(EnvironmentVariable.accessKeyId, in: environment)
        let secretAccessKey = try required(EnvironmentVariable.secretAccessKey, in: environment)
        return Credentials(
            accessKeyId: accessKeyId, secretAccessKey: secretAccessKey,
            sessionToken: environment[EnvironmentVariable.sessionToken])
    }

    private static func required(_ name: String, in environment: [String: String]) throws(SigV4Error) -> String {
        guard let value = environment[name] else {
            throw SigV4Error(.missingEnvironmentVariable, "environment variable \(name) is not set; cannot sign requests")
        }
        guard !value.isEmpty else {
            throw SigV4Error(.emptyEnvironmentVariable, "environment variable \(name) is empty; cannot sign requests")
        }
        return value
    }
}

/// An AWS access key pair, with the session token that temporary (STS, Lambda role) credentials carry.
///
/// Every printed form — `description`, `debugDescription`, `dump`, string interpolation of a value
/// that contains one — shows the access key id only and replaces the secret and the token with
/// `<redacted>`, so credentials can travel through logs and errors without leaking.
public struct Credentials: Sendable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// The public half of the key pair (`AKIA…` or `ASIA…`).
    public let accessKeyId: String
    /// The secret half; only the signing key derivation reads it.
    public let secretAccessKey: String
    /// The session token of temporary credentials, sent as `X-Amz-Security-Token`.
    public let sessionToken: String?

    /// Credentials from their parts; an empty session token counts as none.
    public init(accessKeyId: String, secretAccessKey: String, sessionToken: String? = nil) {
        self.accessKeyId = accessKeyId
        self.secretAccessKey = secretAccessKey
        self.sessionToken = sessionToken?.isEmpty == true ? nil : sessionToken
    }

    private static let redacted = "<redacted>"

    /// `Credentials(accessKeyId: …, secretAccessKey: <redacted>, sessionToken: <redacted>|none)`.
    public var description: String {
        "Credentials(accessKeyId: \(accessKeyId), secretAccessKey: \(Self.redacted), sessionToken: "
            + (sessionToken == nil ? "none" : Self.redacted) + ")"
    }

    /// The same redacted text as `description`.
    public var debugDescription: String { description }

    /// Redacted children, so `dump` and reflection of containing values do not reach the secret.
    public var customMirror: Mirror {
        Mirror(self, children: [
            "accessKeyId": accessKeyId,
            "secretAccessKey": Self.redacted,
            "sessionToken": sessionToken == nil ? "none" : Self.redacted,
        ])
    }
}

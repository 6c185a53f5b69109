import JSON
import LambdaRuntime

#if canImport(Glibc)
import Glibc
#endif

/// What one invocation did, logged as one line. Never the body, never a secret.
public struct InvocationRecord: Sendable {
    public var requestID: String
    public var method: String
    public var path: String
    public var route: String?
    public var status = 0
    public var error: String?
    public var documentID: String?
    public var validation = "skipped"
    public var validationErrors = 0
    public var domainStatus = 0
    public var domainMilliseconds = 0.0
    public var retries = 0
    public var durationMilliseconds = 0.0

    public init(requestID: String, method: String, path: String) {
        self.requestID = requestID
        self.method = method
        self.path = path
    }
}

/// Log levels in Lambda's order (`AWS_LAMBDA_LOG_LEVEL`).
public enum LogLevel: Int, Sendable, Comparable {
    case trace, debug, info, warn, error, fatal

    /// Parses Lambda's names, case-insensitively.
    public init?(name: String) {
        switch name.uppercased() {
        case "TRACE": self = .trace
        case "DEBUG": self = .debug
        case "INFO": self = .info
        case "WARN", "WARNING": self = .warn
        case "ERROR": self = .error
        case "FATAL": self = .fatal
        default: return nil
        }
    }

    var name: String { ["TRACE", "DEBUG", "INFO", "WARN", "ERROR", "FATAL"][rawValue] }

    public static func < (a: LogLevel, b: LogLevel) -> Bool { a.rawValue < b.rawValue }
}

/// Writes one line per invocation and the operator's messages to an injected sink: stdout (for
/// CloudWatch) in production, memory in tests. JSON lines by default, `key=value` text when
/// `AWS_LAMBDA_LOG_FORMAT=Text`.
public struct InvocationLogger: Sendable {
    public enum Format: Sendable { case json, text }

    let level: LogLevel
    let format: Format
    let sink: @Sendable (String) -> Void
    let clock: @Sendable () -> UInt64

    public init(level: LogLevel = .info, format: Format = .json,
                clock: @escaping @Sendable () -> UInt64 = SystemClock.unixMilliseconds,
                sink: @escaping @Sendable (String) -> Void = StandardOutput.writeLine) {
        self.level = level
        self.format = format
        self.clock = clock
        self.sink = sink
    }

    /// A logger configured from `AWS_LAMBDA_LOG_LEVEL` and `AWS_LAMBDA_LOG_FORMAT`.
    public init(environment env: LambdaEnvironment,
                sink: @escaping @Sendable (String) -> Void = StandardOutput.writeLine) throws(ConfigError) {
        var level = LogLevel.info
        if let text = env["AWS_LAMBDA_LOG_LEVEL"], !text.isEmpty {
            guard let l = LogLevel(name: text) else {
                throw ConfigError(.invalidValue, "AWS_LAMBDA_LOG_LEVEL", "must be TRACE, DEBUG, INFO, WARN, ERROR or FATAL (got \"\(text)\")")
            }
            level = l
        }
        var format = Format.json
        if let text = env["AWS_LAMBDA_LOG_FORMAT"], !text.isEmpty {
            switch text.lowercased() {
            case "json": format = .json
            case "text": format = .text
            default: throw ConfigError(.invalidValue, "AWS_LAMBDA_LOG_FORMAT", "must be JSON or Text (got \"\(text)\")")
            }
        }
        self.init(level: level, format: format, sink: sink)
    }

    /// Logs an invocation: INFO for answers below 500, ERROR otherwise.
    public func invocation(_ r: InvocationRecord) {
        var fields: [(String, JSON)] = [
            ("requestId", .string(r.requestID)), ("method", .string(r.method)), ("path", .string(r.path)),
        ]
        if let route = r.route { fields.append(("route", .string(route))) }
        fields.append(("status", .number(JSONNumber(r.status))))
        if let e = r.error { fields.append(("error", .string(e))) }
        if let id = r.documentID { fields.append(("documentId", .string(id))) }
        fields.append(("validation", .string(r.validation)))
        if r.validationErrors > 0 { fields.append(("validationErrors", .number(JSONNumber(r.validationErrors)))) }
        if r.domainStatus > 0 || r.domainMilliseconds > 0 {
            fields.append(("domainStatus", .number(JSONNumber(r.domainStatus))))
            fields.append(("domainMs", Self.milliseconds(r.domainMilliseconds)))
            fields.append(("retries", .number(JSONNumber(r.retries))))
        }
        fields.append(("durationMs", Self.milliseconds(r.durationMilliseconds)))
        emit(r.status >= 500 ? .error : .info, "invocation", fields)
    }

    /// Logs a message for the operator (configuration, credentials, domain trouble).
    public func message(_ level: LogLevel, _ text: String, requestID: String? = nil) {
        var fields: [(String, JSON)] = []
        if let requestID { fields.append(("requestId", .string(requestID))) }
        emit(level, text, fields)
    }

    func emit(_ at: LogLevel, _ message: String, _ fields: [(String, JSON)]) {
        guard at >= level else { return }
        let time = Timestamp.iso8601(unixMilliseconds: clock())
        switch format {
        case .json:
            var o = JSONObject()
            o["timestamp"] = .string(time)
            o["level"] = .string(at.name)
            o["message"] = .string(message)
            for (k, v) in fields { o[k] = v }
            sink(JSON.object(o).serialized())
        case .text:
            var line = "\(time) \(at.name) \(Self.textValue(message))"
            for (k, v) in fields {
                if case .string(let s) = v { line += " \(k)=\(Self.textValue(s))" } else { line += " \(k)=\(v.serialized())" }
            }
            sink(line)
        }
    }

    /// `s` as is when it is one plain word; else as a JSON string, so a client's CR/LF, quotes or
    /// spaces (in a path, say) can never forge a log line or a field.
    static func textValue(_ s: String) -> String {
        let plain = !s.isEmpty && s.utf8.allSatisfy { $0 > 0x20 && $0 != 0x7F && $0 != UInt8(ascii: "\"") && $0 != UInt8(ascii: "=") }
            && !s.unicodeScalars.contains { $0.properties.generalCategory == .lineSeparator || $0.properties.generalCategory == .paragraphSeparator || $0.properties.generalCategory == .control }
        return plain ? s : JSON.string(s).serialized()
    }

    static func milliseconds(_ ms: Double) -> JSON {
        // Three decimals are enough for a log and keep the line short.
        let scaled = Int((ms * 1000).rounded())
        let text = "\(scaled / 1000).\(String(repeating: "0", count: 3 - String(scaled % 1000).count))\(scaled % 1000)"
        return .number(JSONNumber(text)!)
    }
}

/// Lines to the process's standard output, written whole and unbuffered so CloudWatch sees each
/// line before Lambda freezes the process.
public enum StandardOutput {
    @Sendable public static func writeLine(_ line: String) {
        var bytes = Array(line.utf8)
        bytes.append(10)
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeBytes { write(1, $0.baseAddress! + offset, $0.count - offset) }
            if n <= 0 {
                if n < 0 && errno == EINTR { continue }
                return
            }
            offset += n
        }
    }
}

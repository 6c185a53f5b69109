import JSON
import LambdaRuntime

/// What one invocation did, logged as one line. Never the body, never a secret.
struct InvocationRecord: Sendable {
    var requestID: String
    var method: String
    var path: String
    var route: String?
    var status: Int
    var error: String?
    var documentID: String?
    var validation = Validation.skipped
    var validationErrors = 0
    var domainStatus = 0
    var domainMilliseconds = 0.0
    var retries = 0
    /// Whether the request carried an `Idempotency-Key` (never the key), and whether the answer
    /// was a replay of an earlier request's.
    var idempotencyKey = false
    var replayed = false
    var batch: BatchCounts?
    /// What the metrics count: documents created, refused by the gateway, failed at the domain.
    var counts = (documents: 0, rejected: 0, domainErrors: 0)
    var durationMilliseconds: Double

    init(requestID: String, method: String, path: String, status: Int, error: String? = nil,
         durationMilliseconds: Double = 0) {
        self.requestID = requestID
        self.method = method
        self.path = path
        self.status = status
        self.error = error
        self.durationMilliseconds = durationMilliseconds
    }

    /// The record of a request the gateway answered.
    init(_ request: GatewayRequest, _ outcome: Gateway.Outcome, status: Int, durationMilliseconds: Double) {
        self.init(requestID: request.requestID, method: request.method, path: request.path, status: status,
                  durationMilliseconds: durationMilliseconds)
        route = outcome.route?.path
        if case .failure(let e) = outcome.result { error = e.code.rawValue }
        documentID = outcome.documentID
        validation = outcome.validation
        validationErrors = outcome.validationErrors
        idempotencyKey = outcome.keyed
        replayed = outcome.replayed
        if let write = outcome.write {
            domainStatus = write.lastStatus
            domainMilliseconds = write.domainMilliseconds
            retries = write.retries
        }
        batch = outcome.batch
        if let b = outcome.batch {
            counts = (b.created, b.rejected, b.domainFailed)
        } else if outcome.write?.error != nil {
            counts.domainErrors = 1
        } else if status >= 400 {
            counts.rejected = 1
        } else if status == 201 {
            counts.documents = 1
        }
        if let bulk = outcome.batch?.write {
            domainStatus = bulk.lastStatus
            domainMilliseconds = bulk.domainMilliseconds
            retries = bulk.retries
        }
    }
}

/// Log levels in Lambda's order (`AWS_LAMBDA_LOG_LEVEL`).
enum LogLevel: Int, Sendable, Comparable {
    case trace, debug, info, warn, error, fatal

    /// Parses Lambda's names, case-insensitively.
    init?(name: String) {
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

    static func < (a: LogLevel, b: LogLevel) -> Bool { a.rawValue < b.rawValue }
}

/// Writes one line per invocation and the operator's messages to an injected sink: stdout (for
/// CloudWatch) in production, memory in tests. JSON lines by default, `key=value` text when
/// `AWS_LAMBDA_LOG_FORMAT=Text`.
struct InvocationLogger: Sendable {
    enum Format: Sendable { case json, text }

    let level: LogLevel
    let format: Format
    let clock: any LambdaClock
    /// Embedded metrics on each invocation line (JSON lines only); nil for none.
    let metrics: EmbeddedMetrics?
    let sink: @Sendable (String) -> Void

    /// A logger writing lines at `level` and above to `sink` (stdout in production).
    init(level: LogLevel, format: Format, clock: any LambdaClock, metrics: EmbeddedMetrics? = nil,
         sink: @escaping @Sendable (String) -> Void = StandardStream.writeOutput) {
        self.level = level
        self.format = format
        self.clock = clock
        self.metrics = format == .json ? metrics : nil
        self.sink = sink
    }

    /// Logs an invocation: INFO for answers below 500, ERROR otherwise.
    func invocation(_ r: InvocationRecord) {
        var fields: [(String, JSON)] = [
            ("requestId", .string(r.requestID)), ("method", .string(r.method)), ("path", .string(r.path)),
        ]
        if let route = r.route { fields.append(("route", .string(route))) }
        fields.append(("status", .number(JSONNumber(r.status))))
        if let e = r.error { fields.append(("error", .string(e))) }
        if let id = r.documentID { fields.append(("documentId", .string(id))) }
        fields.append(("validation", .string(r.validation.rawValue)))
        if r.validationErrors > 0 { fields.append(("validationErrors", .number(JSONNumber(r.validationErrors)))) }
        if r.domainStatus > 0 || r.domainMilliseconds > 0 {
            fields.append(("domainStatus", .number(JSONNumber(r.domainStatus))))
            fields.append(("domainMs", Self.milliseconds(r.domainMilliseconds)))
            fields.append(("retries", .number(JSONNumber(r.retries))))
        }
        if let b = r.batch {
            fields.append(("items", .number(JSONNumber(b.items))))
            fields.append(("created", .number(JSONNumber(b.created))))
            fields.append(("existing", .number(JSONNumber(b.existing))))
            fields.append(("failed", .number(JSONNumber(b.failed))))
            fields.append(("validationFailures", .number(JSONNumber(b.validationFailures))))
        }
        if r.idempotencyKey { fields.append(("idempotencyKey", .bool(true))) }
        if r.replayed { fields.append(("replayed", .bool(true))) }
        fields.append(("durationMs", Self.milliseconds(r.durationMilliseconds)))
        emit(r.status >= 500 ? .error : .info, "invocation", fields, metricsOf: r)
    }

    /// Logs a message for the operator (configuration, credentials, domain trouble).
    func message(_ level: LogLevel, _ text: String, requestID: String? = nil) {
        var fields: [(String, JSON)] = []
        if let requestID { fields.append(("requestId", .string(requestID))) }
        emit(level, text, fields)
    }

    func emit(_ at: LogLevel, _ message: String, _ fields: [(String, JSON)], metricsOf record: InvocationRecord? = nil) {
        guard at >= level else { return }
        let now = clock.unixMilliseconds()
        let time = Timestamp.iso8601(unixMilliseconds: now)
        var fields = fields
        if let metrics, let record { fields += metrics.members(for: record, unixMilliseconds: now) }
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

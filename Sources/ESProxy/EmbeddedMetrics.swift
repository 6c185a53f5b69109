import JSON

/// CloudWatch Embedded Metric Format members for the invocation log line, so CloudWatch Logs
/// extracts metrics from it with no API call (AWS, "Specification: Embedded metric format"):
/// `_aws.Timestamp` (Unix milliseconds), one directive with `Namespace`, the dimension sets
/// `[FunctionName, Route]` (per route) and `[FunctionName]` (the whole function, what the alarms
/// watch) and the metric definitions (`Name`, `Unit`); every dimension and metric is a top-level
/// member of the same line. On with `AWS_LAMBDA_LOG_FORMAT=JSON` unless `METRICS=off`.
struct EmbeddedMetrics: Sendable {
    let namespace: String
    let functionName: String
    /// The directives with and without `DomainLatency` (only lines that talked to the domain have
    /// a latency), built once.
    private let withLatency: JSON
    private let withoutLatency: JSON

    init(namespace: String, functionName: String) {
        self.namespace = namespace
        self.functionName = functionName
        func directive(_ metrics: [(String, String)]) -> JSON {
            .array([.object(JSONObject(uniqueMembers: [
                ("Namespace", .string(namespace)),
                ("Dimensions", [["FunctionName", "Route"], ["FunctionName"]]),
                ("Metrics", .array(metrics.map { name, unit in
                    .object(JSONObject(uniqueMembers: [("Name", .string(name)), ("Unit", .string(unit))]))
                })),
            ]))])
        }
        let counts = [("Documents", "Count"), ("Rejected", "Count"), ("DomainErrors", "Count"), ("Retries", "Count")]
        withLatency = directive(counts + [("DomainLatency", "Milliseconds")])
        withoutLatency = directive(counts)
    }

    /// The members to add to the line of `r`, logged at `unixMilliseconds`.
    func members(for r: InvocationRecord, unixMilliseconds: UInt64) -> [(String, JSON)] {
        let talked = r.domainStatus > 0 || r.domainMilliseconds > 0
        var fields: [(String, JSON)] = [
            ("_aws", .object(JSONObject(uniqueMembers: [
                ("Timestamp", .number(JSONNumber(Int(unixMilliseconds)))),
                ("CloudWatchMetrics", talked ? withLatency : withoutLatency),
            ]))),
            ("FunctionName", .string(functionName)),
            ("Route", .string(r.route ?? "-")),
            ("Documents", .number(JSONNumber(r.counts.documents))),
            ("Rejected", .number(JSONNumber(r.counts.rejected))),
            ("DomainErrors", .number(JSONNumber(r.counts.domainErrors))),
            ("Retries", .number(JSONNumber(r.retries))),
        ]
        if talked { fields.append(("DomainLatency", InvocationLogger.milliseconds(r.domainMilliseconds))) }
        return fields
    }
}

import JSON

extension HTTPEventRequest {
    /// Decodes a Lambda event (a leading UTF-8 byte-order mark is accepted).
    ///
    /// Throws `.eventNotJSON` for input that is not JSON, `.unsupportedEvent` for WebSocket
    /// events, authorizer requests and anything that is not one of the four request kinds,
    /// `.invalidEvent` for a known kind with a missing or mistyped field, `.invalidBase64` for a
    /// body marked base64 that is not.
    /// The event's bytes are freed as soon as they are parsed, before the body is copied out.
    public init(decoding event: consuming [UInt8]) throws(RuntimeError) {
        let json: JSON
        do {
            json = try JSONParser.parse(event, options: JSONParser.Options(allowByteOrderMark: true))
        } catch {
            throw RuntimeError(.eventNotJSON, "the event is not JSON: \(error)")
        }
        _ = consume event
        guard let object = json.objectValue else {
            throw RuntimeError(.unsupportedEvent, "the event is a JSON \(json.typeName), not an HTTP request object")
        }
        let root = EventObject(object)
        switch try Self.kind(of: root) {
        case .restAPI: self = try Self.decodeREST(root)
        case .httpAPI: self = try Self.decodeV2(root, kind: .httpAPI)
        case .functionURL: self = try Self.decodeV2(root, kind: .functionURL)
        case .applicationLoadBalancer: self = try Self.decodeALB(root)
        }
    }

    /// Tells the kinds apart by the fields only each one has.
    static func kind(of root: EventObject) throws(RuntimeError) -> Kind {
        let context = root.object["requestContext"]?.objectValue.map { EventObject($0, at: "requestContext") }
        let type = root.object["type"]?.stringValue
        if (type == "TOKEN" || type == "REQUEST"), root.has("methodArn") || root.has("routeArn") {
            throw RuntimeError(.unsupportedEvent, "API Gateway authorizer requests (type \(type!)) are not supported")
        }
        if let context, context.has("eventType") || context.has("messageDirection") {
            throw RuntimeError(.unsupportedEvent, "API Gateway WebSocket events are not supported")
        }
        if let context, context.has("elb") { return .applicationLoadBalancer }
        if root.object["version"]?.stringValue == "2.0", let context, context.has("http") {
            let domain = context.object["domainName"]?.stringValue ?? ""
            // Function URLs are served from <url-id>.lambda-url.<region>.on.aws.
            return domain.split(separator: ".").contains("lambda-url") ? .functionURL : .httpAPI
        }
        if root.has("httpMethod") { return .restAPI }
        throw RuntimeError(.unsupportedEvent,
                           "not an API Gateway (REST or HTTP API), Lambda Function URL or ALB request event")
    }

    static func decodeREST(_ root: EventObject) throws(RuntimeError) -> HTTPEventRequest {
        let context = try root.optionalObject("requestContext")
        let path = try root.string("path")
        let contextPath = try context?.optionalString("path")
        // API Gateway sends both forms; the multi-value one keeps repeated names.
        let multiHeaders = try root.multiValueMap("multiValueHeaders")
        let singleHeaders = try root.singleValueMap("headers") ?? []
        let headers = multiHeaders.flatMap { $0.isEmpty ? nil : $0 } ?? singleHeaders
        let multiQuery = try root.multiValueMap("multiValueQueryStringParameters")
        let singleQuery = try root.singleValueMap("queryStringParameters") ?? []
        let query = multiQuery.flatMap { $0.isEmpty ? nil : $0 } ?? singleQuery
        return HTTPEventRequest(
            kind: .restAPI, method: try root.string("httpMethod"), path: path,
            rawPath: contextPath ?? path, query: query, headers: HTTPHeaders(headers),
            body: try body(root), sourceIP: try context?.optionalObject("identity")?.optionalString("sourceIp"),
            requestID: try context?.optionalString("requestId"), stage: try context?.optionalString("stage"),
            usedMultiValueHeaders: !(multiHeaders ?? []).isEmpty)
    }

    static func decodeV2(_ root: EventObject, kind: Kind) throws(RuntimeError) -> HTTPEventRequest {
        guard let context = try root.optionalObject("requestContext"), let http = try context.optionalObject("http") else {
            throw RuntimeError(.invalidEvent, "requestContext.http is missing")
        }
        let rawPath = try root.optionalString("rawPath")
        let httpPath = try http.optionalString("path")
        let path = httpPath ?? rawPath ?? "/"
        var headers = HTTPHeaders(try root.singleValueMap("headers") ?? [])
        // 2.0 moves the Cookie header into `cookies`; put it back unless the event kept both.
        if let cookies = try root.optionalStringArray("cookies"), !cookies.isEmpty, headers["cookie"] == nil {
            headers.add("cookie", cookies.joined(separator: "; "))
        }
        // `rawQueryString` keeps repeated names apart (`queryStringParameters` joins them with
        // commas), so it wins when it has content.
        var query: [(name: String, value: String)] = []
        if let raw = try root.optionalString("rawQueryString"), !raw.isEmpty {
            query = QueryString.parse(raw)
        } else if let single = try root.singleValueMap("queryStringParameters") {
            query = single
        }
        return HTTPEventRequest(
            kind: kind, method: try http.string("method"), path: path, rawPath: rawPath ?? path, query: query,
            headers: headers, body: try body(root), sourceIP: try http.optionalString("sourceIp"),
            requestID: try context.optionalString("requestId"), stage: try context.optionalString("stage"),
            usedMultiValueHeaders: false)
    }

    static func decodeALB(_ root: EventObject) throws(RuntimeError) -> HTTPEventRequest {
        // With multi-value headers enabled on the target group ALB sends only the multi-value forms.
        let multiHeaders = try root.multiValueMap("multiValueHeaders")
        let singleHeaders = try root.singleValueMap("headers") ?? []
        let headers = HTTPHeaders(multiHeaders ?? singleHeaders)
        let multiQuery = try root.multiValueMap("multiValueQueryStringParameters")
        let singleQuery = try root.singleValueMap("queryStringParameters") ?? []
        let query = multiQuery ?? singleQuery
        let forwarded = headers.values("x-forwarded-for").last?.split(separator: ",").last
        let path = try root.string("path")
        return HTTPEventRequest(
            kind: .applicationLoadBalancer, method: try root.string("httpMethod"), path: path, rawPath: path,
            query: query, headers: headers, body: try body(root),
            sourceIP: forwarded.map { String($0.drop { $0 == " " }) }, requestID: nil, stage: nil,
            usedMultiValueHeaders: multiHeaders != nil)
    }

    static func body(_ root: EventObject) throws(RuntimeError) -> [UInt8] {
        guard let text = try root.optionalString("body") else { return [] }
        if try root.optionalBool("isBase64Encoded") == true {
            do {
                return try Base64.decode(text.utf8)
            } catch {
                throw RuntimeError(.invalidBase64, "body is marked isBase64Encoded but \(error.message)")
            }
        }
        return Array(text.utf8)
    }
}

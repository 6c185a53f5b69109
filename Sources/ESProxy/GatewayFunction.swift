import HTTP
import JSON
import JSONSchema
import LambdaRuntime
import SigV4

/// Builds the gateway from the environment once, at init, and adapts it to API Gateway events.
/// Every problem found here (bad variable, unreadable or invalid schema, missing credentials, no
/// CA bundle) is thrown, so the runtime reports it to `/runtime/init/error` and exits.
public enum GatewayFunction {
    /// The handler for `bootstrap`.
    public static func make(environment env: LambdaEnvironment) throws -> GatewayHandler {
        let log = try InvocationLogger(environment: env)
        let config = try GatewayConfig(environment: env)
        let routes = try RouteTable(loadRoutes(config))

        var signer: DomainSigner?
        if config.signing != .none {
            var values: [String: String] = [:]
            for name in ["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN"] { values[name] = env[name] }
            signer = try DomainSigner(credentials: Credentials.fromEnvironment(values), region: config.region,
                                      mode: config.signing)
        }
        // Resolve the CA bundle now: without one every write would fail (curl error 77).
        let caBundle = config.endpoint.scheme == "https" ? try CABundle.resolveForCurrentProcess() : nil
        let http = try HTTPClient(.init(connectTimeoutMilliseconds: 3_000, caBundlePath: caBundle))
        let store = DomainClient(endpoint: config.endpoint, transport: http, signer: signer,
                                 budgetMilliseconds: config.domainTimeoutMilliseconds, log: log)
        let gateway = Gateway(routes: routes, store: store, ids: DocumentIDGenerator(scheme: config.documentIDs),
                              maxBodyBytes: config.maxBodyBytes, log: log)
        log.message(.info, "ready: \(routes.all.map { "POST \($0.path) -> \($0.index)" }.joined(separator: ", "))")
        return GatewayHandler(gateway: gateway, log: log)
    }

    /// The routes file's routes, or the one default route `POST /` → `SCHEMA_FILE` → `ES_INDEX`.
    static func loadRoutes(_ config: GatewayConfig) throws(ConfigError) -> [Route] {
        var entries = [RoutesFile.Entry(path: "/", schemaFile: config.schemaFile, index: config.index)]
        var variable = "SCHEMA_FILE"
        if let file = config.routesFile {
            let bytes: [UInt8]
            do { bytes = try FileBytes.read(config.resolve(file)) } catch {
                throw ConfigError(.unreadableFile, "ROUTES_FILE", "\(error)")
            }
            entries = try RoutesFile.parse(String(decoding: bytes, as: UTF8.self))
            variable = "ROUTES_FILE"
        }
        var routes: [Route] = []
        for e in entries {
            let schema = try compileSchema(config.resolve(e.schemaFile), variable: variable)
            routes.append(Route(path: e.path, index: e.index, schemaFile: e.schemaFile, schema: schema))
        }
        return routes
    }

    /// Reads, parses and compiles one schema file.
    static func compileSchema(_ path: String, variable: String) throws(ConfigError) -> Schema {
        let bytes: [UInt8]
        do { bytes = try FileBytes.read(path) } catch {
            throw ConfigError(.unreadableFile, variable, "\(error)")
        }
        do {
            let json = try JSONParser.parse(bytes)
            // Relative references name other schema files in the same folder, never the network.
            var options = SchemaOptions()
            options.registry.addSiblings(of: json, directory: path.utf8.lastIndex(of: UInt8(ascii: "/"))
                .map { String(decoding: path.utf8[..<$0], as: UTF8.self) } ?? ".")
            return try Schema(json, options: options)
        } catch let error as JSONParseError {
            throw ConfigError(.invalidSchema, variable, "\(path) is not valid JSON: \(error)")
        } catch {
            throw ConfigError(.invalidSchema, variable, "\(path) is not a usable JSON Schema: \(error)")
        }
    }

    /// The gateway's view of an event. HTTP API stages other than `$default` prefix the path with
    /// the stage name; routes are written without it.
    static func gatewayRequest(_ r: HTTPEventRequest, _ context: LambdaContext) -> GatewayRequest {
        var path = r.path
        if r.kind == .httpAPI, let stage = r.stage, stage != "$default", path.hasPrefix("/\(stage)/") || path == "/\(stage)" {
            path = String(path.dropFirst(stage.utf8.count + 1))
            if path.isEmpty { path = "/" }
        }
        return GatewayRequest(method: r.method, path: path, contentType: r.headers["content-type"], body: r.body,
                              requestID: context.requestID,
                              deadlineUnixMilliseconds: UInt64(max(0, context.deadlineMilliseconds)))
    }

    static func respond(_ g: GatewayResponse) -> HTTPEventResponse {
        HTTPEventResponse(status: g.status, headers: HTTPHeaders(g.headers), body: g.body)
    }
}

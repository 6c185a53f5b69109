import HTTP
import JSON
import JSONSchema
import LambdaRuntime
import SigV4

/// The composition root: reads the environment once (`GatewayConfig`), at init, and wires the
/// handler, the gateway, the domain client, the signer and the HTTP client, with the one clock
/// and the one randomness source. Every problem found here (bad variable, unreadable or invalid
/// schema, missing credentials, no CA bundle) is thrown, so the runtime reports it to
/// `/runtime/init/error` and exits.
public enum GatewayFunction {
    /// The handler for `bootstrap`.
    public static func make(environment env: LambdaEnvironment) throws -> some LambdaHandler {
        try make(GatewayConfig(environment: env), clock: SystemClock(), random: SystemRandom())
    }

    static func make(_ config: GatewayConfig, clock: any LambdaClock, random: any RandomSource,
                     sink: @escaping @Sendable (String) -> Void = StandardStream.writeOutput) throws -> GatewayHandler {
        let log = InvocationLogger(level: config.logLevel, format: config.logFormat, clock: clock, metrics: config.metrics,
                                   sink: sink)
        let routes = try RouteTable(loadRoutes(config))
        let signer = try config.credentials.map { credentials throws(SigV4Error) in
            try DomainSigner(credentials: credentials, region: config.region, mode: config.signing)
        }
        // Resolve the CA bundle now: without one every write would fail (curl error 77).
        let caBundle = config.endpoint.scheme == "https" ? try CABundle.resolveForCurrentProcess() : nil
        let http = try HTTPClient(.init(connectTimeoutMilliseconds: 3_000, caBundlePath: caBundle))
        let store = DomainClient(endpoint: config.endpoint, transport: http, signer: signer,
                                 budgetMilliseconds: config.domainTimeoutMilliseconds, log: log, clock: clock, random: random)
        let gateway = Gateway(routes: routes, store: store,
                              ids: DocumentIDGenerator(scheme: config.documentIDs, clock: clock, random: random),
                              maxBodyBytes: config.maxBodyBytes, maxBatchItems: config.maxBatchItems, cors: config.cors,
                              clock: clock, log: log)
        log.message(.info, "ready: \(routes.all.map { "POST \($0.path) -> \($0.index)" }.joined(separator: ", "))")
        return GatewayHandler(gateway: gateway)
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
            let schema = try compileSchema(config.resolve(e.schemaFile), variable: variable, strict: config.strictSchemas)
            routes.append(try Route(path: e.path, index: e.index, schemaFile: e.schemaFile, schema: schema))
        }
        return routes
    }

    /// Reads, parses and compiles one schema file, strictly unless `SCHEMA_STRICT=false`: an
    /// unknown keyword or format is an init error naming the file and the location.
    static func compileSchema(_ path: String, variable: String, strict: Bool = true) throws(ConfigError) -> Schema {
        let bytes: [UInt8]
        do { bytes = try FileBytes.read(path) } catch {
            throw ConfigError(.unreadableFile, variable, "\(error)")
        }
        do {
            let json = try JSONParser.parse(bytes)
            // Relative references name other schema files in the same folder, never the network.
            var options = SchemaOptions()
            options.strict = strict
            options.registry.addSiblings(of: json, directory: path.utf8.lastIndex(of: UInt8(ascii: "/"))
                .map { String(decoding: path.utf8[..<$0], as: UTF8.self) } ?? ".")
            return try Schema(json, options: options)
        } catch let error as JSONParseError {
            throw ConfigError(.invalidSchema, variable, "\(path) is not valid JSON: \(error)")
        } catch {
            throw ConfigError(.invalidSchema, variable, "\(path) is not a usable JSON Schema: \(error)")
        }
    }
}

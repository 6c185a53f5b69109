import JSONSchema

/// One accepted route: `POST path` validated by `schema` and written to `index`.
struct Route: Sendable {
    /// The request path, without a trailing slash (except `/`).
    let path: String
    /// The index documents on this route go to, as configured: a name, or a date pattern.
    let index: String
    /// `index` parsed: the concrete index of a document.
    let indexPattern: IndexPattern
    /// The schema file, as configured (for logs).
    let schemaFile: String
    /// The compiled schema.
    let schema: Schema

    init(path: String, index: String, schemaFile: String, schema: Schema) throws(ConfigError) {
        self.path = path
        self.index = index
        self.indexPattern = try IndexPattern(index, variable: "ES_INDEX")
        self.schemaFile = schemaFile
        self.schema = schema
    }
}

/// The routes, built once at init into an immutable table. Only `POST` is ever accepted.
struct RouteTable: Sendable {
    private let routes: [String: Route]

    /// A table of `routes`; two routes on one path are a configuration error.
    init(_ routes: [Route]) throws(ConfigError) {
        var table: [String: Route] = [:]
        for r in routes {
            let key = Self.normalise(r.path)
            guard table[key] == nil else {
                throw ConfigError(.invalidRoutes, "ROUTES_FILE", "two routes for path \(key)")
            }
            table[key] = r
        }
        self.routes = table
    }

    /// The route for `path`, ignoring one trailing slash.
    func route(for path: String) -> Route? {
        routes[Self.normalise(path)]
    }

    /// All routes, sorted by path.
    var all: [Route] { routes.values.sorted { $0.path < $1.path } }

    static func normalise(_ path: String) -> String {
        var p = path.isEmpty ? "/" : path
        if p.count > 1 && p.hasSuffix("/") { p.removeLast() }
        return p
    }
}

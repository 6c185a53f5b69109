/// The optional routes file (`ROUTES_FILE`): one route a line, `POST /path -> schema-file -> index`;
/// blank lines and lines starting with `#` are ignored.
enum RoutesFile {
    /// One line of the file, before its schema is compiled.
    struct Entry: Sendable, Equatable {
        let path: String
        let schemaFile: String
        let index: String
    }

    /// Parses the file's text; an error names the line and what is wrong with it.
    static func parse(_ text: String) throws(ConfigError) -> [Entry] {
        var entries: [Entry] = []
        for (n, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingWhitespace()
            if line.isEmpty || line.hasPrefix("#") { continue }
            func fail(_ why: String) -> ConfigError {
                ConfigError(.invalidRoutes, "ROUTES_FILE", "line \(n + 1): \(why); expected `POST /path -> schemas/file.json -> index`")
            }
            let parts = line.splitOnArrows().map { $0.trimmingWhitespace() }
            guard parts.count == 3 else { throw fail("needs three parts separated by ->") }
            let head = parts[0].split(separator: " ", omittingEmptySubsequences: true)
            guard head.count == 2 else { throw fail("the first part is a method and a path") }
            guard head[0] == "POST" else { throw fail("only POST routes are supported (got \(head[0]))") }
            let path = String(head[1])
            guard path.hasPrefix("/"), !path.contains(where: { $0 == "?" || $0 == "#" || $0.isWhitespace }) else {
                throw fail("the path must start with / and have no query")
            }
            guard !parts[1].isEmpty else { throw fail("no schema file") }
            let index = try GatewayConfig.indexName(String(parts[2]), variable: "ROUTES_FILE line \(n + 1)")
            entries.append(Entry(path: path, schemaFile: String(parts[1]), index: index))
        }
        guard !entries.isEmpty else {
            throw ConfigError(.invalidRoutes, "ROUTES_FILE", "lists no routes")
        }
        return entries
    }
}

extension Substring {
    /// The parts between `->` separators.
    func splitOnArrows() -> [Substring] {
        var parts: [Substring] = []
        var start = startIndex
        var i = startIndex
        while i < endIndex {
            let next = index(after: i)
            if self[i] == "-", next < endIndex, self[next] == ">" {
                parts.append(self[start..<i])
                start = index(after: next)
                i = start
            } else {
                i = next
            }
        }
        parts.append(self[start...])
        return parts
    }
}

extension StringProtocol {
    /// The text without leading and trailing spaces, tabs and line ends.
    func trimmingWhitespace() -> Substring {
        let s = Substring(self)
        guard let first = s.firstIndex(where: { !$0.isWhitespace }) else { return "" }
        let last = s.lastIndex(where: { !$0.isWhitespace })!
        return s[first...last]
    }
}

/// An index name that may roll over by date: `surveys-{yyyy.MM.dd}`, `logs-{yyyy.MM}`,
/// `events-{xxxx.ww}`. Inside braces: `yyyy` year, `MM` month, `dd` day, `HH` hour, `xxxx` ISO
/// 8601 week-based year, `ww` ISO week, separated by `.`, `-` or `_`. Resolved in UTC from the
/// gateway's `@timestamp`. A name without braces is one fixed index.
struct IndexPattern: Sendable, Equatable {
    enum Field: String, Sendable, CaseIterable {
        case year = "yyyy", month = "MM", day = "dd", hour = "HH", weekYear = "xxxx", week = "ww"

        var width: Int { rawValue.utf8.count }
    }

    enum Part: Sendable, Equatable {
        case literal(String)
        case field(Field)
    }

    let parts: [Part]
    /// The name as configured (for logs, policies and key-derived ids, which must not change
    /// with the date).
    let text: String

    var isFixed: Bool { !parts.contains { if case .field = $0 { true } else { false } } }

    /// Parses and checks `text`: a pattern that could give an invalid index name (upper case, a
    /// forbidden character, a leading `_`, `-` or `+`, more than 255 bytes) is refused.
    init(_ text: String, variable: String) throws(ConfigError) {
        func invalid(_ why: String) -> ConfigError {
            ConfigError(.invalidValue, variable, "\"\(text)\" is not a valid index name or pattern: \(why)")
        }
        var parts: [Part] = []
        var literal = ""
        var chars = text.unicodeScalars[...]
        while let c = chars.first {
            chars = chars.dropFirst()
            if c == "}" { throw invalid("a \"}\" without its \"{\"") }
            guard c == "{" else {
                literal.unicodeScalars.append(c)
                continue
            }
            guard let close = chars.firstIndex(of: "}") else { throw invalid("a \"{\" without its \"}\"") }
            var format = String(String.UnicodeScalarView(chars[..<close]))
            chars = chars[chars.index(after: close)...]
            guard !format.isEmpty else { throw invalid("empty braces") }
            if !literal.isEmpty { parts.append(.literal(literal)) }
            literal = ""
            while !format.isEmpty {
                if let field = Field.allCases.first(where: { format.hasPrefix($0.rawValue) }) {
                    parts.append(.field(field))
                    format.removeFirst(field.rawValue.count)
                } else if let sep = format.first, sep == "." || sep == "-" || sep == "_" {
                    parts.append(.literal(String(sep)))
                    format.removeFirst()
                } else {
                    throw invalid("inside braces only yyyy, MM, dd, HH, xxxx, ww and the separators . - _ may appear")
                }
            }
        }
        if !literal.isEmpty { parts.append(.literal(literal)) }
        self.parts = parts
        self.text = text

        // Check the longest name it can give, with digits where the fields go.
        let sample = parts.map { part in
            switch part {
            case .literal(let s): s
            case .field(let f): String(repeating: "9", count: f.width)
            }
        }.joined()
        let forbidden: Set<Character> = ["\\", "/", "*", "?", "\"", "<", ">", "|", " ", ",", "#", ":", "{", "}"]
        guard !sample.isEmpty else { throw invalid("it is empty") }
        guard sample.utf8.count <= 255 else { throw invalid("it can be longer than 255 bytes") }
        guard sample != ".", sample != ".." else { throw invalid("\".\" and \"..\" are reserved") }
        guard !sample.hasPrefix("_"), !sample.hasPrefix("-"), !sample.hasPrefix("+") else {
            throw invalid("it must not start with _, - or +")
        }
        guard sample == sample.lowercased() else { throw invalid("index names are lower case") }
        guard !sample.contains(where: { forbidden.contains($0) || $0.isNewline }) else {
            throw invalid("use lower case letters, digits, - and _")
        }
    }

    /// The concrete index for a document stamped at `unixMilliseconds` (UTC).
    func resolve(unixMilliseconds ms: UInt64) -> String {
        if isFixed { return text }
        let days = Int(ms / 86_400_000)
        let (year, month, day) = Timestamp.civilDate(daysSinceEpoch: days)
        let (weekYear, week) = Self.isoWeek(daysSinceEpoch: days)
        var out = ""
        for part in parts {
            switch part {
            case .literal(let s): out += s
            case .field(let f):
                let value = switch f {
                case .year: year
                case .month: month
                case .day: day
                case .hour: Int(ms % 86_400_000) / 3_600_000
                case .weekYear: weekYear
                case .week: week
                }
                let digits = String(value)
                out += String(repeating: "0", count: max(0, f.width - digits.count)) + digits
            }
        }
        return out
    }

    /// ISO 8601 week-based year and week of a day: weeks start on Monday, and week 1 is the one
    /// with the year's first Thursday.
    static func isoWeek(daysSinceEpoch days: Int) -> (year: Int, week: Int) {
        // 1970-01-01 was a Thursday: weekday 1 (Monday) ... 7 (Sunday).
        let weekday = ((days % 7) + 7 + 3) % 7 + 1
        let thursday = days - weekday + 4  // the Thursday of this ISO week decides its year
        let year = Timestamp.civilDate(daysSinceEpoch: thursday).year
        let january1 = daysFromCivil(year: year, month: 1, day: 1)
        return (year, (thursday - january1) / 7 + 1)
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil).
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }
}

import JSON

/// Strict mode (`SchemaOptions.strict`): a keyword the schema's dialect does not define, or a
/// `format` name no draft defines, is a compile error instead of a silently ignored annotation,
/// so a typo cannot widen what a schema accepts.
enum Strictness {
    /// Annotation keywords allowed in every dialect, whatever vocabularies its metaschema enables.
    static let annotations: Set<String> = [
        "title", "description", "default", "examples", "$comment", "deprecated", "readOnly", "writeOnly",
    ]

    /// Every keyword a release defines, with the vocabulary it belongs to: those that compile on
    /// their own (`Drafts.table`) and those read by a sibling or only by the compiler's walk.
    static func keywords(for release: Dialect.Release) -> [String: Vocabularies] {
        switch release {
        case .draft4: draft4
        case .draft6: draft6
        case .draft7: draft7
        case .draft2019: draft2019
        case .draft2020: draft2020
        }
    }

    private static func defined(_ release: Dialect.Release, _ extra: [String: Vocabularies]) -> [String: Vocabularies] {
        Drafts.table(for: release).mapValues(\.vocabulary).merging(extra) { _, b in b }
    }

    private static let draft4 = defined(.draft4, ["id": .core, "$schema": .core, "definitions": .core])

    /// The draft-06 keywords: the compiler reads draft-06 as draft-07, but `if`/`then`/`else` and
    /// the content keywords came only with draft-07.
    private static let draft6 = draft7.filter {
        !["if", "then", "else", "contentMediaType", "contentEncoding"].contains($0.key)
    }

    private static let draft7 = defined(.draft7, [
        "$id": .core, "$schema": .core, "definitions": .core,
        "then": .applicator, "else": .applicator,
        "contentMediaType": .content, "contentEncoding": .content,
    ])

    /// 2019-09 and 2020-12 keep `definitions` and `dependencies` in their metaschemas for
    /// compatibility; the compiler still reads both.
    private static let later: [String: Vocabularies] = [
        "$id": .core, "$schema": .core, "$anchor": .core, "$vocabulary": .core, "$defs": .core, "definitions": .core,
        "then": .applicator, "else": .applicator,
        "minContains": .validation, "maxContains": .validation,
        "contentMediaType": .content, "contentEncoding": .content, "contentSchema": .content,
    ]

    private static let draft2019 = defined(.draft2019, later.merging([
        "$recursiveAnchor": .core,
    ]) { _, b in b })

    private static let draft2020 = defined(.draft2020, later.merging(["$dynamicAnchor": .core]) { _, b in b })

    /// The error for a keyword `dialect` does not define, or `nil` when it does (or is an
    /// annotation keyword).
    static func unknownKeyword(_ name: String, dialect: Dialect, location: String) -> SchemaError? {
        if annotations.contains(name) { return nil }
        let known = keywords(for: dialect.release)
        if let vocabulary = known[name] {
            if dialect.vocabularies.contains(vocabulary) { return nil }
            return SchemaError(.unknownKeyword, "\"\(name)\": unknown keyword (the metaschema does not enable its vocabulary)",
                               location: location)
        }
        let candidates = Array(known.filter { dialect.vocabularies.contains($0.value) }.keys) + annotations
        var message = "\"\(name)\": unknown keyword"
        if let other = nearestRelease(defining: name, besides: dialect.release) {
            message += " in \(displayName(dialect.release)) (it is a \(displayName(other)) keyword)"
        } else if let suggestion = closest(to: name, among: candidates) {
            message += "; did you mean \"\(suggestion)\"?"
        }
        return SchemaError(.unknownKeyword, message, location: location)
    }

    /// The error for a `format` name no draft defines.
    static func unknownFormat(_ name: String, location: String) -> SchemaError {
        var message = "\"format\": unknown format \"\(name)\""
        if let suggestion = closest(to: name, among: Formats.names) { message += "; did you mean \"\(suggestion)\"?" }
        return SchemaError(.unknownFormat, message, location: location)
    }

    /// The release nearest to `release` (the later one on a tie) that defines `name`: where the
    /// keyword came from, or where it went.
    private static func nearestRelease(defining name: String, besides release: Dialect.Release) -> Dialect.Release? {
        let all: [Dialect.Release] = [.draft2020, .draft2019, .draft7, .draft6, .draft4]
        return all.filter { $0 != release && keywords(for: $0)[name] != nil }
            .min { abs($0.rawValue - release.rawValue) < abs($1.rawValue - release.rawValue) }
    }

    private static func displayName(_ release: Dialect.Release) -> String {
        switch release {
        case .draft4: "draft-04"
        case .draft6: "draft-06"
        case .draft7: "draft-07"
        case .draft2019: "2019-09"
        case .draft2020: "2020-12"
        }
    }

    /// The candidate nearest to `name` by edit distance (insertions, deletions, substitutions
    /// and swaps of neighbours each count 1), when at most 2 and small against the words'
    /// length (so `id` suggests `$id`, not `if`); ties go to the first in sorted order.
    static func closest(to name: String, among candidates: some Sequence<String>) -> String? {
        let a = Array(name.utf8)
        var best: (distance: Int, word: String)?
        for word in candidates.sorted() {
            let b = Array(word.utf8)
            guard abs(a.count - b.count) <= 2 else { continue }
            let d = distance(a, b)
            guard d <= 2, d * 3 <= max(a.count, b.count) else { continue }
            if best == nil || d < best!.distance { best = (d, word) }
        }
        return best?.word
    }

    /// Optimal string alignment distance between two byte strings.
    static func distance(_ a: [UInt8], _ b: [UInt8]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous2 = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    current[j] = min(current[j], previous2[j - 2] + 1)
                }
            }
            (previous2, previous, current) = (previous, current, previous2)
        }
        return previous[b.count]
    }
}

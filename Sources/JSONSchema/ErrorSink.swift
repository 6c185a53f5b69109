import JSON

/// Collects errors during `validate`, with the instance and evaluation paths kept as token
/// stacks that are turned into JSON Pointers only when an error is reported.
struct ErrorSink {
    /// A step into the instance.
    enum Step {
        case key(String)
        case index(Int)
    }

    private(set) var errors: [ValidationError] = []
    let limit: Int
    var instancePath: [Step] = []
    var keywordPath: [String] = []
    /// Absolute location of the schema being evaluated and the keyword in it.
    var nodeLocation = ""
    var keyword = ""

    init(limit: Int) {
        self.limit = max(1, limit)
    }

    var isFull: Bool { errors.count >= limit }

    /// Records that `instance` (at the current instance path) fails the current keyword.
    mutating func report(_ kind: ValidationError.Kind, _ instance: JSON, instanceStep: Step? = nil) {
        guard !isFull else { return }
        var instanceLocation = renderInstancePath()
        if let instanceStep { instanceLocation += "/" + Self.render(instanceStep) }
        let keywordLocation = JSONPointer.render(keywordPath)
        let absolute = nodeLocation + (keyword.isEmpty ? "" : "/" + JSONPointer.escape(keyword))
        errors.append(ValidationError(kind: kind, instance: instance, instanceLocation: instanceLocation,
                                      keywordLocation: keywordLocation, absoluteKeywordLocation: absolute))
    }

    private func renderInstancePath() -> String {
        var s = ""
        for step in instancePath { s += "/" + Self.render(step) }
        return s
    }

    private static func render(_ step: Step) -> String {
        switch step {
        case .key(let k): JSONPointer.escape(k)
        case .index(let i): String(i)
        }
    }

    /// Runs `body` with `step` appended to the instance path and `keywordStep` to the
    /// evaluation path (for a keyword that applies a subschema to a child, e.g. `properties/foo`).
    mutating func descend(_ step: Step?, keywordStep: String? = nil, body: (inout ErrorSink) -> Void) {
        if let step { instancePath.append(step) }
        if let keywordStep { keywordPath.append(keywordStep) }
        body(&self)
        if keywordStep != nil { keywordPath.removeLast() }
        if step != nil { instancePath.removeLast() }
    }
}

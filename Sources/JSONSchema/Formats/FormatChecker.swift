/// A named `format` assertion: `check` answers whether a string conforms. Formats apply to
/// strings only; the caller lets every other instance type pass.
struct FormatChecker: Sendable {
    let name: String
    private let predicate: @Sendable (String) -> Bool

    init(name: String, _ predicate: @escaping @Sendable (String) -> Bool) {
        self.name = name
        self.predicate = predicate
    }

    func check(_ string: String) -> Bool {
        predicate(string)
    }
}

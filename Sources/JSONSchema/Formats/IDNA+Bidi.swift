extension IDNA {
    /// RFC 5893 section 1.4: a domain name is a "Bidi domain name" when some label holds an R,
    /// AL or AN character; then every label must satisfy the Bidi rule.
    static func isBidiDomain(_ labels: [[Unicode.Scalar]]) -> Bool {
        labels.contains { label in
            label.contains { [.r, .al, .an].contains(IDNATables.bidiClass($0)) }
        }
    }

    /// RFC 5893 section 2, conditions 1 to 6.
    static func satisfiesBidiRule(_ label: [Unicode.Scalar]) -> Bool {
        let classes = label.map(IDNATables.bidiClass)
        guard let first = classes.first else { return false }
        let lastSignificant = classes.last { $0 != .nsm }
        switch first {
        case .r, .al:
            let allowed: Set<IDNATables.BidiClass> = [.r, .al, .an, .en, .es, .cs, .et, .on, .bn, .nsm]
            guard classes.allSatisfy(allowed.contains) else { return false }
            guard let last = lastSignificant, [.r, .al, .en, .an].contains(last) else { return false }
            return !(classes.contains(.en) && classes.contains(.an))
        case .l:
            let allowed: Set<IDNATables.BidiClass> = [.l, .en, .es, .cs, .et, .on, .bn, .nsm]
            guard classes.allSatisfy(allowed.contains) else { return false }
            guard let last = lastSignificant, last == .l || last == .en else { return false }
            return true
        default:
            return false
        }
    }
}

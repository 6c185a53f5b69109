/// Property names and item positions that keywords evaluated successfully.
struct Annotations {
    var allProperties = false
    var properties: Set<String> = []
    var allItems = false
    /// Items `0..<prefixItems` were evaluated.
    var prefixItems = 0
    var items: Set<Int> = []

    mutating func merge(_ other: Annotations) {
        allProperties = allProperties || other.allProperties
        if !allProperties { properties.formUnion(other.properties) }
        allItems = allItems || other.allItems
        prefixItems = max(prefixItems, other.prefixItems)
        items.formUnion(other.items)
    }

    func evaluated(property name: String) -> Bool { allProperties || properties.contains(name) }
    func evaluated(item i: Int) -> Bool { allItems || i < prefixItems || items.contains(i) }
}

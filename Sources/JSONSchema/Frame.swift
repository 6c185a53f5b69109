/// What the validator carries down the instance: how deep evaluation has gone (bounded, so a
/// hostile schema cannot exhaust the stack) and the dynamic scope for `$dynamicRef`.
struct Frame {
    var depth: Int
    var scope: UnsafePointer<ScopeLink>?
}

/// One schema resource entered during evaluation; a linked list on the stack, so entering a
/// resource costs no allocation.
struct ScopeLink {
    let resource: Int
    let parent: UnsafePointer<ScopeLink>?
}

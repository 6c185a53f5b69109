import JSON

/// The compiled program: every schema reachable from the root, referring to each other by index,
/// so recursive schemas are plain cycles of integers. Immutable once built.
final class Validator: Sendable {
    let nodes: [Node]
    /// For each resource, its `$dynamicAnchor`s (name → node); empty when no `$dynamicRef` is used.
    let dynamicAnchors: [[ExactString: Int]]
    /// Whether evaluation must track the dynamic scope (only for `$dynamicRef`).
    let tracksScope: Bool
    /// How many schemas deep one evaluation may nest before it is stopped with an error.
    let maxDepth: Int

    /// Parsed documents nest at most 256 deep, and a schema spends about two nodes per level,
    /// so this leaves room for real schemas while keeping the worst case within ~512 KiB of
    /// stack (measured in a release build), the smallest thread stack we expect to run on.
    static let defaultMaxDepth = 1_000

    init(nodes: [Node], dynamicAnchors: [[ExactString: Int]], tracksScope: Bool, maxDepth: Int = defaultMaxDepth) {
        self.nodes = nodes
        self.dynamicAnchors = dynamicAnchors
        self.tracksScope = tracksScope
        self.maxDepth = maxDepth
    }

    /// Runs `body` with the node's resource pushed onto the dynamic scope when that is tracked
    /// and it differs from the innermost one.
    @inline(__always)
    private func entering<R>(_ resource: Int, _ frame: Frame, _ body: (Frame) -> R) -> R {
        var inner = frame
        inner.depth += 1
        guard tracksScope, frame.scope?.pointee.resource != resource else { return body(inner) }
        return withUnsafePointer(to: ScopeLink(resource: resource, parent: frame.scope)) { link in
            inner.scope = link
            return body(inner)
        }
    }

    func isValid(_ index: Int, _ instance: JSON, _ frame: Frame) -> Bool {
        guard frame.depth < maxDepth else { return false }
        // Through buffer pointers the node and its entries are borrowed in place: copying them
        // out of the arrays would retain and release a string and an existential per keyword.
        return nodes.withUnsafeBufferPointer { nodes in
            entering(nodes[index].resource, frame) { inner in
                nodes[index].entries.withUnsafeBufferPointer { entries in
                    for i in entries.indices where !entries[i].box.isValid(instance, self, inner) { return false }
                    return true
                }
            }
        }
    }

    /// Down to this depth, array items are first asked the fast `isValid` before `validate`
    /// looks for their errors. A failing item is asked again at each level below, so the cap
    /// bounds that repeated work to a few fast passes however deeply a hostile instance nests
    /// its failures.
    static let fastCheckDepth = 6

    /// Whether the item `instance` is known to hold against schema `index` after a fast check
    /// (so it has no errors to report); false when it fails or was not checked.
    func itemHolds(_ index: Int, _ instance: JSON, _ frame: Frame) -> Bool {
        frame.depth <= Self.fastCheckDepth && isValid(index, instance, frame)
    }

    func validate(_ index: Int, _ instance: JSON, _ frame: Frame, _ sink: inout ErrorSink) {
        guard !sink.isFull else { return }
        let node = nodes[index]
        let savedLocation = sink.nodeLocation, savedKeyword = sink.keyword
        sink.nodeLocation = node.location
        sink.keyword = ""
        defer { sink.nodeLocation = savedLocation; sink.keyword = savedKeyword }
        guard frame.depth < maxDepth else {
            sink.report(.depthExceeded, instance)
            return
        }
        entering(node.resource, frame) { inner in
            for entry in node.entries {
                // The `false` schema's only entry has no name: its location is the schema's own.
                let named = !entry.name.isEmpty
                sink.keyword = entry.name
                if named { sink.keywordPath.append(entry.name) }
                entry.keyword.validate(instance, self, inner, &sink)
                if named { sink.keywordPath.removeLast() }
                if sink.isFull { break }
            }
        }
    }

    /// What the schema at `index` evaluated in `instance`, or `nil` when it does not hold
    /// (annotations of failing schemas are dropped).
    func annotations(_ index: Int, _ instance: JSON, _ frame: Frame) -> Annotations? {
        guard isValid(index, instance, frame) else { return nil }
        return annotationsOfValid(index, instance, frame)
    }

    /// What the schema at `index`, already known to hold for `instance`, evaluated in it.
    func annotationsOfValid(_ index: Int, _ instance: JSON, _ frame: Frame) -> Annotations {
        nodes.withUnsafeBufferPointer { nodes in
            entering(nodes[index].resource, frame) { inner in
                var result = Annotations()
                result.knownValid = true
                nodes[index].entries.withUnsafeBufferPointer { entries in
                    for i in entries.indices { entries[i].box.keyword.annotate(instance, self, inner, &result) }
                }
                return result
            }
        }
    }

    /// The annotations of the node's keywords other than the one asking (the siblings of an
    /// `unevaluated*` keyword), evaluated in the frame the node set up.
    func siblingAnnotations(_ index: Int, _ instance: JSON, _ frame: Frame) -> Annotations {
        var result = Annotations()
        nodes.withUnsafeBufferPointer { nodes in
            nodes[index].entries.withUnsafeBufferPointer { entries in
                for i in entries.indices where !entries[i].box.isUnevaluated {
                    entries[i].box.keyword.annotate(instance, self, frame, &result)
                }
            }
        }
        return result
    }

    /// The target of a `$dynamicRef` to `anchor`: the outermost resource in the dynamic scope
    /// that declares it, else `fallback` (the statically resolved target).
    func dynamicTarget(_ anchor: ExactString, fallback: Int, _ frame: Frame) -> Int {
        var found = fallback
        var link = frame.scope
        while let l = link {
            if let n = dynamicAnchors[l.pointee.resource][anchor] { found = n }
            link = l.pointee.parent
        }
        return found
    }
}

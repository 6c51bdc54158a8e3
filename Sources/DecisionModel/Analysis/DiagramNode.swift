/// What the decision diagram keeps per node, side by side: the operations read a node's variable, children and live
/// values together, and hash-consing its hash and variable, so that one record is read rather than an entry of
/// each of several tables (each a cache miss on a large diagram).
struct DiagramNode: BitwiseCopyable {
    /// Its hash-consing hash (the terminals' unused): probes compare it before any child, and growing the table
    /// need not rehash children.
    var hash: UInt64
    /// The variable it tests (terminals: past every variable).
    var level: Int32
    /// Where its children start in the diagram's `children`, and its bitset of live values in `live`.
    var start: Int32
    var liveStart: Int32
    /// Its negation once known (0, which is `never`, the negation of no inner node: not yet known).
    var negation: Int32
}

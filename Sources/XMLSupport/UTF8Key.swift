#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A string as a dictionary key told apart by its bytes: `String`'s own equality is canonical equivalence, which
/// would merge differently normalised spellings, and hashing it normalises every non-ASCII string (most of the
/// rules' text), a cost paid on every lookup.
public struct UTF8Key: Hashable, Sendable {
    public let string: String

    public init(_ string: String) { self.string = string }

    public static func == (a: UTF8Key, b: UTF8Key) -> Bool {
        var first = a.string, second = b.string
        return first.withUTF8 { x in
            second.withUTF8 { y in x.count == y.count && (x.isEmpty || memcmp(x.baseAddress!, y.baseAddress!, x.count) == 0) }
        }
    }

    public func hash(into hasher: inout Hasher) {
        var copy = string
        copy.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
    }
}

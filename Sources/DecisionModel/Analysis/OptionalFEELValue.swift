/// Tests on a possibility's value (`FEELValue?`) read in place. `FEELValue` is large enough that the compiler copies an
/// optional one through its value witnesses (a runtime call per copy) to compare it, with `==` and even with `== nil`;
/// a pattern match reads the tag without a copy. The open walk compares values in its inner loops.
extension Optional where Wrapped == FEELValue {
    /// `self == nil`, without copying the value.
    @inline(__always)
    var isNone: Bool {
        if case .none = self { return true }
        return false
    }

    /// `self == .null`, without copying the value.
    @inline(__always)
    var isNull: Bool {
        if case .null? = self { return true }
        return false
    }

    /// `self == other`, comparing the values in place.
    @inline(__always)
    func isSame(as other: FEELValue?) -> Bool {
        if case .none = self { return other.isNone }
        if case .none = other { return false }
        return self.unsafelyUnwrapped == other.unsafelyUnwrapped
    }
}

import ArgumentParser

/// An option value that is one of a few words, its raw values. ArgumentParser's defaults list them through a key
/// path and `String(describing:)` for every case, whose first use costs each run ~2M instructions of runtime type
/// lookups while the command is parsed; these give the same lists directly (a raw value is its own description).
/// Public because some of these types are (`Language`): a witness is as visible as its type.
protocol ChoiceArgument: ExpressibleByArgument, CaseIterable, RawRepresentable where RawValue == String {}

extension ChoiceArgument {
    public static var allValueStrings: [String] { allCases.map { $0.rawValue } }
    public static var allValueDescriptions: [String: String] { [:] }
}

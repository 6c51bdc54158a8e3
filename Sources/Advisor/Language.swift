/// The languages Yakuji speaks.
public enum Language: String, Sendable, CaseIterable {
    case ja, en

    /// From a locale string such as `ja_JP.UTF-8` (LANG); English otherwise.
    public init(locale: String?) {
        self = (locale ?? "").lowercased().hasPrefix("ja") ? .ja : .en
    }
}

/// Text in both languages; either may be missing in a rule file (the linter reports that).
public struct LocalizedText: Sendable, Equatable {
    public var texts: [Language: String]

    public init(_ texts: [Language: String] = [:]) { self.texts = texts }

    public subscript(language: Language) -> String? {
        get { texts[language] }
        set { texts[language] = newValue }
    }

    /// The text in `language`, else in the other language, else empty.
    public func text(_ language: Language) -> String {
        texts[language] ?? texts[language == .ja ? .en : .ja] ?? ""
    }

    public var isEmpty: Bool { texts.values.allSatisfy { $0.isEmpty } }
}

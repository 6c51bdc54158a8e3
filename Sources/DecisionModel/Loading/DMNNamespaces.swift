/// The model namespaces of DMN 1.1 to 1.5.
public enum DMNNamespaces {
    public static let model: [String: String] = [
        "http://www.omg.org/spec/DMN/20151101/dmn.xsd": "1.1",
        "http://www.omg.org/spec/DMN/20180521/MODEL/": "1.2",
        "https://www.omg.org/spec/DMN/20191111/MODEL/": "1.3",
        "https://www.omg.org/spec/DMN/20211108/MODEL/": "1.4",
        "https://www.omg.org/spec/DMN/20230324/MODEL/": "1.5",
    ]

    public static func version(of namespace: String?) -> String? {
        namespace.flatMap { model[$0] }
    }

    static let latest = "https://www.omg.org/spec/DMN/20230324/MODEL/"

    /// Whether the namespace is a DMN model namespace; asked for every element of a table, and a file's elements
    /// share one namespace string, so the usual one is compared before anything is hashed.
    static func isModel(_ namespace: String?) -> Bool {
        guard let namespace else { return false }
        return namespace == latest || model[namespace] != nil
    }
}

/// `DMNNamespaces.isModel` for a reader of many elements: it remembers the namespace string last found to be a model
/// namespace. Elements decoded from the rules cache share one string per namespace, and a string compares equal to
/// itself without reading its bytes, where comparing it with the constant read all 45 of them (some 30,000 times a
/// load). Any other string is compared as before.
final class ModelNamespaceMatcher {
    private var known: String?

    func isModel(_ namespace: String?) -> Bool {
        guard let namespace else { return false }
        if let known, namespace == known { return true }
        guard DMNNamespaces.isModel(namespace) else { return false }
        known = namespace
        return true
    }
}

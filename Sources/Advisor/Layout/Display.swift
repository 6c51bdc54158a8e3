/// Where a page goes: how wide the terminal is and whether it may be coloured (never under `NO_COLOR`, never
/// into a file or pipe).
public struct Display: Sendable, Equatable {
    public var width: Int
    public var color: Bool

    public init(width: Int = 80, color: Bool = false) {
        self.width = width
        self.color = color
    }

    /// The setting for standard output: `columns` from the terminal when there is one, else `COLUMNS`, else 80.
    public static func resolve(columns: Int?, isTerminal: Bool, environment: [String: String]) -> Display {
        let width = columns.flatMap { $0 > 0 ? $0 : nil } ?? environment["COLUMNS"].flatMap(Int.init).flatMap { $0 > 0 ? $0 : nil } ?? 80
        let noColor = !(environment["NO_COLOR"] ?? "").isEmpty
        return Display(width: width, color: isTerminal && !noColor && environment["TERM"] != "dumb")
    }

    public func render(_ page: Page) -> String { page.render(width: width, color: color) }
}

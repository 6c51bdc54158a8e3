/// A DMN type: a base type with optional allowed values, or a structure of components.
public struct ItemDefinition: Sendable {
    public var name: String
    /// The base type's name (`string`, `number`, `boolean`, `date`, … or another item definition); nil for structures.
    public var typeRef: String?
    public var allowedValues: FEELUnaryTests?
    public var isCollection: Bool
    public var components: [ItemDefinition]
    public var location: SourceLocation
    /// Why this definition could not be loaded (see `Decision.loadProblems`); values of this type become null.
    public var loadProblems: [DMNProblem] = []

    public init(name: String, typeRef: String?, allowedValues: FEELUnaryTests? = nil, isCollection: Bool = false,
                components: [ItemDefinition] = [], location: SourceLocation) {
        self.name = name
        self.typeRef = typeRef
        self.allowedValues = allowedValues
        self.isCollection = isCollection
        self.components = components
        self.location = location
    }
}

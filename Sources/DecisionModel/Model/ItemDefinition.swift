/// A DMN type: a base type with optional allowed values, or a structure of components.
public struct ItemDefinition: Sendable {
    public var name: String
    /// The base type's name (`string`, `number`, `boolean`, `date`, … or another item definition); nil for structures.
    public var typeRef: String?
    public var allowedValues: FEELUnaryTests?
    public var isCollection: Bool
    public var components: [ItemDefinition]
    /// A function type (DMN 1.3 `functionItem`): its parameters and output type.
    public var functionItem: FunctionItem?
    /// DMN 1.5 `typeConstraint`: unary tests on the whole value (a collection itself, where `allowedValues`
    /// constrains each of its items).
    public var typeConstraint: FEELUnaryTests?
    public var location: SourceLocation
    /// Why this definition could not be loaded (see `Decision.loadProblems`); values of this type become null.
    public var loadProblems: [DMNProblem] = []

    public init(name: String, typeRef: String?, allowedValues: FEELUnaryTests? = nil, isCollection: Bool = false,
                components: [ItemDefinition] = [], functionItem: FunctionItem? = nil, location: SourceLocation) {
        self.name = name
        self.typeRef = typeRef
        self.allowedValues = allowedValues
        self.isCollection = isCollection
        self.components = components
        self.functionItem = functionItem
        self.location = location
    }

    public struct FunctionItem: Sendable {
        public var parameters: [(name: String, typeRef: String?)]
        public var outputTypeRef: String?

        public init(parameters: [(name: String, typeRef: String?)], outputTypeRef: String?) {
            self.parameters = parameters
            self.outputTypeRef = outputTypeRef
        }
    }
}

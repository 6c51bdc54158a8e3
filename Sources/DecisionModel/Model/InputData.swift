/// A DMN `inputData`: a fact supplied from outside the model.
public struct InputData: Sendable {
    public var id: String
    public var name: String
    public var typeRef: String?
    public var label: String?
    public var location: SourceLocation

    public init(id: String, name: String, typeRef: String?, label: String? = nil, location: SourceLocation) {
        self.id = id
        self.name = name
        self.typeRef = typeRef
        self.label = label
        self.location = location
    }
}

/// A DMN `import` of another model: its elements are named `name.element` in this model (`myimport.Say Hello`),
/// and requirements point at them with `namespace#id`.
public struct DMNImport: Sendable {
    public var name: String
    public var namespace: String
    public var location: SourceLocation
    /// The imported model; nil when it could not be found or loaded (elements that use it then fail).
    public var model: DMNModel? { box?.model }
    // A model holding its imports by value would be a recursive value type; a box keeps the layout finite.
    private let box: Box?

    private final class Box: Sendable {
        let model: DMNModel
        init(_ model: DMNModel) { self.model = model }
    }

    public init(name: String, namespace: String, location: SourceLocation, model: DMNModel?) {
        self.name = name
        self.namespace = namespace
        self.location = location
        self.box = model.map(Box.init)
    }
}

extension DMNModel {
    /// Whether a reference points into this model (`#id`, or `namespace#id` with this model's namespace).
    public func isLocal(_ reference: Reference) -> Bool {
        guard let namespace = reference.namespace else { return true }
        return namespaces.contains(namespace)
    }

    /// The import a reference to another model goes through.
    public func importDeclaration(for reference: Reference) -> DMNImport? {
        guard !isLocal(reference), let namespace = reference.namespace else { return nil }
        return imports.first { $0.namespace == namespace }
    }

    /// The model a reference points into, with the import's name when that is another model.
    public func target(of reference: Reference) -> (model: DMNModel, importName: String?)? {
        if isLocal(reference) { return (self, nil) }
        guard let declaration = importDeclaration(for: reference), let model = declaration.model else { return nil }
        return (model, declaration.name)
    }

    /// The decision a requirement names, here or in an imported model.
    public func decision(_ reference: Reference) -> Decision? { target(of: reference)?.model.decision(id: reference.id) }
    public func input(_ reference: Reference) -> InputData? { target(of: reference)?.model.input(id: reference.id) }
    public func knowledgeModel(_ reference: Reference) -> BusinessKnowledgeModel? {
        target(of: reference)?.model.knowledgeModel(id: reference.id)
    }
    public func decisionService(_ reference: Reference) -> DecisionService? {
        target(of: reference)?.model.decisionService(id: reference.id)
    }

    /// An input of an imported model named as the importing model names it: `myimport.Person name`, or through
    /// nested imports `Model B.modelA.Person name`. Values of imported inputs are given by the model's namespace.
    public func importedInput(qualifiedName name: String) -> (namespace: String, model: DMNModel, input: InputData)? {
        for declaration in imports where name.hasPrefix(declaration.name + ".") {
            guard let model = declaration.model else { continue }
            let rest = String(name.dropFirst(declaration.name.count + 1))
            if let input = model.input(named: rest) { return (declaration.namespace, model, input) }
            if let nested = model.importedInput(qualifiedName: rest) { return nested }
        }
        return nil
    }

    /// The imported model whose import is called `name`.
    public func importedModel(named name: String) -> DMNModel? {
        imports.first { $0.name == name }?.model
    }

    /// The model and item definition a `typeRef` names: `tPerson` here, `myimport.tPerson` in the model imported
    /// as `myimport` (whose own typeRefs then resolve there).
    func resolveType(_ typeRef: String?) -> (model: DMNModel, item: ItemDefinition)? {
        guard let typeRef else { return nil }
        let name = DMNModel.localTypeName(typeRef)
        if let item = itemDefinitions[name] { return (self, item) }
        for declaration in imports where name.hasPrefix(declaration.name + ".") {
            guard let model = declaration.model else { continue }
            if let found = model.resolveType(String(name.dropFirst(declaration.name.count + 1))) { return found }
        }
        return nil
    }
}

/// Item definitions as FEEL types, so FEEL can name them (`x instance of tPerson`, `function(p: tPerson)`).
extension DMNModel {
    /// The FEEL type an item definition or built-in type name denotes; allowed values are not part of it.
    public func feelType(named name: String) -> FEELType? {
        var seen: Set<String> = []
        return feelType(named: DMNModel.localTypeName(name), seen: &seen)
    }

    private func feelType(named name: String, seen: inout Set<String>) -> FEELType? {
        if let builtin = FEELType(builtinName: name) { return builtin }
        guard let item = itemDefinitions[name], seen.insert(name).inserted else { return nil }
        return feelType(of: item, seen: &seen)
    }

    private func feelType(of item: ItemDefinition, seen: inout Set<String>) -> FEELType {
        var type: FEELType
        if !item.components.isEmpty {
            type = .context(item.components.map { .init(name: $0.name, type: feelType(of: $0, seen: &seen)) })
        } else if let typeRef = item.typeRef {
            type = feelType(named: DMNModel.localTypeName(typeRef), seen: &seen) ?? .any
        } else {
            type = .any
        }
        if item.isCollection { type = .list(type) }
        return type
    }

    /// Resolves type names for FEEL evaluated against this model.
    public var typeResolver: @Sendable (String) -> FEELType? {
        let model = self
        return { model.feelType(named: $0) }
    }
}

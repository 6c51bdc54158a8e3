/// The FEEL type a DMN `typeRef` denotes, for `instance of`, function signatures and type checks in FEEL.
extension DMNModel {
    /// `number`, `tPerson`, `myimport.tPerson` … as a FEEL type; nil for a name that is no type. Allowed values are
    /// not part of a FEEL type (they are checked where a value is bound to a typed variable).
    public func feelType(of typeRef: String?) -> FEELType? {
        var visiting: Set<String> = []
        return feelType(of: typeRef, visiting: &visiting)
    }

    private func feelType(of typeRef: String?, visiting: inout Set<String>) -> FEELType? {
        guard let typeRef else { return nil }
        let name = DMNModel.localTypeName(typeRef)
        guard let (owner, item) = resolveType(name) else { return FEELType(builtinName: name) }
        let key = (owner.namespaces.first ?? "") + "#" + item.name
        guard visiting.insert(key).inserted else { return .any }   // a type defined in terms of itself
        defer { visiting.remove(key) }
        return owner.feelType(of: item, visiting: &visiting)
    }

    private func feelType(of item: ItemDefinition, visiting: inout Set<String>) -> FEELType {
        var type: FEELType
        if let function = item.functionItem {
            type = .function(parameters: function.parameters.map { feelType(of: $0.typeRef, visiting: &visiting) ?? .any },
                             result: feelType(of: function.outputTypeRef, visiting: &visiting) ?? .any)
        } else if !item.components.isEmpty {
            type = .context(item.components.map { component in
                FEELType.Entry(name: component.name, type: feelType(of: component, visiting: &visiting))
            })
        } else {
            type = feelType(of: item.typeRef, visiting: &visiting) ?? .any
        }
        return item.isCollection ? .list(type) : type
    }

    /// Resolves item-definition names for FEEL (`x instance of tPerson`).
    var typeResolver: @Sendable (String) -> FEELType? {
        let model = self
        return { name in model.feelType(of: name) }
    }
}

import Foundation
import XMLSupport

/// DMN `import`s of other models: found by `locationURI`, else among the `.dmn` files beside the importing one by
/// their namespace, and loaded as models of their own (ids are unique only within a namespace).
extension DMNLoader {
    /// The imports of these definitions, each with its model loaded (nil when not found; a problem in strict mode).
    func imports(of roots: [XMLElementNode], files: [String], problems: inout [DMNProblem]) -> [DMNImport] {
        var imports: [DMNImport] = []
        for root in roots {
            for element in root.children where element.name == "import" && DMNNamespaces.version(of: element.namespace) != nil {
                let importType = element.attribute("importType") ?? ""
                // XML Schema and PMML imports describe types and external models the engine does not run.
                guard DMNNamespaces.version(of: importType) != nil || importType.contains("/DMN/") else { continue }
                let namespace = element.attribute("namespace") ?? ""
                let location = SourceLocation(file: element.file, line: element.line)
                var model: DMNModel?
                if let sibling = roots.first(where: { $0.attribute("namespace") == namespace }) {
                    // Files loaded together are one graph already; importing one of them would name its elements twice.
                    if mode == .strict {
                        problems.append(DMNProblem(at: location, "imported model \(namespace) is \(sibling.file), loaded with this file as one "
                                                   + "model: refer to its elements by href=\"#id\" without an import"))
                    }
                    imports.append(DMNImport(name: element.attribute("name") ?? "", namespace: namespace, location: location, model: nil))
                    continue
                }
                do {
                    model = try importedModel(namespace: namespace, locationURI: element.attribute("locationURI"),
                                              from: root.file, at: location, excluding: Set(files))
                    if model == nil, mode == .strict {
                        problems.append(DMNProblem(at: location, "imported model \(namespace) was not found beside \(root.file)"))
                    }
                } catch {
                    if mode == .strict { problems += error.problems }
                }
                imports.append(DMNImport(name: element.attribute("name") ?? "", namespace: namespace, location: location, model: model))
            }
        }
        return imports
    }

    private func importedModel(namespace: String, locationURI: String?, from file: String, at location: SourceLocation,
                               excluding files: Set<String>) throws(DMNLoadError) -> DMNModel? {
        if importChain.contains(namespace) {
            throw DMNLoadError([DMNProblem(at: location, "models import each other: \((importChain + [namespace]).joined(separator: " → "))")])
        }
        let folder = (file as NSString).deletingLastPathComponent
        var candidates: [String] = []
        if let locationURI, !locationURI.isEmpty, !locationURI.contains("://") {
            candidates.append((folder as NSString).appendingPathComponent(locationURI))
        }
        candidates += (RuleFiles.dmnFiles(at: folder.isEmpty ? "." : folder) ?? []).filter { !candidates.contains($0) }
        for candidate in candidates where !files.contains(candidate) {
            guard let root = try? xmlLoader.load(contentsOf: candidate), root.name == "definitions",
                  root.attribute("namespace") == namespace else { continue }
            var nested = self
            nested.importChain.append(namespace)
            return try nested.build(roots: [root], files: [candidate])
        }
        return nil
    }
}

import XMLSupport

/// Reads DMN files into one `DMNModel`. Names and ids must be unique across the files given,
/// and `href="#id"` may point at any of them (a rule set is one graph spread over files).
public struct DMNLoader: Sendable {
    /// What a problem inside one decision does to the model.
    public enum Mode: Sendable {
        /// Every problem is a load error (rule sets: a rule maintainer must hear of each one).
        case strict
        /// A problem confined to one decision, knowledge model or item definition (an unsupported construct,
        /// a FEEL syntax error, a dangling requirement) is kept in that element's `loadProblems`, and only
        /// that element fails, at evaluation, with the problem's location. Problems of the whole document
        /// (not XML, not DMN, a nameless input) still throw.
        case partial
    }

    public var xmlLoader: XMLLoader
    public var mode: Mode
    /// Namespaces of the models whose imports are being loaded (models importing each other are an error).
    var importChain: [String] = []

    public init(xmlLoader: XMLLoader = XMLLoader(), mode: Mode = .strict) {
        self.xmlLoader = xmlLoader
        self.mode = mode
    }

    public func load(file: String) throws(DMNLoadError) -> DMNModel {
        try load(files: [file])
    }

    public func load(files: [String]) throws(DMNLoadError) -> DMNModel {
        try build(roots: read(files: files), files: files)
    }

    /// The `definitions` element of each file, parsed (and validated when the XML loader has a schema); every
    /// file's problems together.
    public func read(files: [String]) throws(DMNLoadError) -> [XMLElementNode] {
        var roots: [XMLElementNode] = []
        var problems: [DMNProblem] = []
        for file in files {
            do {
                roots.append(try xmlLoader.load(contentsOf: file))
            } catch {
                problems.append(contentsOf: error.diagnostics.map(DMNProblem.init))
            }
        }
        if !problems.isEmpty { throw DMNLoadError(problems) }
        return roots
    }

    /// Builds a model from already parsed `definitions` elements.
    public func build(roots: [XMLElementNode], files: [String]) throws(DMNLoadError) -> DMNModel {
        var problems: [DMNProblem] = []
        for root in roots where root.name != "definitions" || DMNNamespaces.version(of: root.namespace) == nil {
            problems.append(DMNProblem(file: root.file, line: root.line,
                                       message: "expected a DMN <definitions> element in a DMN 1.1–1.5 namespace, found <\(root.name)> in \(root.namespace ?? "no namespace")"))
        }
        if !problems.isEmpty { throw DMNLoadError(problems) }

        let imports = imports(of: roots, files: files, problems: &problems)
        if !problems.isEmpty { throw DMNLoadError(problems) }
        var reader = ElementReader(knownNames: Self.announcedNames(in: roots, imports: imports))
        let partial = mode == .partial
        /// In partial mode, the problems found since `start` belong to the element just read.
        func owned(since start: Int) -> [DMNProblem] {
            guard partial, reader.problems.count > start else { return [] }
            defer { reader.problems.removeSubrange(start...) }
            return Array(reader.problems[start...])
        }
        // Collected first and handed to the model once: the model indexes its arrays whenever they are set.
        var itemDefinitions: [String: ItemDefinition] = [:]
        var inputs: [InputData] = []
        var decisions: [Decision] = []
        var knowledgeModels: [BusinessKnowledgeModel] = []
        var services: [DecisionService] = []
        for root in roots {
            for element in root.children where DMNNamespaces.version(of: element.namespace) != nil {
                let start = reader.problems.count
                switch element.name {
                case "itemDefinition":
                    var item = reader.itemDefinition(element)
                    if itemDefinitions[item.name] != nil {
                        reader.problems.append(DMNProblem(file: element.file, line: element.line,
                                                          message: "item definition '\(item.name)' is defined twice"))
                    }
                    item.loadProblems = owned(since: start)
                    itemDefinitions[item.name] = item
                case "inputData": inputs.append(reader.inputData(element))
                case "decision":
                    var decision = reader.decision(element)
                    decision.loadProblems = owned(since: start)
                    decisions.append(decision)
                case "businessKnowledgeModel":
                    var bkm = reader.knowledgeModel(element)
                    bkm.loadProblems = owned(since: start)
                    knowledgeModels.append(bkm)
                case "decisionService":
                    var service = reader.decisionService(element)
                    service.loadProblems = owned(since: start)
                    services.append(service)
                default: break
                }
            }
        }
        for (name, cycle) in TypeCycles.find(itemDefinitions) {
            guard let item = itemDefinitions[name] else { continue }
            let problem = DMNProblem(at: item.location, "item definition '\(name)' is its own type (\(cycle))")
            if partial { itemDefinitions[name]?.loadProblems.append(problem) } else { reader.problems.append(problem) }
        }
        var model = DMNModel(name: roots.first?.attribute("name") ?? "model",
                             namespaces: roots.compactMap { $0.attribute("namespace") }, files: files,
                             itemDefinitions: itemDefinitions, inputs: inputs, decisions: decisions,
                             knowledgeModels: knowledgeModels, decisionServices: services)
        model.imports = imports
        problems = reader.problems
        // Problems are added to copies, handed back once: each assignment re-indexes the model, and a model with a
        // problem in each of 10,000 decisions must not be re-indexed 10,000 times.
        let findings = ModelChecker.check(model)
        if partial && findings.contains(where: { $0.owner != nil }) {
            for finding in findings {
                switch finding.owner {
                case .decision(let index)?: decisions[index].loadProblems.append(finding.problem)
                case .knowledgeModel(let index)?: knowledgeModels[index].loadProblems.append(finding.problem)
                case .decisionService(let index)?: services[index].loadProblems.append(finding.problem)
                case nil: problems.append(finding.problem)
                }
            }
            model.decisions = decisions
            model.knowledgeModels = knowledgeModels
            model.decisionServices = services
        } else {
            problems += findings.map(\.problem)
        }
        if !problems.isEmpty { throw DMNLoadError(problems) }
        return model
    }
}

extension DMNLoader {
    /// The names with spaces or symbols that `build` announces to the lexer for every expression outside a scope of
    /// its own: what a model's FEEL texts must be parsed with to give the model `build` gives.
    public static func announcedNames(in roots: [XMLElementNode], imports: [DMNImport] = []) -> Set<String> {
        var names = Set<String>()
        for root in roots { NameCollector.collect(root, into: &names) }
        // Imported elements are named `import.element`: both parts must lex as names.
        for declaration in imports {
            names.insert(declaration.name)
            names.formUnion(declaration.model?.knownNames ?? [])
        }
        // Plain identifiers lex without help; only names with spaces or symbols must be announced.
        return names.filter(NameCollector.needsAnnouncing)
    }
}

/// First pass: every name an expression may use, so names with spaces can be recognised. Names local to a scope
/// (parameters, context entries) that contain a dot are left to that scope: elsewhere `Person.Gender` is a path.
enum NameCollector {
    static func needsAnnouncing(_ name: String) -> Bool { FEELNames.needsAnnouncing(name) }

    static func collect(_ element: XMLElementNode, parent: String? = nil, into names: inout Set<String>) {
        // Most elements have no name attribute: only those are matched against the named kinds.
        if let name = element.attribute("name") {
            switch element.name {
            case "inputData", "decision", "businessKnowledgeModel", "itemComponent", "formalParameter",
                 "decisionService", "contextEntry", "variable", "parameter", "column":
                if !name.isEmpty {
                    let local = element.name == "formalParameter" || element.name == "parameter" || element.name == "column"
                        || (element.name == "variable" && parent == "contextEntry")
                    if !(local && name.contains(".")) { names.insert(name) }
                }
            default: break
            }
        }
        // A table row holds only cells, and a large table is most of a file's elements.
        if element.name == "rule" && DMNNamespaces.version(of: element.namespace) != nil { return }
        for child in element.children { collect(child, parent: element.name, into: &names) }
    }
}

extension DMNLoader {
    /// Loads a file, or every `.dmn` file of a folder as one model.
    public func load(path: String) throws(DMNLoadError) -> DMNModel {
        let files = try files(at: path)
        return try load(files: files)
    }

    /// The file itself, or the `.dmn` files of a folder: those `load(path:)` reads.
    public func files(at path: String) throws(DMNLoadError) -> [String] {
        guard let files = RuleFiles.dmnFiles(at: path) else {
            throw DMNLoadError([DMNProblem(file: path, line: 0, message: "no such file or folder")])
        }
        if files.isEmpty { throw DMNLoadError([DMNProblem(file: path, line: 0, message: "no .dmn files in this folder")]) }
        return files
    }
}

extension DMNLoader {
    /// Loads a model from DMN text; `name` stands for the file in messages.
    public func load(string: String, name: String) throws(DMNLoadError) -> DMNModel {
        let root: XMLElementNode
        do { root = try xmlLoader.load(string: string, name: name) } catch {
            throw DMNLoadError(error.diagnostics.map(DMNProblem.init))
        }
        return try build(roots: [root], files: [name])
    }
}

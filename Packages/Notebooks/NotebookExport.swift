/// The Jupyter notebooks of `docs/notebooks/ipynb`, composed from the Spanish pages (`docs/notebooks/6.4.md`,
/// `README.md`) and a run of each notebook, so that the page, the transcript and the notebook cannot disagree.
///
/// A page is Markdown with two kinds of marks that become code cells:
///
/// - a fenced `sh` block holding one `notebook …` command, e.g. `notebook run 6.4 --part momentum`: a
///   `%%bash` cell running that command with the project's tool, its stored output the lines the part printed
///   in the run (its ``NotebookPart/lines`` of ``NotebookSession/transcript``); in the walkthrough, `notebook list` and
///   `notebook run all --summary`;
/// - an image line `![caption](figures/6.4-trajectories.png)`: a Python cell displaying the PNG, its stored
///   output the PNG itself. In a notebook's page the figure must have been drawn by a part run before it (the
///   cell reads it from `figuras/`, where that part's cell wrote it); in the walkthrough it is read from
///   `../figures/`, where `make notebooks` put it.
///
/// Everything else becomes Markdown cells, one per `##` section, with relative links rewritten for the
/// notebooks' folder (`6.4.md` → `6.4.ipynb`, `README.md` → `recorrido.ipynb`, `output/6.4.txt` →
/// `../output/6.4.txt`). Every part of a notebook must be run exactly once and every figure shown, so the
/// notebook carries the whole transcript and every figure.
public enum NotebookExport {
    /// The folder, next to the notebooks, where their cells write figures.
    public static let figureFolder = "figuras"
    /// The `notebook` tool as the cells call it from `docs/notebooks/ipynb`.
    public static let defaultTool = "../../../.build/release/notebook"
    /// The walkthrough's file name without extension (its page is `README.md`).
    public static let walkthrough = "recorrido"

    /// A mistake in a page, with its place.
    public struct PageError: Error, CustomStringConvertible {
        /// The page's name, e.g. `6.4.md`.
        public let page: String
        /// The 1-based line.
        public let line: Int
        /// What is wrong.
        public let message: String
        /// `page:line: message`.
        public var description: String { "\(page):\(line): \(message)" }
    }

    /// A piece of a page.
    enum Block: Equatable {
        case markdown(String)
        case command(String, line: Int)
        case figure(caption: String, file: String, line: Int)
    }

    /// The page split into Markdown (one block per `##` section), commands and figures.
    static func blocks(_ page: String) -> [Block] {
        var blocks: [Block] = []
        var text: [Substring] = []
        func flush() {
            while text.first?.allSatisfy(\.isWhitespace) == true { text.removeFirst() }
            while text.last?.allSatisfy(\.isWhitespace) == true { text.removeLast() }
            if !text.isEmpty { blocks.append(.markdown(text.joined(separator: "\n"))) }
            text = []
        }
        let lines = page.split(separator: "\n", omittingEmptySubsequences: false)
        var i = 0
        var fenced = false
        while i < lines.count {
            let line = lines[i]
            if line.hasPrefix("```") {
                if !fenced, line == "```sh", i + 2 < lines.count, lines[i + 2] == "```",
                    lines[i + 1].hasPrefix("notebook ")
                {
                    flush()
                    blocks.append(.command(String(lines[i + 1]), line: i + 2))
                    i += 3
                    continue
                }
                fenced.toggle()
            } else if !fenced, let figure = figure(line) {
                flush()
                blocks.append(.figure(caption: figure.caption, file: figure.file, line: i + 1))
                i += 1
                continue
            } else if !fenced, line.hasPrefix("## ") {
                flush()
            }
            text.append(line)
            i += 1
        }
        flush()
        return blocks
    }

    /// The caption and file of a line that is exactly `![caption](figures/<file>.png)`.
    static func figure(_ line: Substring) -> (caption: String, file: String)? {
        guard line.hasPrefix("!["), line.hasSuffix(".png)"), let middle = line.firstRange(of: "](figures/") else {
            return nil
        }
        let file = line[middle.upperBound..<line.index(before: line.endIndex)]
        guard !file.contains("/") else { return nil }
        return (String(line[line.index(line.startIndex, offsetBy: 2)..<middle.lowerBound]), String(file))
    }

    /// Markdown with its relative links rewritten for the notebooks' folder.
    static func relinked(_ markdown: String) -> String {
        var result = ""
        var rest = Substring(markdown)
        while let open = rest.firstRange(of: "](") {
            result += rest[..<open.upperBound]
            rest = rest[open.upperBound...]
            guard let close = rest.firstIndex(of: ")") else { break }
            let target = String(rest[..<close])
            rest = rest[close...]
            result += relinkedTarget(target)
        }
        return result + rest
    }

    static func relinkedTarget(_ target: String) -> String {
        if target.hasPrefix("http:") || target.hasPrefix("https:") || target.hasPrefix("#")
            || target.hasPrefix("/") || target.hasPrefix("mailto:")
        {
            return target
        }
        let path = target.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)
        let anchor = path.count > 1 ? "#" + path[1] : ""
        if path[0] == "README.md" { return walkthrough + ".ipynb" + anchor }
        if NotebookCatalog.notebook(String(path[0].dropLast(3))) != nil, path[0].hasSuffix(".md") {
            return path[0].dropLast(3) + ".ipynb" + anchor
        }
        return "../" + target
    }

    /// The first code cell: what the others need.
    static func setupCell() -> JupyterNotebook.Cell {
        .code(
            """
            # Las celdas ejecutan la herramienta `notebook` del proyecto desde esta carpeta: compílela antes con
            # `make build` en la raíz del repositorio. Las figuras se escriben en \(figureFolder)/, junto a este cuaderno.
            from IPython.display import Image, display
            """, outputs: [])
    }

    /// The cell that shows a figure.
    static func figureCell(caption: String, path: String, png: [UInt8]) -> JupyterNotebook.Cell {
        .code("# \(caption)\ndisplay(Image(filename=\"\(path)\"))", outputs: [.png(png)])
    }

    /// The cell that runs one `notebook` command, with what it printed.
    static func commandCell(tool: String, arguments: String, output: [String]) -> JupyterNotebook.Cell {
        .code("%%bash\n\(tool) \(arguments)", outputs: [.standardOutput(output.map { $0 + "\n" }.joined())])
    }

    /// Markdown cells and the setup cell after the first one.
    private static func assemble(
        _ blocks: [Block], _ cell: (Block) throws -> JupyterNotebook.Cell?
    ) rethrows -> JupyterNotebook {
        var cells: [JupyterNotebook.Cell] = []
        for block in blocks {
            if case let .markdown(text) = block {
                cells.append(.markdown(relinked(text)))
                if cells.count == 1 { cells.append(setupCell()) }
            } else if let made = try cell(block) {
                cells.append(made)
            }
        }
        return JupyterNotebook(cells: cells)
    }

    /// The notebook of one UDL notebook from its page and a finished run of it.
    ///
    /// - Parameters:
    ///   - page: the page's Markdown.
    ///   - pageName: the page's name in errors (``PageError/page``), e.g. `6.4.md`.
    ///   - notebook: the notebook the page is about.
    ///   - session: its run (``Notebook/runReporting(_:)``) with figures drawn and shown as `figuras/…`.
    ///   - tool: the `notebook` command the cells run.
    ///   - png: the bytes of a figure the run drew, by file name.
    public static func notebook(
        page: String, pageName: String, notebook: any Notebook, session: NotebookSession,
        tool: String = defaultTool, png: (String) throws -> [UInt8]
    ) throws -> JupyterNotebook {
        let parts = session.parts
        var ran: [String] = []
        var drawn: Set<String> = []
        var shown: Set<String> = []
        let names = parts.map(\.name).joined(separator: ", ")
        let result = try assemble(blocks(page)) { block in
            switch block {
            case .markdown: return nil
            case let .command(command, line):
                let prefix = "notebook run \(notebook.id) --part "
                guard command.hasPrefix(prefix), let part = parts.first(where: { prefix + $0.name == command })
                else {
                    throw PageError(
                        page: pageName, line: line,
                        message:
                            "'\(command)' is not 'notebook run \(notebook.id) --part NAME' with NAME one of \(names)")
                }
                guard !ran.contains(part.name) else {
                    throw PageError(page: pageName, line: line, message: "part '\(part.name)' is run twice")
                }
                ran.append(part.name)
                drawn.formUnion(part.figures)
                let figures = part.figures.isEmpty ? "" : " --figures \(figureFolder)"
                return commandCell(
                    tool: tool, arguments: "run \(notebook.id) --part \(part.name)\(figures)",
                    output: Array(session.transcript[part.lines]))
            case let .figure(caption, file, line):
                guard drawn.contains(file) else {
                    throw PageError(
                        page: pageName, line: line,
                        message: "figure \(file) is shown before a part that draws it has run (or no part draws it)")
                }
                shown.insert(file)
                return figureCell(caption: caption, path: figureFolder + "/" + file, png: try png(file))
            }
        }
        let missing = parts.map(\.name).filter { !ran.contains($0) }
        guard missing.isEmpty else {
            throw PageError(
                page: pageName, line: 1, message: "parts never run: \(missing.joined(separator: ", ")) (of \(names))")
        }
        let hidden = parts.flatMap(\.figures).filter { !shown.contains($0) }
        guard hidden.isEmpty else {
            throw PageError(page: pageName, line: 1, message: "figures never shown: \(hidden.joined(separator: ", "))")
        }
        return result
    }

    /// The walkthrough (`recorrido.ipynb`) from `README.md`.
    ///
    /// - Parameters:
    ///   - page: the walkthrough's Markdown (`README.md`).
    ///   - pageName: the page's name in errors (``PageError/page``), e.g. `README.md`.
    ///   - listing: what `notebook list` prints.
    ///   - summary: what `notebook run all --summary` prints.
    ///   - tool: the `notebook` command the cells run.
    ///   - png: the bytes of a figure of `docs/notebooks/figures`, by file name.
    public static func walkthrough(
        page: String, pageName: String, listing: [String], summary: [String], tool: String = defaultTool,
        png: (String) throws -> [UInt8]
    ) throws -> JupyterNotebook {
        try assemble(blocks(page)) { block in
            switch block {
            case .markdown: return nil
            case let .command(command, line):
                let outputs = [
                    "notebook list": ("list", listing), "notebook run all --summary": ("run all --summary", summary),
                ]
                guard let (arguments, output) = outputs[command] else {
                    throw PageError(
                        page: pageName, line: line,
                        message: "'\(command)': the walkthrough runs 'notebook list' or 'notebook run all --summary'")
                }
                return commandCell(tool: tool, arguments: arguments, output: output)
            case let .figure(caption, file, _):
                return figureCell(caption: caption, path: "../figures/" + file, png: try png(file))
            }
        }
    }
}
